import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTransformersEmbedder,
  type Embedder,
  ExampleLibrary,
  ExampleRetriever,
} from '../src/index.js';
import { expectRejectsWith } from './helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const modelDir = resolve(repoRoot, 'fixtures/models/tiny-bert');
const referenceDir = resolve(repoRoot, 'fixtures/reference/tiny-bert');

let embedder: Embedder;

beforeAll(async () => {
  // The fixture is local; nothing may reach the Hub.
  env.allowRemoteModels = false;
  embedder = await createTransformersEmbedder(modelDir, { dtype: 'fp32' });
});

describe('createTransformersEmbedder with the tiny-bert fixture', () => {
  it('names itself by model directory, pooling and dtype, and measures its width', () => {
    expect(embedder.id).toBe('transformers:tiny-bert:mean:fp32');
    expect(embedder.dimensions).toBe(32);
  });

  it('equals the mean-pooled, normalised PyTorch last_hidden_state of the reference text', async () => {
    const manifest = JSON.parse(readFileSync(resolve(referenceDir, 'manifest.json'), 'utf8'));
    const numbers = manifest.texts.find((t: { name: string }) => t.name === 'numbers');
    const [positions, width] = manifest.lastHiddenState.shape as [number, number];
    const bytes = readFileSync(resolve(referenceDir, manifest.lastHiddenState.file));
    const hidden = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    const mean = new Float64Array(width);
    for (let p = 0; p < positions; p++)
      for (let j = 0; j < width; j++) mean[j]! += hidden[p * width + j]! / positions;
    const norm = Math.hypot(...mean);
    const [ours] = await embedder.embed([numbers.text]);
    expect(ours).toHaveLength(width);
    for (const [j, x] of ours!.entries()) expect(x).toBeCloseTo(mean[j]! / norm, 4);
  });

  it('embeds in batches, deterministically, one unit vector per text', async () => {
    const texts = ['the cat sat', 'def f(x): return x', 'the cat sat', '1, 2, 3, 4'];
    const batched = await createTransformersEmbedder(modelDir, { dtype: 'fp32', batchSize: 3 });
    const vectors = await batched.embed(texts);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(Array.from(vectors[2]!)).toEqual(Array.from(vectors[0]!));
    expect(Array.from(vectors[1]!)).not.toEqual(Array.from(vectors[0]!));
    const single = await embedder.embed([texts[1]!]);
    for (const [j, x] of single[0]!.entries()) expect(x).toBeCloseTo(vectors[1]![j]!, 5);
  });

  it('names a Hub revision other than main in its id, so indexes from two revisions do not mix', async () => {
    // A Hub-style id resolved from env.localModelPath: offline, and the revision reaches the id.
    const savedPath = env.localModelPath;
    env.localModelPath = resolve(repoRoot, 'fixtures/models');
    try {
      const main = await createTransformersEmbedder('tiny-bert', { dtype: 'fp32' });
      const mainExplicit = await createTransformersEmbedder('tiny-bert', {
        dtype: 'fp32',
        revision: 'main',
      });
      const pinned = await createTransformersEmbedder('tiny-bert', {
        dtype: 'fp32',
        revision: 'v2.1',
      });
      expect(main.id).toBe('transformers:tiny-bert:mean:fp32');
      expect(mainExplicit.id).toBe(main.id);
      expect(pinned.id).toBe('transformers:tiny-bert@v2.1:mean:fp32');
      const library = new ExampleLibrary(ExampleLibrary.builtin().all().slice(0, 5));
      const saved = (await ExampleRetriever.create({ library, embedder: main })).save();
      await expectRejectsWith(
        ExampleRetriever.load(saved, { library, embedder: pinned }),
        'EMBEDDER_MISMATCH',
      );
    } finally {
      env.localModelPath = savedPath;
    }
    // A local directory has no revisions: its id stays the same.
    const local = await createTransformersEmbedder(modelDir, { dtype: 'fp32', revision: 'v2.1' });
    expect(local.id).toBe('transformers:tiny-bert:mean:fp32');
    await expectRejectsWith(
      createTransformersEmbedder(modelDir, { revision: '' }),
      'INVALID_ARGUMENT',
      /revision/,
    );
  });

  it('loads the int8 weights as another vector space', async () => {
    const q8 = await createTransformersEmbedder(modelDir, { dtype: 'q8' });
    expect(q8.id).toBe('transformers:tiny-bert:mean:q8');
    const [a] = await q8.embed(['the cat sat']);
    const [b] = await embedder.embed(['the cat sat']);
    const cosine = a!.reduce((s, x, j) => s + x * b![j]!, 0);
    expect(cosine).toBeGreaterThan(0.9);
  });

  it('indexes the builtin library and searches it', async () => {
    const library = ExampleLibrary.builtin();
    const retriever = await ExampleRetriever.create({ library, embedder });
    const query = library.get('sequence-digits-bpe')!;
    const hits = await retriever.search(query.record, { k: 3, mode: 'exact' });
    expect(hits[0]!.example.id).toBe(query.id);
    // Not exactly 1: an example's indexed text also carries its genre/pattern tags.
    expect(hits[0]!.score).toBeGreaterThan(0.99);
  });

  it('reports a missing model directory as MODEL_NOT_FOUND', async () => {
    await expectRejectsWith(
      createTransformersEmbedder(resolve(repoRoot, 'fixtures/models/no-such-model')),
      'MODEL_NOT_FOUND',
      /config\.json/,
    );
    await expectRejectsWith(createTransformersEmbedder(' '), 'INVALID_ARGUMENT');
  });
});
