import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Python ecco's printJson output for bert-base-uncased (8 factors), read from ../shared. */
export function readEccoBert(): unknown {
  return JSON.parse(
    readFileSync(resolve(repoRoot, '../shared/fixtures/ecco/bert-base-uncased-nmf8.json'), 'utf8'),
  );
}
