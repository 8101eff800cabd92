import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is packages/demo-model/test/reference-data.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ReferenceArray {
  file: string;
  dtype: 'float32';
  shape: number[];
}

export interface ReferenceText {
  name: string;
  text: string;
  tokenIds: number[];
  tokens: string[];
  positions: number;
  activations: ReferenceArray & { layout: '[layer][neuron][position]' };
}

export interface ReferenceManifest {
  model: string;
  modelDir: string;
  modelType: string;
  hookedModule: string;
  layers: number[];
  neurons: number;
  texts: ReferenceText[];
  logits: (ReferenceArray & { text: string }) | null;
  /** Encoders only (they have no logits): the graph's last_hidden_state for one text. */
  lastHiddenState?: ReferenceArray & { text: string };
}

/** Every model with PyTorch reference data. */
export const REFERENCE_MODELS = [
  'demo-gpt2',
  'tiny-distilbert',
  'tiny-bert',
  'tiny-llama',
  'tiny-llama-past',
] as const;

export function loadManifest(model: string): ReferenceManifest {
  const path = join(REPO_ROOT, 'fixtures/reference', model, 'manifest.json');
  return JSON.parse(readFileSync(path, 'utf8')) as ReferenceManifest;
}

export function readFloat32(model: string, file: string): Float32Array {
  const bytes = readFileSync(join(REPO_ROOT, 'fixtures/reference', model, file));
  // Copy into an aligned buffer: the file is raw little-endian float32 without a header.
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

export function modelDir(manifest: ReferenceManifest): string {
  return join(REPO_ROOT, manifest.modelDir);
}
