// Explain throughput against a loopback OpenAI-compatible server with a fixed latency, by
// concurrency. Concurrency 1 is the prototype's one-request-at-a-time loop: the reference.
import { stats, writeBenchResult } from '@explainable-ecco/bench-kit';
import { explain } from '../src/node.js';
import { markerFactorization } from '../test/helpers/factorizations.js';
import { markedFactor, startFakeOpenAI } from '../test/helpers/fake-openai-server.js';

const FACTORS = 32;
const LATENCY_MS = 25;
const RUNS = 5;

const server = await startFakeOpenAI((req) => ({
  kind: 'ok',
  content: JSON.stringify({ explanation: `w${markedFactor(req)}` }),
  delayMs: LATENCY_MS,
}));
const f = markerFactorization(FACTORS);
const options = {
  provider: 'openai' as const,
  baseURL: server.baseURL,
  model: 'gpt-4o-mini',
  examples: false as const,
  cache: false as const,
};
await explain(f, { ...options, concurrency: 8 }); // warm-up: tokenizer load, JIT

const rows: Array<Record<string, unknown>> = [];
let reference = 0;
for (const concurrency of [1, 4, 16]) {
  const samples: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const results = await explain(f, { ...options, concurrency });
    samples.push(performance.now() - t0);
    if (results.some((x, i) => x.factor !== i || x.error)) throw new Error('bad result');
  }
  const s = stats(samples);
  if (concurrency === 1) reference = s.p50Ms;
  const row = {
    concurrency,
    medianMs: Math.round(s.p50Ms),
    factorsPerSecond: Number(((FACTORS * 1000) / s.p50Ms).toFixed(1)),
    speedupVsSequential: Number((reference / s.p50Ms).toFixed(2)),
    timing: s,
  };
  rows.push(row);
  console.log(
    `concurrency ${concurrency}: median ${row.medianMs} ms, ${row.factorsPerSecond} factors/s, ×${row.speedupVsSequential} vs sequential`,
  );
}
await server.close();
writeBenchResult('explainer-throughput', {
  description: `explain() of ${FACTORS} factors against a loopback OpenAI-compatible server answering after ${LATENCY_MS} ms; median of ${RUNS} runs; reference = concurrency 1 (the prototype's sequential loop)`,
  factors: FACTORS,
  latencyMs: LATENCY_MS,
  rows,
});
