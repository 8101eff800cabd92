import {
  EccoError,
  type Explanation,
  type ExplanationScores,
  type FactorizationInput,
  type FactorRecord,
  isEccoError,
  seededRandom,
  toFactorization,
} from '@explainable-ecco/core';
import type { CacheStore } from '../cache/cache-store.js';
import type { CallSettings } from '../explain/factor-task.js';
import { type ProviderCallOptions, validateCallOptions } from '../explain-options.js';
import { resolveProvider } from '../providers/resolve-provider.js';
import {
  familyOf,
  maskedLevels,
  type RecordOptions,
  recordTokens,
  recordWindows,
  shownRanges,
} from '../records/build-record.js';
import type { Range } from '../records/windows.js';
import { errorSummary } from '../run/chat-call.js';
import { runPool } from '../run/pool.js';
import { newRunStats } from '../run/progress.js';
import { RateGate } from '../run/rate-gate.js';
import { runSecrets } from '../run/secrets.js';
import { usageReport } from '../usage/usage-report.js';
import { detectionScore, simulationScore } from './metrics.js';
import {
  type ScoringWindowOptions,
  type ScoringWindows,
  scoringWindows,
} from './scoring-windows.js';
import { chatSimulator, heuristicSimulator, type Simulator } from './simulator.js';

export interface ScoreOptions extends ProviderCallOptions, RecordOptions, ScoringWindowOptions {
  /**
   * Who predicts values from explanations: `heuristic` (offline lexical simulator, default),
   * `provider` (the LLM provider, as Bills et al. 2023), or a `Simulator` object.
   */
  simulator?: 'heuristic' | 'provider' | Simulator;
  /** Also score a random other factor's explanation on the same windows (default true). */
  baseline?: boolean;
  /** A window counts as active when some value reaches this level, 1–10 (default 5). */
  activeLevel?: number;
}

/** What scoring looked at, so a score can be judged. */
export interface ScoringDetails {
  /** Top windows (strongest values not shown to the explainer) and random windows, as positions. */
  windows: ScoringWindows;
  /** Predictions outside 0–10 that were clipped. */
  clipped: number;
  /** Predictions missing or unreadable. */
  invalid: number;
  /** The factor whose explanation served as the random baseline. */
  baselineFactor?: number;
  /** Why this explanation has no scores, when it has none. */
  error?: { code: string; message: string };
}

export interface ScoredExplanation extends Explanation {
  scoring: ScoringDetails;
}

/** What an entry point supplies: its default cache. */
export interface ScoreEnvironment {
  defaultCache(): CacheStore | undefined;
}

interface Evaluation {
  simulation: number | null;
  detection: number | null;
  clipped: number;
  invalid: number;
}

function checkExplanations(
  explanations: unknown,
  factors: number,
): asserts explanations is Explanation[] {
  if (!Array.isArray(explanations)) {
    throw new EccoError('INVALID_ARGUMENT', 'explanations must be an array.', {
      hint: 'Pass the result of explain().',
    });
  }
  explanations.forEach((e, i) => {
    const f = (e as Explanation | undefined)?.factor;
    if (
      !Number.isInteger(f) ||
      f! < 0 ||
      f! >= factors ||
      typeof (e as Explanation).text !== 'string'
    ) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `explanations[${i}] does not belong to this factorization.`,
        {
          hint: `Each explanation needs a text and a factor from 0 to ${factors - 1}.`,
          details: { index: i, factor: f },
        },
      );
    }
  });
}

/**
 * Scores explanations by simulation (Pearson r between true and predicted 0–10 values over
 * top and random windows the explainer did not see) and detection (balanced accuracy at telling
 * active windows from inactive ones), each with a random other explanation's scores as baseline.
 * Resolves to the explanations, in the given order, with `scores`, `score` (simulation r) and
 * `scoring` details; an explanation that has an error or no text gets null scores.
 */
