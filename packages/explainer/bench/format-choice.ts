// Which record format should prompts use? For each format: the prompt tokens its records cost
// (o200k, exact) and how well factors can be explained from what the format conveys, scored by
// the offline simulator on held-out windows. With OPENAI_API_KEY or OPENAI_BASE_URL set, an LLM
// also explains from each format and is scored the same way.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeBenchResult } from '@explainable-ecco/bench-kit';
import { type FactorRecord, toFactorization } from '@explainable-ecco/core';
import { getTokenCounter } from '@explainable-ecco/prompt-packer';
import {
  buildRecord,
  describeRecord,
  explain,
  openAIConfigured,
  RECORD_FORMATS,
  type RecordFormat,
  renderRecord,
  scoreExplanations,
} from '../src/node.js';
import { SYNTHETIC_RULES, syntheticCase } from '../test/helpers/synthetic.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const ecco = toFactorization(
  JSON.parse(
    readFileSync(resolve(repoRoot, '../shared/fixtures/ecco/bert-base-uncased-nmf8.json'), 'utf8'),
  ),
);
const synthetic = SYNTHETIC_RULES.flatMap((rule) =>
  Array.from({ length: 5 }, (_, k) => syntheticCase(rule, 100 + k)),
);
const corpora = [
  { name: 'ecco-bert-nmf8', factorizations: [ecco] },
  { name: 'synthetic-30', factorizations: synthetic.map((c) => c.factorization) },
];

/** What a reader of the format can know: `masked` shows which tokens are active, not how much. */
function asConveyed(record: FactorRecord, format: RecordFormat): FactorRecord {
  if (format !== 'masked') return record;
  return { ...record, tokens: record.tokens.map((t) => ({ ...t, value: t.value > 0 ? 10 : 0 })) };
}

const mean = (xs: Array<number | null | undefined>) => {
  const ok = xs.filter((x): x is number => typeof x === 'number');
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
};
const counter = await getTokenCounter('gpt-4o-mini');
const rows: Array<Record<string, unknown>> = [];
for (const corpus of corpora) {
  for (const format of RECORD_FORMATS) {
    const tokens: number[] = [];
    const simulation: Array<number | null | undefined> = [];
    const detection: Array<number | null | undefined> = [];
    for (const f of corpus.factorizations) {
      const explanations = f.factors.map((_, factor) => {
        const record = buildRecord(f, factor);
        tokens.push(counter.count(renderRecord(record, format)));
        return {
          factor,
          record,
          provider: 'heuristic',
          text: describeRecord(asConveyed(record, format), f.tokens.length),
        };
      });
      for (const s of await scoreExplanations(f, explanations, { baseline: false })) {
        simulation.push(s.scores?.simulation);
        detection.push(s.scores?.detection);
      }
    }
    const row: Record<string, unknown> = {
      corpus: corpus.name,
      format,
      explainer: 'heuristic (reads what the format conveys)',
      factors: simulation.length,
      meanRecordTokens: Math.round(mean(tokens)!),
      meanSimulation: Number(mean(simulation)?.toFixed(3)),
      meanDetection: Number(mean(detection)?.toFixed(3)),
    };
    if (openAIConfigured()) {
      const llm =
        corpus.name === 'ecco-bert-nmf8' ? await explain(ecco, { format, provider: 'openai' }) : [];
      if (llm.length) {
        const scored = await scoreExplanations(ecco, llm, { baseline: false });
        row.llmMeanSimulation = Number(mean(scored.map((s) => s.scores?.simulation))?.toFixed(3));
      }
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}

// The winner: best mean simulation over both corpora; within 0.01, the cheaper format.
const summary = RECORD_FORMATS.map((format) => {
  const mine = rows.filter((r) => r.format === format);
  return {
    format,
    simulation: mean(mine.map((r) => r.meanSimulation as number))!,
    tokens: mean(mine.map((r) => r.meanRecordTokens as number))!,
  };
});
const best = Math.max(...summary.map((s) => s.simulation));
const winner = summary
  .filter((s) => s.simulation >= best - 0.01)
  .sort((a, b) => a.tokens - b.tokens)[0]!;
console.log(`winner: ${winner.format}`, summary);
writeBenchResult('explainer-format-choice', {
  description:
    'Record formats compared offline: mean o200k tokens of a rendered record, and mean simulation/detection (heuristic explainer reading what the format conveys, scored by the lexical simulator on held-out windows). Winner: best mean simulation, ties (±0.01) to the fewer tokens.',
  llm: openAIConfigured()
    ? 'included (llmMeanSimulation)'
    : 'not run: no OPENAI_API_KEY / OPENAI_BASE_URL here',
  rows,
  summary,
  winner: winner.format,
});
