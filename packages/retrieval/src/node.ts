import { readFile, rename, writeFile } from 'node:fs/promises';
import { EccoError } from '@explainable-ecco/core';
import type { Embedder } from './embedder.js';
import type { ExampleLibrary } from './example-library.js';
import { ExampleRetriever } from './example-retriever.js';

/** Writes `retriever.save()` to a file atomically (a crash never leaves half an index behind). */
export async function saveToFile(retriever: ExampleRetriever, path: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, retriever.save());
    await rename(temporary, path);
  } catch (cause) {
    throw new EccoError('OUTPUT_WRITE_FAILED', `Could not write the index to ${path}.`, {
      hint: 'Check that the directory exists and is writable.',
      cause,
    });
  }
}

/** Reads an index written by `saveToFile`; see `ExampleRetriever.load` for the checks. */
export async function loadFromFile(
  path: string,
  options: { library?: ExampleLibrary; embedder?: Embedder; signal?: AbortSignal } = {},
): Promise<ExampleRetriever> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException)?.code === 'ENOENT';
    throw new EccoError(
      missing ? 'INDEX_NOT_FOUND' : 'INDEX_CORRUPT',
      missing ? `There is no index file at ${path}.` : `Could not read the index file ${path}.`,
      {
        hint: missing
          ? 'Build one with ExampleRetriever.create and saveToFile.'
          : 'Check the file permissions.',
        cause,
      },
    );
  }
  return ExampleRetriever.load(bytes, options);
}

export * from './index.js';
