import { EccoError } from '@explainable-ecco/core';

const MAX_EXPLANATION_CHARS = 2000;

function stripFences(text: string): string {
  const fenced = /^```[\w-]*\s*\n?([\s\S]*?)\n?```\s*$/.exec(text.trim());
  return (fenced ? fenced[1]! : text).trim();
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fromJsonValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    for (const key of ['explanation', 'Explanation', 'answer', 'description']) {
      if (typeof v[key] === 'string') return v[key] as string;
    }
  }
  return undefined;
}

/**
 * Reads the explanation out of a model's answer. Structured output gives `{"explanation": …}`;
 * servers without it give anything from fenced JSON to a truncated JSON string to plain prose
 * ("Explanation: …"), and all of those are accepted. Empty answers are an error.
 */
export function parseExplanationContent(content: string | null | undefined): string {
  const text = stripFences(content ?? '');
  let found = fromJsonValue(tryJson(text));
  if (found === undefined) {
    const object = /\{[\s\S]*\}/.exec(text);
    if (object) found = fromJsonValue(tryJson(object[0]));
  }
  if (found === undefined) {
    // A JSON answer cut short by the token limit still carries most of its string.
    const partial = /"explanation"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text);
    if (partial) found = (tryJson(`"${partial[1]}"`) as string | undefined) ?? partial[1];
  }
  if (found === undefined) found = text.replace(/^\s*(explanation|answer)\s*:\s*/i, '');
  found = found
    .trim()
    .replace(/^(["“'])([\s\S]*)(["”'])$/, '$2')
    .trim();
  if (found === '') {
    throw new EccoError('INVALID_PROVIDER_RESPONSE', 'The model returned an empty explanation.', {
      hint: 'Retry, raise maxOutputTokens, or try another model.',
      details: { retryable: true },
    });
  }
  return found.length > MAX_EXPLANATION_CHARS ? `${found.slice(0, MAX_EXPLANATION_CHARS)}…` : found;
}

/** Parsed simulator output: values per excerpt and how many were missing or unreadable. */
export interface ParsedSimulation {
  values: number[][];
  /** Values that were absent, not numbers, or excerpts of the wrong length. */
  invalid: number;
}

/**
 * Reads a simulator's predicted values: `{"excerpts": [[…], …]}` (or a bare array of arrays,
 * or, as a last resort, the numbers in order). Missing values become 0 and are counted.
 */
export function parseSimulationContent(content: string, lengths: number[]): ParsedSimulation {
  const text = stripFences(content);
  let parsed = tryJson(text) ?? tryJson(/[[{][\s\S]*[\]}]/.exec(text)?.[0] ?? '');
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    parsed =
      (parsed as Record<string, unknown>).excerpts ?? (parsed as Record<string, unknown>).values;
  }
  let rows: unknown[][];
  if (Array.isArray(parsed) && parsed.every((r) => Array.isArray(r))) rows = parsed as unknown[][];
  else if (Array.isArray(parsed) && lengths.length === 1) rows = [parsed];
  else {
    const numbers = (text.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    rows = [];
    let at = 0;
    for (const n of lengths) {
      rows.push(numbers.slice(at, at + n));
      at += n;
    }
  }
  let invalid = 0;
  const values = lengths.map((n, w) => {
    const row = rows[w] ?? [];
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = row[i];
      const num = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
      if (Number.isFinite(num)) out.push(num);
      else {
        invalid++;
        out.push(0);
      }
    }
    invalid += Math.max(0, row.length - n);
    return out;
  });
  return { values, invalid };
}
