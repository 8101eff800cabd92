import type { FactorRecord } from '@explainable-ecco/core';
import { EccoError, TOKENIZER_FAMILIES } from '@explainable-ecco/core';
import { ExampleLibrary } from './example-library.js';
import type { SearchMode, SearchOptions } from './example-retriever.js';
import type { HnswOptions } from './hnsw-index.js';
import { recordToText } from './record-text.js';

const MODES: readonly SearchMode[] = ['exact', 'lexical', 'hybrid', 'hnsw'];
/** The largest beam width the HNSW graph accepts (as its efSearch setting). */
const MAX_EF_SEARCH = 100_000;

/** Throws `EMPTY_LIBRARY` (or `INVALID_ARGUMENT` for a non-library). */
export function requireExamples(library: ExampleLibrary): void {
  if (!(library instanceof ExampleLibrary)) {
    throw new EccoError('INVALID_ARGUMENT', 'options.library must be an ExampleLibrary.', {
      hint: 'Use ExampleLibrary.builtin() or new ExampleLibrary(examples).',
    });
  }
  if (library.size === 0) {
    throw new EccoError(
      'EMPTY_LIBRARY',
      'The example library is empty, so there is nothing to retrieve.',
      {
        hint: 'Use ExampleLibrary.builtin(), or add examples with library.add(...).',
      },
    );
  }
}

export function hnswSettings(option: HnswOptions | boolean | undefined): HnswOptions {
  return typeof option === 'object' && option !== null ? option : {};
}

/** The text to embed and index for a query; `EMPTY_QUERY` when there is nothing to search with. */
export function queryText(query: string | FactorRecord): string {
  if (typeof query === 'string') {
    if (query.trim() === '') {
      throw new EccoError('EMPTY_QUERY', 'The search query is empty.', {
        hint: 'Pass a factor record or a non-empty string.',
      });
    }
    return query;
  }
  if (!query || typeof query !== 'object' || !Array.isArray(query.tokens)) {
    throw new EccoError('EMPTY_QUERY', 'The query record has no tokens with text.', {
      hint: 'Pass a record with at least one non-empty token, or a non-empty string.',
    });
  }
  query.tokens.forEach((t: unknown, i) => {
    const token = t as { text?: unknown; value?: unknown } | null;
    if (
      typeof token !== 'object' ||
      token === null ||
      typeof token.text !== 'string' ||
      typeof token.value !== 'number' ||
      !Number.isFinite(token.value)
    ) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `Token ${i} of the query record is not { text: string, value: finite number }.`,
        {
          hint: 'Give every token its display text and its 0–10 value, e.g. { text: "cat", value: 7 }.',
          details: { token: i },
        },
      );
    }
  });
  if (!query.tokens.some((t) => t.text.trim() !== '')) {
    throw new EccoError('EMPTY_QUERY', 'The query record has no tokens with text.', {
      hint: 'Pass a record with at least one non-empty token, or a non-empty string.',
    });
  }
  return recordToText(query);
}

/**
 * Validated k, mode and diversity with their defaults; checks efSearch, tokenizerFamily and
 * filter too (`INVALID_ARGUMENT` otherwise).
 */
export function checkSearchOptions(options: SearchOptions): {
  k: number;
  mode: SearchMode;
  diversity: number;
} {
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1) {
    throw new EccoError('INVALID_ARGUMENT', `k must be a positive integer, got ${k}.`);
  }
  const mode = options.mode ?? 'hybrid';
  if (!MODES.includes(mode)) {
    throw new EccoError('INVALID_ARGUMENT', `Unknown search mode ${JSON.stringify(mode)}.`, {
      hint: `Use one of: ${MODES.join(', ')}.`,
    });
  }
  const diversity = options.diversity ?? 0;
  if (!(diversity >= 0 && diversity <= 1)) {
    throw new EccoError('INVALID_ARGUMENT', `diversity must be from 0 to 1, got ${diversity}.`, {
      hint: '0 is off; 0.3 is a mild push toward variety.',
    });
  }
  const { efSearch, tokenizerFamily, filter } = options;
  if (
    efSearch !== undefined &&
    (typeof efSearch !== 'number' ||
      !Number.isInteger(efSearch) ||
      efSearch < 1 ||
      efSearch > MAX_EF_SEARCH)
  ) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `efSearch must be an integer from 1 to ${MAX_EF_SEARCH}, got ${String(efSearch)}.`,
      { hint: "Leave it out for the graph's default, or raise it (e.g. 128) for better recall." },
    );
  }
  if (tokenizerFamily !== undefined && !TOKENIZER_FAMILIES.includes(tokenizerFamily)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `Unknown tokenizerFamily ${JSON.stringify(tokenizerFamily)}.`,
      { hint: `Use one of: ${TOKENIZER_FAMILIES.join(', ')}, or leave it out.` },
    );
  }
  if (filter !== undefined && typeof filter !== 'function') {
    throw new EccoError('INVALID_ARGUMENT', `filter must be a function, got ${typeof filter}.`, {
      hint: 'Pass (example) => boolean, e.g. (e) => e.genre !== "verse".',
    });
  }
  return { k, mode, diversity };
}
