import type { FactorRecord } from '@explainable-ecco/core';
import {
  candidateHypotheses,
  fitHypothesis,
  fitMatches,
  type Hypothesis,
  type HypothesisFit,
} from './hypotheses.js';
import { type TokenView, viewRecord } from './record-view.js';
import { normalizeToken } from './token-classes.js';

/** What the heuristic found in a record, before it is put into words. */
export interface Finding {
  /** 'silent': nothing active; 'none': no rule fits; otherwise how well the rules fit. */
  verdict: 'clear' | 'partial' | 'weak' | 'none' | 'silent';
  /** The chosen rules, best first (empty for 'silent'). */
  rules: HypothesisFit[];
  /** Coverage, precision and F of the rules together. */
  combined: { coverage: number; precision: number; fit: number };
  /** Strongest distinct tokens with their highest 0–10 value. */
  strongest: Array<{ text: string; value: number }>;
}

// On equal fits a named token says most (a comma factor is "commas", not "every 2nd position"
// in a comma-separated list), then a token class, then a position pattern.
const KIND_RANK: Record<Hypothesis['kind'], number> = { token: 0, class: 1, position: 2 };
const MAX_RULES = 4;

function better(a: HypothesisFit, b: HypothesisFit): number {
  // Equal fits usually mean the same tokens; then the more meaningful wording reads better.
  const df = Math.round(b.fit * 1000) - Math.round(a.fit * 1000);
  if (df !== 0) return df;
  const dk = KIND_RANK[a.hypothesis.kind] - KIND_RANK[b.hypothesis.kind];
  if (dk !== 0) return dk;
  return a.hypothesis.matches.length - b.hypothesis.matches.length;
}

/** A token is listed as one of the strongest from this share of the peak level. */
const STRONGEST_MIN_SHARE = 0.3;

function strongestTokens(views: TokenView[], limit = 5): Finding['strongest'] {
  const best = new Map<string, { text: string; value: number }>();
  for (const v of views) {
    if (v.value <= 0) continue;
    const key = normalizeToken(v.token.text) || v.token.text;
    const seen = best.get(key);
    if (!seen || v.value > seen.value) best.set(key, { text: v.token.text, value: v.value });
  }
  const sorted = [...best.values()].sort((a, b) => b.value - a.value);
  // Tokens barely above the mask (level 1–2 of 10) are active but not "strongest"; listing them
  // beside the peak would suggest they matter as much.
  const floor = Math.max(1, Math.ceil((sorted[0]?.value ?? 0) * STRONGEST_MIN_SHARE));
  return sorted.filter((t) => t.value >= floor).slice(0, limit);
}

/**
 * Finds the rules that best account for a record: single token, token class or position
 * rules, combined greedily while each addition improves the fit noticeably.
 */
export function analyseRecord(record: FactorRecord, sequenceLength?: number): Finding {
  const views = viewRecord(record);
  const strongest = strongestTokens(views);
  if (strongest.length === 0) {
    return {
      verdict: 'silent',
      rules: [],
      combined: { coverage: 0, precision: 0, fit: 0 },
      strongest,
    };
  }
  const fits = candidateHypotheses(views, sequenceLength)
    .map((h) => fitHypothesis(views, h))
    .sort(better);
  // Position rules stand alone: a union of periods soon covers everything and says nothing.
  const pool = fits.filter((f) => f.hypothesis.kind !== 'position' || f === fits[0]).slice(0, 15);
  const rules: HypothesisFit[] = [pool[0]!];
  const union = new Set(pool[0]!.hypothesis.matches);
  let combined = fitMatches(views, union);
  while (rules.length < MAX_RULES) {
    let bestAdd: { fit: HypothesisFit; combined: typeof combined } | undefined;
    for (const fit of pool) {
      // A rule added to others must carry real mass on its own, or unions of one-off tokens
      // would "explain" pure noise.
      if (rules.includes(fit) || fit.hypothesis.kind === 'position' || fit.coverage < 0.1) continue;
      if (rules[0]!.hypothesis.kind === 'position') break;
      const next = fitMatches(views, new Set([...union, ...fit.hypothesis.matches]));
      if (!bestAdd || next.fit > bestAdd.combined.fit) bestAdd = { fit, combined: next };
    }
    if (!bestAdd || bestAdd.combined.fit < combined.fit + 0.03) break;
    rules.push(bestAdd.fit);
    for (const i of bestAdd.fit.hypothesis.matches) union.add(i);
    combined = bestAdd.combined;
  }
  const verdict =
    combined.fit >= 0.7 && combined.coverage >= 0.6
      ? 'clear'
      : combined.fit >= 0.45 && combined.coverage >= 0.4
        ? 'partial'
        : combined.fit >= 0.25 && combined.coverage >= 0.2
          ? 'weak'
          : 'none';
  return { verdict, rules, combined, strongest };
}
