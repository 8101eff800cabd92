import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** `../shared` next to the repository root, as CI provides it. */
export const sharedFixtures = resolve(here, '../../../../shared/fixtures');
export const eccoBertPath = resolve(sharedFixtures, 'ecco/bert-base-uncased-nmf8.json');
export function readEccoBert(): unknown {
  return JSON.parse(readFileSync(eccoBertPath, 'utf8'));
}
