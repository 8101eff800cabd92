import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActivationCapture, ModelOutput, Token } from '@explainable-ecco/core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SklearnResult {
  init: 'random' | 'nndsvd' | 'nndsvda' | 'nndsvdar';
  solver: 'cd' | 'mu';
  betaLoss: 'frobenius' | 'kullback-leibler';
  maxIter: number;
  tol: number;
  /** scikit-learn's reconstruction_err_ (float32 arithmetic for float32 input). */
  reconstructionError: number;
  /** The error of scikit-learn's W and H computed in float64, as nmf() computes its own. */
  exactError: number;
  nIter: number;
}

export interface FixtureEntry {
  name: string;
  kind: 'synthetic' | 'activations';
  file?: string;
  manifest?: string;
  text?: string;
  layers?: number[];
  rows: number;
  cols: number;
  density: number;
  nComponents: number;
  sklearn: SklearnResult[];
}

export function nmfManifest(): { sklearnVersion: string; matrices: FixtureEntry[] } {
  return JSON.parse(readFileSync(resolve(repoRoot, 'fixtures/nmf/manifest.json'), 'utf8'));
}

export function readF32(path: string): Float32Array {
  const bytes = readFileSync(resolve(repoRoot, path));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/** A reference capture (tools/models) as the activations package would return it. */
export function referenceOutput(manifestPath: string, textName: string): ModelOutput {
  const manifest = JSON.parse(readFileSync(resolve(repoRoot, manifestPath), 'utf8'));
  const text = manifest.texts.find((t: { name: string }) => t.name === textName);
  const [layerCount, neurons, positions] = text.activations.shape as number[];
  const dir = dirname(resolve(repoRoot, manifestPath));
  const data = readF32(resolve(dir, text.activations.file));
  const activations: ActivationCapture = {
    layers: manifest.layers.slice(0, layerCount),
    neurons,
    positions,
    data,
  };
  const tokens: Token[] = (text.tokens as string[]).map((piece, position) => ({
    text: piece,
    display: piece,
    id: text.tokenIds[position],
    position,
    kind: 'input',
  }));
  return { tokens, activations };
}

/** The matrix of a fixture entry (for activations: ecco's positions × neurons, clipped). */
export function fixtureMatrix(entry: FixtureEntry): Float32Array {
  if (entry.kind === 'synthetic') return readF32(entry.file!);
  const { activations } = referenceOutput(entry.manifest!, entry.text!);
  const { layers, neurons, positions, data } = activations;
  const cols = layers.length * neurons;
  const x = new Float32Array(positions * cols);
  for (let c = 0; c < cols; c++) {
    for (let p = 0; p < positions; p++) x[p * cols + c] = Math.max(0, data[c * positions + p]);
  }
  return x;
}

/** Deterministic non-negative test matrix: rank-r product plus uniform noise, some zeros. */
export function smallMatrix(rows: number, cols: number, seed = 1, zeroShare = 0.3): Float32Array {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const r = 3;
  const w = Array.from({ length: rows * r }, rand);
  const h = Array.from({ length: r * cols }, rand);
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let v = 0.05 * rand();
      for (let t = 0; t < r; t++) v += w[i * r + t] * h[t * cols + j];
      x[i * cols + j] = rand() < zeroShare ? 0 : v;
    }
  }
  return x;
}
