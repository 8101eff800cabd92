import { EccoError } from '@explainable-ecco/core';
import { resolveBudget } from './budget.js';
import { createEstimateCounter } from './estimate-counter.js';
import { fitQuery } from './fit-query.js';
import { getTokenCounter } from './get-token-counter.js';
import { type FixedParts, layOut } from './layout.js';
import { lookupModel, type ModelInfo } from './model-registry.js';
import { countsExact } from './prompt-count.js';
import { selectExamples } from './select-examples.js';
import type { PackOptions, PackResult } from './types.js';
import { validatePackOptions } from './validate.js';

/** Near-duplicates by default: 80% of word 3-grams shared. */
export const DEFAULT_MAX_SIMILARITY = 0.8;

function checkEndpoint(info: ModelInfo | undefined, format: PackOptions['format']): void {
  if (!info || info.endpoint === format) return;
  throw new EccoError(
    'INVALID_ARGUMENT',
    `${info.name} is served by the ${info.endpoint} endpoint, but format is '${format}'.`,
    { hint: `Pass format: '${info.endpoint}' for this model.` },
  );
}

/**
 * Packs instructions, as many ranked examples as fit, and the query into one prompt for a chat
 * or completion model, counting tokens with the model's own tokenizer.
 *
 * Guarantees: `usedTokens` is the exact count of the returned prompt (chat overhead included)
 * and never exceeds `budget − safetyMarginTokens`; every example appears at most once and the
 * query exactly once; the same input gives the same output.
 *
 * @throws EccoError `QUERY_TOO_LONG` when the prompt without examples does not fit (and
 *   `queryOverflow` is not `'truncate-middle'`), `INVALID_BUDGET`, `INVALID_EXAMPLE`,
 *   `EMPTY_QUERY`, `INVALID_ARGUMENT`, `TOKENIZER_UNAVAILABLE`.
 */
export async function pack(options: PackOptions): Promise<PackResult> {
  validatePackOptions(options);
  const info = options.model !== undefined ? lookupModel(options.model) : undefined;
  checkEndpoint(info, options.format);
  const counter =
    options.tokenizer ??
    (options.model !== undefined ? await getTokenCounter(options.model) : createEstimateCounter());
  const exact = countsExact(counter, options.format);
  const budget = resolveBudget({
    ...(options.model !== undefined && { model: options.model }),
    ...(info !== undefined && { info }),
    ...(options.contextWindow !== undefined && { contextWindow: options.contextWindow }),
    ...(counter.contextWindow !== undefined && { tokenizerContextWindow: counter.contextWindow }),
    maxOutputTokens: options.maxOutputTokens,
    ...(options.safetyMargin !== undefined && { safetyMargin: options.safetyMargin }),
    countsExact: exact,
  });

  const fixed: FixedParts = {
    format: options.format,
    ...(options.system !== undefined && { system: options.system }),
    instructions: options.instructions,
    query: options.query,
  };
  const fitted = fitQuery(fixed, counter, budget.limit, options);
  fixed.query = fitted.query;

  const diversity = options.diversity;
  const selection = selectExamples({
    fixed,
    examples: options.examples,
    counter,
    // A cut query already fills the budget; examples must not compete with what is left of it.
    limit: fitted.truncated ? fitted.tokens : budget.limit,
    baseTokens: fitted.tokens,
    maxExamples: options.maxExamples ?? Number.POSITIVE_INFINITY,
    maxSimilarity:
      diversity === true
        ? DEFAULT_MAX_SIMILARITY
        : typeof diversity === 'object' && diversity !== null
          ? diversity.maxSimilarity
          : undefined,
  });

  const layout = layOut(
    fixed,
    selection.included.map((i) => options.examples[i]!),
  );
  return {
    format: options.format,
    ...layout,
    usedTokens: selection.tokens,
    budget: budget.budget,
    contextWindow: budget.contextWindow,
    safetyMarginTokens: budget.safetyMarginTokens,
    included: selection.included.map((i) => options.examples[i]!.id),
    dropped: [...selection.dropped.entries()]
      .sort(([a], [b]) => a - b)
      .map(([i, reason]) => ({ id: options.examples[i]!.id, reason })),
    tokenizer: { name: counter.name, exact },
    queryTruncated: fitted.truncated,
  };
}
