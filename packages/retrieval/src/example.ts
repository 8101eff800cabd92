import type { FactorRecord, TokenizerFamily } from '@explainable-ecco/core';
import { EccoError, TOKENIZER_FAMILIES } from '@explainable-ecco/core';

/**
 * One worked example: a factor's record and the explanation a careful reader wrote for it.
 * Examples are the few-shot material an explainer shows a language model.
 */
export interface Example {
  /** Stable and unique within a library (indexes refer to examples by id). */
  id: string;
  /** Kind of text: 'code', 'verse', 'prose', 'sequence', 'markup', 'dialogue', 'mixed', 'special', … */
  genre: string;
  /** Finer kind, e.g. the programming language of a code example ('python', 'javascript', 'c'). */
  language?: string;
  /** The tokenizer convention the record's pieces follow. */
  tokenizerFamily: TokenizerFamily;
  /** Short tag of what the factor does: 'digits', 'line-start', 'closing-bracket', 'no-clear-pattern', … */
  pattern: string;
  /** Tokens with their 0–10 values. */
  record: FactorRecord;
  /** The text around the record, when it helps a reader. */
  context?: string;
  /** One or two precise sentences: what activates the factor, how strongly, and what does not. */
  explanation: string;
}

const MAX_EXPLANATION_CHARS = 2000;
const MAX_TOKENS = 4096;

function invalid(id: string, problem: string, hint: string): EccoError {
  return new EccoError('INVALID_EXAMPLE', `Example ${JSON.stringify(id)}: ${problem}.`, {
    hint,
    details: { id },
  });
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Throws `INVALID_EXAMPLE` naming the example and the field when `value` is not a usable Example. */
export function validateExample(value: unknown): asserts value is Example {
  if (typeof value !== 'object' || value === null) {
    throw new EccoError('INVALID_EXAMPLE', 'An example must be an object.', {
      hint: 'Pass objects with id, genre, tokenizerFamily, pattern, record and explanation.',
    });
  }
  const e = value as Partial<Example>;
  const id = typeof e.id === 'string' ? e.id : '(no id)';
  if (!nonEmptyString(e.id))
    throw invalid(id, 'has no id', 'Give every example a unique, non-empty string id.');
  if (!nonEmptyString(e.genre))
    throw invalid(id, 'has no genre', "Set genre, e.g. 'code' or 'prose'.");
  if (e.language !== undefined && !nonEmptyString(e.language)) {
    throw invalid(id, 'has an empty language', "Omit language or set it, e.g. to 'python'.");
  }
  if (!TOKENIZER_FAMILIES.includes(e.tokenizerFamily as TokenizerFamily)) {
    throw invalid(
      id,
      `has tokenizerFamily ${JSON.stringify(e.tokenizerFamily)}`,
      `Use one of: ${TOKENIZER_FAMILIES.join(', ')}.`,
    );
  }
  if (!nonEmptyString(e.pattern)) {
    throw invalid(
      id,
      'has no pattern',
      "Tag what the factor does, e.g. 'digits' or 'no-clear-pattern'.",
    );
  }
  if (!nonEmptyString(e.explanation))
    throw invalid(id, 'has no explanation', 'Write one or two sentences.');
  if (e.explanation.length > MAX_EXPLANATION_CHARS) {
    throw invalid(
      id,
      `has an explanation of ${e.explanation.length} characters`,
      `Keep it under ${MAX_EXPLANATION_CHARS}.`,
    );
  }
  if (e.context !== undefined && typeof e.context !== 'string') {
    throw invalid(id, 'has a context that is not a string', 'Omit context or make it a string.');
  }
  validateRecord(id, e.record);
}

function validateRecord(id: string, record: unknown): void {
  const tokens = (record as FactorRecord | undefined)?.tokens;
  if (!Array.isArray(tokens) || tokens.length === 0) {
    throw invalid(id, 'has a record without tokens', 'Give record.tokens as [{ text, value }, …].');
  }
  if (tokens.length > MAX_TOKENS) {
    throw invalid(
      id,
      `has ${tokens.length} tokens`,
      `Keep records under ${MAX_TOKENS} tokens: use short windows.`,
    );
  }
  tokens.forEach((t, i) => {
    if (typeof t?.text !== 'string') {
      throw invalid(id, `token ${i} has no text`, 'Every token needs a string text.');
    }
    if (!Number.isInteger(t.value) || t.value < 0 || t.value > 10) {
      throw invalid(
        id,
        `token ${i} (${JSON.stringify(t.text)}) has value ${t.value}`,
        'Values are integers 0–10.',
      );
    }
  });
  if (!tokens.some((t) => t.value > 0)) {
    throw invalid(
      id,
      'has a record where every value is 0',
      'An example must show where the factor fires.',
    );
  }
  const { windows, tokenizerFamily } = record as FactorRecord;
  if (tokenizerFamily !== undefined && !TOKENIZER_FAMILIES.includes(tokenizerFamily)) {
    throw invalid(
      id,
      `has record.tokenizerFamily ${JSON.stringify(tokenizerFamily)}`,
      `Use one of: ${TOKENIZER_FAMILIES.join(', ')}.`,
    );
  }
  for (const w of windows ?? []) {
    const ok =
      Array.isArray(w) &&
      Number.isInteger(w[0]) &&
      Number.isInteger(w[1]) &&
      w[0] >= 0 &&
      w[0] < w[1] &&
      w[1] <= tokens.length;
    if (!ok) {
      throw invalid(
        id,
        `has window ${JSON.stringify(w)}`,
        `Windows are [start, end) with 0 ≤ start < end ≤ ${tokens.length}.`,
      );
    }
  }
}
