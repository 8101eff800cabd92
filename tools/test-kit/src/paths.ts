import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A file under `../shared/fixtures` (beside the repository, as CI provides it). */
export function sharedFixture(relative: string): string {
  const path = resolve(repoRoot, '../shared/fixtures', relative);
  if (!existsSync(path)) {
    throw new Error(
      `Shared fixture missing: ${path}. Tests expect ../shared/fixtures beside the repository (CI copies it there).`,
    );
  }
  return path;
}
