import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ECCO_ERROR_CODES } from '../src/index.js';
import { eccoBertPath } from './shared-fixtures.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(packageDir, '../..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

describe('README', () => {
  it('runs the quick start as written (against the built package, from the repository root)', () => {
    expect(existsSync(join(packageDir, 'dist/index.js')), 'build the package first').toBe(true);
    // The example reads ../shared relative to the repository root, as DEVELOPERS.md says.
    expect(resolve(repoRoot, '../shared/fixtures/ecco/bert-base-uncased-nmf8.json')).toBe(
      eccoBertPath,
    );
    const code = /```ts\n([\s\S]*?)```/.exec(readme.split('## Quick start')[1]!)![1]!;
    // Inside the package directory so that '@explainable-ecco/core' resolves to itself.
    const dir = join(packageDir, 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'readme-quick-start.mts');
    writeFileSync(file, code);
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('363 tokens, 8 factors, wordpiece');
    expect(lines[1]).toBe('now i ask you : what can be expected of man');
    expect(lines[2]).toMatch(/^factor 0 peaks at token \d+: ".+"$/);
    expect(lines[3]).toBe('ecco round trip: identical');
    expect(lines[4]).toBe('factorization JSON round trip: identical');
    expect(lines[5]).toMatch(/^INVALID_ECCO_JSON: .*without ecco's outer list/);
  });

  it('lists every error code in the table, and no others', () => {
    const table = readme.split('## Errors')[1]!.split('\n## ')[0]!;
    const listed = [...table.matchAll(/^\| `([A-Z_]+)` *\|/gm)].map((m) => m[1]);
    expect(listed).toEqual([...ECCO_ERROR_CODES]);
  });
});
