import { readFile, rename, rm, writeFile } from 'node:fs/promises';
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
    // Never leave the temporary file behind (a failed rename would keep a whole index there).
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (cause as NodeJS.ErrnoException)?.code;
    throw new EccoError('OUTPUT_WRITE_FAILED', `Could not write the index to ${path}.`, {
      hint:
        code === 'EISDIR'
          ? 'The path is a directory: give a file path, e.g. <dir>/examples.ecco-index.'
          : 'Check that the directory exists and is writable.',
      details: code ? { errno: code } : undefined,
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
    const code = (cause as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') {
      throw new EccoError('INDEX_NOT_FOUND', `There is no index file at ${path}.`, {
        hint: 'Build one with ExampleRetriever.create and saveToFile.',
        cause,
      });
    }
    // The file could not be read at all (its contents were never seen, so it is not corrupt):
    // the path given is not a readable file.
    throw new EccoError(
      'INVALID_ARGUMENT',
      `Could not read the index file ${path}${code ? ` (${code})` : ''}.`,
      {
        hint:
          code === 'EISDIR'
            ? 'The path is a directory: give the index file inside it.'
            : code === 'EACCES' || code === 'EPERM'
              ? 'Check the file permissions: this process may not read it.'
              : 'Check that the path names a readable index file.',
        details: code ? { errno: code } : undefined,
        cause,
      },
    );
  }
  return ExampleRetriever.load(bytes, options);
}

export * from './index.js';
