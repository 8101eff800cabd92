import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('committed WebAssembly kernels', () => {
  it('match a fresh AssemblyScript compile of assembly/kernels.ts', () => {
    const script = fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url));
    // Exits non-zero (and the call throws) when src/engine/kernels-wasm.ts is stale.
    const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });
});
