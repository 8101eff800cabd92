import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('runs the quick start as written (against the built package)', () => {
    expect(existsSync(join(packageDir, 'dist/node.js')), 'build the package first').toBe(true);
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const code = readme.split('## Quick start (Node)')[1]!.split('```ts\n')[1]!.split('```')[0]!;
    // Inside the package directory so that '@explainable-ecco/nmf/node' resolves to itself.
    const dir = mkdtempSync(join(packageDir, '.readme-'));
    try {
      writeFileSync(join(dir, 'quick-start.mts'), code);
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(dir, 'quick-start.mts')],
        {
          cwd: packageDir,
          encoding: 'utf8',
        },
      );
      const lines = out.trim().split('\n');
      // One factor on the even tokens, the other on the odd ones, in separate layers.
      expect(out).toMatch(
        /share per layer: \[ \[ 1, 0 \], \[ 0, 1 \] \]|share per layer: \[ \[ 0, 1 \], \[ 1, 0 \] \]/,
      );
      expect(lines[0]).toMatch(/^\[/);
      expect(out).toMatch(/iterations: \d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