export async function scoreWith(
  environment: ScoreEnvironment,
  input: FactorizationInput,
  explanations: Explanation[],
  options: ScoreOptions = {},
): Promise<ScoredExplanation[]> {
  const f = toFactorization(input);
  checkExplanations(explanations, f.factors.length);
  validateCallOptions(options);
  const activeLevel = options.activeLevel ?? 5;
  if (!(activeLevel >= 1 && activeLevel <= 10)) {
    throw new EccoError('INVALID_ARGUMENT', 'activeLevel must be within 1–10.', {
      hint: 'Use e.g. 5.',
    });
  }
  const secrets = runSecrets(options);
  const stats = newRunStats();
  const settings: CallSettings = {
    timeoutMs: options.timeoutMs ?? 60_000,
    retry: options.retry ?? {},
    signal: options.signal,
    gate: new RateGate(options.retry?.random),
    onSent: (factor, attempt) => options.onProgress?.({ type: 'sent', factor, attempt }),
    onRetry: (factor, e) =>
      options.onProgress?.({
        type: 'retrying',
        factor,
        attempt: e.attempt,
        delayMs: e.delayMs,
        error: errorSummary(e.error, secrets),
      }),
  };
  const factorOfRecord = new WeakMap<FactorRecord, number>();
  let simulator: Simulator;
  let providerId = 'heuristic';
  let model: string | undefined;
  if (options.simulator === undefined || options.simulator === 'heuristic')
    simulator = heuristicSimulator();
  else if (options.simulator === 'provider') {
    const provider = resolveProvider(options.provider ?? 'openai', options);
    providerId = provider.id;
    if (provider.kind !== 'chat') {
      simulator = localSimulator(provider.id, provider.simulate);
    } else {
      model = provider.model;
      const cache =
        options.cache === false ? undefined : (options.cache ?? environment.defaultCache());
      simulator = chatSimulator(
        provider,
        settings,
        cache,
        stats,
        (r) => factorOfRecord.get(r) ?? -1,
      );
    }
  } else if (
    typeof options.simulator === 'object' &&
    typeof options.simulator.simulate === 'function'
  ) {
    simulator = options.simulator;
  } else {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `Unknown simulator ${JSON.stringify(options.simulator)}.`,
      {
        hint: 'Use "heuristic", "provider", or an object with id and simulate().',
      },
    );
  }

  const family = familyOf(f);
  const usable = explanations.filter((e) => !e.error && e.text.trim() !== '');
  const results = new Array<ScoredExplanation>(explanations.length);
  await runPool(explanations.length, options.concurrency ?? 4, async (i) => {
    const explanation = explanations[i]!;
    const values = f.factors[explanation.factor]!;
    const levels = maskedLevels(values, options.mask);
    const shown = explanation.record
      ? shownRanges(explanation.record)
      : recordWindows(values, options);
    const windows = scoringWindows(levels, shown, {
      ...options,
      seed: (options.seed ?? 0) + explanation.factor,
    });
    const ranges: Range[] = [...windows.top, ...windows.random];
    const truth = ranges.map(([s, e]) => levels.slice(s, e));
    const blind = blindRecord(f.tokens, ranges, family);
    factorOfRecord.set(blind, explanation.factor);
    const evaluate = async (text: string): Promise<Evaluation> => {
      const out = await simulator.simulate(text, blind, {
        signal: options.signal,
        sequenceLength: f.tokens.length,
      });
      const predicted = splitByWindows(out.values, ranges);
      const sim = simulationScore(truth.flat(), predicted.flat());
      const clippedPred = predicted.map((w) => w.map((v) => Math.min(10, Math.max(0, v))));
      return {
        simulation: sim.r,
        detection: detectionScore(truth, clippedPred, activeLevel),
        clipped: sim.clipped,
        invalid: out.invalid,
      };
    };
    const base: ScoredExplanation = {
      ...explanation,
      scoring: { windows, clipped: 0, invalid: 0 },
    };
    if (explanation.error || explanation.text.trim() === '') {
      results[i] = {
        ...base,
        score: null,
        scores: { simulation: null, detection: null, simulator: simulator.id },
      };
      return;
    }
    try {
      const own = await evaluate(explanation.text);
      const scores: ExplanationScores = {
        simulation: own.simulation,
        detection: own.detection,
        simulator: simulator.id,
      };
      const scoring: ScoringDetails = { windows, clipped: own.clipped, invalid: own.invalid };
      const others = usable.filter((e) => e.factor !== explanation.factor);
      if (options.baseline !== false && others.length > 0) {
        const rand = seededRandom((options.seed ?? 0) * 7919 + explanation.factor + 1);
        const other = others[Math.floor(rand() * others.length)]!;
        const b = await evaluate(other.text);
        scores.baseline = { simulation: b.simulation, detection: b.detection };
        scoring.baselineFactor = other.factor;
      }
      results[i] = { ...base, score: own.simulation, scores, scoring };
    } catch (error) {
      if (isEccoError(error, 'ABORTED')) throw error;
      results[i] = {
        ...base,
        score: null,
        scores: { simulation: null, detection: null, simulator: simulator.id },
        scoring: { ...base.scoring, error: errorSummary(error, secrets) },
      };
    }
  });
  if (options.simulator === 'provider')
    options.onReport?.(usageReport(results, stats, providerId, model));
  return results;
}

function localSimulator(
  id: string,
  simulate:
    | ((explanation: string, record: FactorRecord, sequenceLength?: number) => number[])
    | undefined,
): Simulator {
  if (!simulate) {
    throw new EccoError('INVALID_ARGUMENT', `Provider ${id} cannot simulate.`, {
      hint: 'Use simulator "heuristic", or a chat provider such as "openai".',
    });
  }
  return {
    id,
    simulate: async (explanation, record, options) => ({
      values: simulate(explanation, record, options?.sequenceLength),
      invalid: 0,
    }),
  };
}

/** The scoring windows as a record without true values: what a simulator may see. */
function blindRecord(
  tokens: Parameters<typeof recordTokens>[0],
  ranges: Range[],
  family: FactorRecord['tokenizerFamily'],
): FactorRecord {
  const zeros = new Array<number>(tokens.length).fill(0);
  const out: FactorRecord = { tokens: [], windows: [], tokenizerFamily: family };
  for (const r of ranges) {
    const start = out.tokens.length;
    out.tokens.push(...recordTokens(tokens, zeros, r));
    out.windows!.push([start, out.tokens.length]);
  }
  return out;
}

function splitByWindows(values: number[], ranges: Range[]): number[][] {
  const out: number[][] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    const row = values.slice(at, at + (e - s));
    while (row.length < e - s) row.push(0);
    out.push(row.map((v) => (Number.isFinite(v) ? v : 0)));
    at += e - s;
  }
  return out;
}
