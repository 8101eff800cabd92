import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './paths.js';

/** A raw little-endian float32 file of a reference directory, C order of `shape`. */
export interface ReferenceArray {
  file: string;
  dtype: 'float32';
  shape: number[];
}

/** `fixtures/reference/<model>/manifest.json`: PyTorch reference data (fixtures/README.md). */
export interface ReferenceManifest {
  model: string;
  /** The model's directory, relative to the repository root. */
  modelDir: string;
  modelType: string;
  /** The module whose input was captured (`{layer}` stands for the layer index). */
  hookedModule: string;
  layers: number[];
  neurons: number;
  texts: Array<{
    name: string;
    text: string;
    tokenIds: number[];
    tokens: string[];
    positions: number;
    activations: ReferenceArray & { layout?: '[layer][neuron][position]' };
  }>;
  /** Causal LMs: the logits for one text. Null for encoders. */
  logits: (ReferenceArray & { text: string }) | null;
  /** Encoders: the graph's last_hidden_state for one text. */
  lastHiddenState?: ReferenceArray & { text: string };
}

/** `fixtures/reference`: one directory of PyTorch reference data per model. */
export const referenceDir = resolve(repoRoot, 'fixtures/reference');

/** The models that have reference data (directories holding a manifest.json). */
export function referenceModels(): string[] {
  if (!existsSync(referenceDir)) return [];
  return readdirSync(referenceDir).filter((d) =>
    existsSync(resolve(referenceDir, d, 'manifest.json')),
  );
}

/** The manifest of `model`'s reference data. */
export function readReferenceManifest(model: string): ReferenceManifest {
  return JSON.parse(readFileSync(resolve(referenceDir, model, 'manifest.json'), 'utf8'));
}

/** A float32 file of `model`'s reference data. */
export function readReferenceFloats(model: string, file: string): Float32Array {
  const bytes = readFileSync(resolve(referenceDir, model, file));
  // Copy into a buffer of its own: a Buffer's offset into Node's pool need not be 4-aligned.
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}
