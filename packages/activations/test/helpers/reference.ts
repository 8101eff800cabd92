import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (tests run from packages/activations). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** PyTorch reference activations written by tools/models (format: fixtures/README.md). */
export interface ReferenceManifest {
  model: string;
  modelDir: string;
  modelType: string;
  hookedModule: string;
  layers: number[];
  neurons: number;
  texts: Array<{
    name: string;
    text: string;
    tokenIds: number[];
    tokens: string[];
    positions: number;
    activations: { file: string; shape: [number, number, number] };
  }>;
  logits: { text: string; file: string; shape: [number, number] } | null;
}

export const referenceDir = resolve(repoRoot, 'fixtures/reference');

export function referenceModels(): string[] {
  if (!existsSync(referenceDir)) return [];
  return readdirSync(referenceDir).filter((d) =>
    existsSync(resolve(referenceDir, d, 'manifest.json')),
  );
}

export function readManifest(model: string): ReferenceManifest {
  return JSON.parse(readFileSync(resolve(referenceDir, model, 'manifest.json'), 'utf8'));
}

export function readFloats(model: string, file: string): Float32Array {
  const buf = readFileSync(resolve(referenceDir, model, file));
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export function maxAbs(a: Float32Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

export function pearson(a: Float32Array, b: Float32Array): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}
