import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('README', () => {
  it('runs its example as written (against this source tree)', async () => {
    const readme = await readFile(resolve(root, 'README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const source = code!.replace(
      "from '@explainable-ecco/prompt-packer'",
      `from ${JSON.stringify(resolve(root, 'src/index.ts'))}`,
    );
    const dir = resolve(root, 'test-artifacts');
    await mkdir(dir, { recursive: true });
    const file = resolve(dir, 'readme-example.mts');
    await writeFile(file, source);
    const tsx = resolve(root, '../../node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, [file], { cwd: root });
    const match = /^(\d+) \/ (\d+) tokens; \[([^\]]*)\] \[\]$/m.exec(stdout.trim());
    expect(match, stdout).not.toBeNull();
    expect(Number(match![1])).toBeLessThanOrEqual(Number(match![2]));
    expect(match![3]).toContain("'lib-17'");
    expect(match![3]).toContain("'shot-1'");
  }, 60_000);
});
