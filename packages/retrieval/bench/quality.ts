/**
 * Retrieval quality on a held-out split of the builtin library (queries = held-out records;
 * relevant = same genre and pattern): recall@5 per mode with the offline embedder and the
 * tiny-bert transformers.js fixture (random weights); plus search latency on the library.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, writeBenchResult } from '@explainable-ecco/bench-kit';
import { env } from '@huggingface/transformers';
import {
  createOfflineEmbedder,
  createTransformersEmbedder,
  ExampleLibrary,
  ExampleRetriever,
  type SearchMode,
} from '../src/index.js';
import { heldOutRecall, heldOutSplit } from './held-out.js';

const MODES: SearchMode[] = ['lexical', 'exact', 'hybrid', 'hnsw'];
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
env.allowRemoteModels = false;

const library = ExampleLibrary.builtin();
const split = heldOutSplit(library);
const embedders = {
  offline: createOfflineEmbedder(),
  'tiny-bert (random weights)': await createTransformersEmbedder(
    resolve(repoRoot, 'fixtures/models/tiny-bert'),
    { dtype: 'fp32' },
  ),
};
const recall: Record<string, unknown> = {};
for (const [name, embedder] of Object.entries(embedders)) {
  recall[name] = await heldOutRecall(embedder, MODES, 5, library);
  for (const r of recall[name] as Array<{ mode: string; recall: number; hitRate: number }>) {
    console.log(
      `${name} ${r.mode}: recall@5 ${r.recall.toFixed(3)}, hit@5 ${r.hitRate.toFixed(3)}`,
    );
  }
}
// Chance level: the expected recall@5 of five examples drawn at random from the indexed split.
const chance = 5 / split.indexed.length;

const retriever = await ExampleRetriever.create({ library });
const queries = library.all().map((e) => e.record);
const latency: Record<string, unknown> = {};
for (const mode of MODES) {
  for (const q of queries.slice(0, 5)) await retriever.search(q, { k: 5, mode });
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await retriever.search(q, { k: 5, mode });
    times.push(performance.now() - t0);
  }
  latency[mode] = stats(times);
  console.log(`search ${mode} p50 ${(latency[mode] as { p50Ms: number }).p50Ms.toFixed(3)} ms`);
}
const t0 = performance.now();
await ExampleRetriever.create({ library });
const createMs = performance.now() - t0;

writeBenchResult('retrieval-quality', {
  library: {
    version: library.version,
    examples: library.size,
    queries: split.queries.length,
    indexed: split.indexed.length,
  },
  recallAt5: recall,
  chanceRecallAt5: chance,
  builtinSearchLatencyOfflineEmbedder: latency,
  createRetrieverMs: createMs,
});
