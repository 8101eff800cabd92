import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ECCO_BERT_NMF8,
  readReferenceFloats,
  readReferenceManifest,
  readSharedJson,
  referenceModels,
  repoRoot,
  sharedFixture,
} from '../src/index.js';

describe('fixture paths', () => {
  it('finds the repository root', () => {
    expect(existsSync(join(repoRoot, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('reads the shared ecco fixture, and says where it looked for a missing one', () => {
    const data = readSharedJson<{ tokens: unknown[]; factors: number[][][] }>(ECCO_BERT_NMF8);
    expect(data.tokens).toHaveLength(363);
    expect(data.factors[0]).toHaveLength(8);
    expect(() => sharedFixture('nope/missing.json')).toThrow(
      /Shared fixture missing: .*nope\/missing\.json/,
    );
  });

  it('reads PyTorch reference manifests and their float32 arrays', () => {
    expect(referenceModels()).toEqual(expect.arrayContaining(['demo-gpt2', 'tiny-llama']));
    const manifest = readReferenceManifest('tiny-llama');
    const text = manifest.texts[0]!;
    const values = readReferenceFloats('tiny-llama', text.activations.file);
    expect(values.length).toBe(text.activations.shape.reduce((a, b) => a * b, 1));
    expect(values.every(Number.isFinite)).toBe(true);
  });
});
