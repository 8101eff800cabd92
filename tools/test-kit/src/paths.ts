import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tools/test-kit/src/paths.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Python ecco's `explore(printJson=True)` output for bert-base-uncased, 8 factors over all 12
 * layers of a 363-token passage: the real-data fixture, relative to `../shared/fixtures`.
 */
export const ECCO_BERT_NMF8 = 'ecco/bert-base-uncased-nmf8.json';

/**
 * A file under `../shared/fixtures` (beside the repository, as CI provides it). Throws, saying
 * where it looked, when it is missing: the data is never copied into the repository.
 */
export function sharedFixture(relative: string): string {
  const path = resolve(repoRoot, '../shared/fixtures', relative);
  if (!existsSync(path)) {
    throw new Error(
      `Shared fixture missing: ${path}. Tests expect ../shared/fixtures beside the repository (CI copies it there).`,
    );
  }
  return path;
}

/** A JSON file under `../shared/fixtures`, parsed (see {@link sharedFixture}). */
export function readSharedJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(sharedFixture(relative), 'utf8')) as T;
}
