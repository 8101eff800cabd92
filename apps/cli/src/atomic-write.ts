import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EccoError } from '@explainable-ecco/core';

/**
 * Writes a file so that readers see either the old file or the complete new one, never a
 * half-written file: write a sibling temp file, then rename over the target.
 */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, contents, 'utf8');
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => {});
    throw new EccoError(
      'OUTPUT_WRITE_FAILED',
      `Could not write ${path}: ${(cause as Error).message}.`,
      {
        hint: 'Check that the --out directory is writable and the disk has room.',
        cause,
      },
    );
  }
}
