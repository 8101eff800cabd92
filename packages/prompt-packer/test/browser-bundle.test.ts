import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = resolve(dirname(fileURLToPath(import.meta.url)), '../src/index.ts');

describe('browser bundle', () => {
  it('keeps each OpenAI encoding in its own lazily loaded chunk and node: modules out', async () => {
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      write: false,
      outdir: '/virtual-out',
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.entries(out.metafile.outputs);
    const [, entryOutput] = outputs.find(([path]) => path.endsWith('/index.js'))!;
    const ranksIn = (inputs: Record<string, unknown>) =>
      Object.keys(inputs).filter((i) => i.includes('/bpeRanks/'));
    // The entry holds the packer, @huggingface/tokenizers and the Jinja engine, no BPE ranks.
    expect(ranksIn(entryOutput.inputs)).toEqual([]);
    expect(entryOutput.bytes).toBeLessThan(200_000);
    // Each encoding's ranks (hundreds of kB to megabytes) sit alone in a chunk loaded on use.
    for (const encoding of ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base']) {
      const holders = outputs.filter(([, o]) =>
        ranksIn(o.inputs).some((i) => i.endsWith(`/${encoding}.js`)),
      );
      expect(holders.length, encoding).toBe(1);
      expect(ranksIn(holders[0]![1].inputs)).toHaveLength(1);
      expect(entryOutput.imports).toContainEqual(
        expect.objectContaining({ kind: 'dynamic-import', path: holders[0]![0] }),
      );
    }
    for (const f of out.outputFiles) expect(f.text).not.toMatch(/from\s*["']node:/);
    const imports = outputs.flatMap(([, o]) => o.imports);
    expect(imports.some((i) => i.path.startsWith('node:'))).toBe(false);
  }, 60_000);
});
