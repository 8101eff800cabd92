import { resolve } from 'node:path';
import { type ReferenceManifest, repoRoot } from '@explainable-ecco/test-kit';

/**
 * Every model with PyTorch reference data, named here rather than read from the directory so that
 * a missing fixture fails the tests instead of silently dropping a model (onnx-outputs checks the
 * list against test-kit's `referenceModels()`).
 */
export const REFERENCE_MODELS = [
  'demo-gpt2',
  'tiny-distilbert',
  'tiny-bert',
  'tiny-llama',
  'tiny-llama-past',
] as const;

/** The model directory a reference manifest was made from. */
export function modelDir(manifest: ReferenceManifest): string {
  return resolve(repoRoot, manifest.modelDir);
}
