/**
 * Packs 200 library examples into a 4,097-token window (text-davinci-003, completion) and a
 * 128k window (gpt-4o, chat) and reports fill ratio and packing time, next to two references
 * run in the same process: an exact greedy packer that recounts the whole prompt for every
 * candidate (same selection rule, no estimates), and the old prototype's fixed 3,000-token fill.
 */
import { stats, time, writeBenchResult } from '@explainable-ecco/bench-kit';
import {
  countLayout,
  getTokenCounter,
  type PackExample,
  type PackOptions,
  pack,
  type TokenCounter,
} from '../src/index.js';
import { libraryExamples } from './library.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const examples = libraryExamples(200);
const instructions =
  'Each example pairs an explanation of a neuron with records of tokens and activations (0-10). Explain the neuron in the query the same way.';
const query = `Query record:\n${libraryExamples(1, 99)[0]!.text}`;

function layoutOf(options: PackOptions, included: PackExample[]) {
  const user = [options.instructions, ...included.map((e) => e.text), options.query]
    .filter(Boolean)
    .join('\n\n');
  return options.format === 'chat'
    ? { messages: [{ role: 'user' as const, content: user }] }
    : { prompt: user };
}

/** Reference: exact greedy by recounting the assembled prompt for each candidate. */
function recountGreedy(options: PackOptions, counter: TokenCounter, limit: number) {
  const included: PackExample[] = [];
  let used = countLayout(counter, layoutOf(options, included));
  for (const example of options.examples) {
    const tokens = countLayout(counter, layoutOf(options, [...included, example]));
    if (tokens <= limit) {
      included.push(example);
      used = tokens;
    }
  }
  return { used, included: included.length };
}

const scenarios = [
  {
    name: '4k-completion',
    model: 'text-davinci-003',
    format: 'completion' as const,
    maxOutputTokens: 256,
  },
  { name: '128k-chat', model: 'gpt-4o', format: 'chat' as const, maxOutputTokens: 4_096 },
];

const results: Record<string, unknown>[] = [];
for (const s of scenarios) {
  const loadStart = performance.now();
  const counter = await getTokenCounter(s.model);
  const loadMs = performance.now() - loadStart;
  const options: PackOptions = {
    model: s.model,
    tokenizer: counter,
    instructions,
    examples,
    query,
    maxOutputTokens: s.maxOutputTokens,
    format: s.format,
  };
  const result = await pack(options);
  const packTime = await time(() => pack(options), { runs: RUNS, warmup: 1 });

  const reference = recountGreedy(options, counter, result.budget);
  const referenceSamples: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const t0 = performance.now();
    recountGreedy(options, counter, result.budget);
    referenceSamples.push(performance.now() - t0);
  }
  const referenceTime = stats(referenceSamples);
  const libraryTokens = examples.reduce((n, e) => n + counter.count(e.text!), 0);
  const prototypeFill = Math.min(3_000, result.budget) / result.budget;

  const row = {
    scenario: s.name,
    model: s.model,
    format: s.format,
    tokenizer: result.tokenizer,
    contextWindow: result.contextWindow,
    budget: result.budget,
    libraryTokens,
    enoughExamples: libraryTokens > result.budget,
    usedTokens: result.usedTokens,
    fillRatio: result.usedTokens / result.budget,
    included: result.included.length,
    dropped: result.dropped.length,
    tokenizerLoadMs: loadMs,
    packMs: packTime,
    reference: {
      recountGreedy: {
        usedTokens: reference.used,
        fillRatio: reference.used / result.budget,
        included: reference.included,
        ms: referenceTime,
      },
      prototypeFixed3000: { fillRatio: prototypeFill },
    },
    ratios: {
      fillVsRecountGreedy: result.usedTokens / reference.used,
      speedupVsRecountGreedy: referenceTime.p50Ms / packTime.p50Ms,
      fillVsPrototype: result.usedTokens / result.budget / prototypeFill,
    },
  };
  results.push(row);
  console.log(
    `${s.name}: fill ${(row.fillRatio * 100).toFixed(2)}% (${result.usedTokens}/${result.budget}, ${result.included.length} examples), pack p50 ${packTime.p50Ms.toFixed(1)} ms; recount-greedy fill ${((reference.used / result.budget) * 100).toFixed(2)}%, p50 ${referenceTime.p50Ms.toFixed(1)} ms (${row.ratios.speedupVsRecountGreedy.toFixed(1)}× slower)`,
  );
}

writeBenchResult('prompt-packer', { runs: RUNS, examples: examples.length, scenarios: results });
