import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../src/index.js';

function sources() {
  const dir = mkdtempSync(join(tmpdir(), 'test-kit-bundle-'));
  writeFileSync(join(dir, 'dep.ts'), 'export const answer: number = 42;\n');
  writeFileSync(
    join(dir, 'entry.ts'),
    "import { answer } from './dep.js';\nimport { peer } from 'optional-peer';\nexport const out = answer + peer;\n",
  );
  return dir;
}

describe('bundleForBrowser', () => {
  it('bundles an entry into one ES module and lists what it pulled in', async () => {
    const dir = sources();
    const bundle = await bundleForBrowser(join(dir, 'entry.ts'), { external: ['optional-peer'] });
    expect(bundle.code).toContain('42');
    expect(bundle.code).toMatch(/from "optional-peer"/);
    expect(bundle.inputs.some((i) => i.endsWith('dep.ts'))).toBe(true);
    expect(bundle.inputs.some((i) => i.endsWith('entry.ts'))).toBe(true);
    const entry = Object.entries(bundle.metafile.inputs).find(([p]) => p.endsWith('entry.ts'))!;
    expect(entry[1].imports.map((i) => i.path)).toContain('optional-peer');
  });

  it('writes the bundle when given an outfile', async () => {
    const dir = sources();
    const outfile = join(dir, 'out/page.js');
    const bundle = await bundleForBrowser(join(dir, 'entry.ts'), {
      outfile,
      external: ['optional-peer'],
    });
    expect(readFileSync(outfile, 'utf8')).toBe(bundle.code);
  });

  it('fails with esbuild’s message when an import cannot be resolved', async () => {
    const dir = sources();
    await expect(bundleForBrowser(join(dir, 'entry.ts'))).rejects.toThrow(/optional-peer/);
  });
});
