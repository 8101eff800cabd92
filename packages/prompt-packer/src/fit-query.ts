import { EccoError } from '@explainable-ecco/core';
import { type FixedParts, layOut } from './layout.js';
import { countLayout } from './prompt-count.js';
import { longestFittingCut } from './truncate-middle.js';
import type { PackOptions, TokenCounter } from './types.js';

export interface FittedQuery {
  query: string;
  truncated: boolean;
  /** Tokens of the prompt with no examples. */
  tokens: number;
}

/** A caller's truncation may miss by a few tokens: ask again for less, this many times. */
const CALLER_RETRIES = 4;

function tooLong(tokens: number, limit: number, reason: string): EccoError {
  return new EccoError(
    'QUERY_TOO_LONG',
    `The prompt without any example needs ${tokens} tokens but only ${limit} fit (${reason}).`,
    {
      hint: "Shorten the query, system or instructions, lower maxOutputTokens, or pass queryOverflow: 'truncate-middle'.",
      details: { tokens, limit },
    },
  );
}

/**
 * Makes the example-free prompt fit `limit`: unchanged when it does; otherwise an error, or the
 * query cut in the middle (by the caller's `truncateQuery` when given) and re-verified.
 */
export function fitQuery(
  fixed: FixedParts,
  counter: TokenCounter,
  limit: number,
  options: Pick<PackOptions, 'queryOverflow' | 'truncateQuery'>,
): FittedQuery {
  const measure = (query: string) => countLayout(counter, layOut({ ...fixed, query }, []));
  const tokens = measure(fixed.query);
  if (tokens <= limit) return { query: fixed.query, truncated: false, tokens };

  const mode = options.queryOverflow ?? (options.truncateQuery ? 'truncate-middle' : 'error');
  if (mode === 'error') throw tooLong(tokens, limit, "queryOverflow is 'error'");

  const withoutQuery = measure('');
  if (withoutQuery >= limit) {
    throw tooLong(tokens, limit, `system and instructions alone take ${withoutQuery}`);
  }
  if (options.truncateQuery) {
    let allowance = limit - withoutQuery;
    for (let attempt = 0; attempt <= CALLER_RETRIES && allowance > 0; attempt++) {
      const query = options.truncateQuery(fixed.query, allowance, counter);
      if (typeof query !== 'string' || query.trim() === '') break;
      const cut = measure(query);
      if (cut <= limit) return { query, truncated: query !== fixed.query, tokens: cut };
      allowance -= cut - limit;
    }
    throw tooLong(tokens, limit, 'truncateQuery did not return a query that fits');
  }
  const query = longestFittingCut(fixed.query, (q) => measure(q) <= limit);
  if (query === undefined) throw tooLong(tokens, limit, 'nothing of the query would survive a cut');
  return { query, truncated: true, tokens: measure(query) };
}
