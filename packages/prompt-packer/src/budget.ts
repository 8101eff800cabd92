import { EccoError } from '@explainable-ecco/core';
import type { ModelInfo } from './model-registry.js';

/** Estimates may under-count; hold this much of the budget back unless told otherwise. */
export const DEFAULT_ESTIMATE_MARGIN = 0.1;

export interface Budget {
  contextWindow: number;
  /** Tokens the prompt may use: contextWindow − maxOutputTokens, capped by the input limit. */
  budget: number;
  safetyMarginTokens: number;
  /** What the packer actually fills to: budget − safetyMarginTokens. */
  limit: number;
}

export interface BudgetInput {
  model?: string;
  info?: ModelInfo;
  contextWindow?: number;
  tokenizerContextWindow?: number;
  maxOutputTokens: number;
  safetyMargin?: number;
  countsExact: boolean;
}

const isPositiveInteger = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n > 0;

/** Works out how many prompt tokens a request may use, or says why it cannot. */
export function resolveBudget(input: BudgetInput): Budget {
  const { info, maxOutputTokens } = input;
  const contextWindow = input.contextWindow ?? info?.contextWindow ?? input.tokenizerContextWindow;
  if (contextWindow === undefined) {
    throw new EccoError(
      'INVALID_BUDGET',
      `The context window of ${input.model ? `model "${input.model}"` : 'this model'} is unknown.`,
      { hint: 'Pass contextWindow, or add the model with registerModel({ name, contextWindow }).' },
    );
  }
  if (!isPositiveInteger(contextWindow)) {
    throw new EccoError(
      'INVALID_BUDGET',
      `contextWindow must be a positive integer (got ${String(contextWindow)}).`,
    );
  }
  if (!isPositiveInteger(maxOutputTokens)) {
    throw new EccoError(
      'INVALID_BUDGET',
      `maxOutputTokens must be a positive integer (got ${String(maxOutputTokens)}).`,
      { hint: 'Reserve at least one token for the reply.' },
    );
  }
  if (info?.maxOutputTokens !== undefined && maxOutputTokens > info.maxOutputTokens) {
    throw new EccoError(
      'INVALID_BUDGET',
      `maxOutputTokens ${maxOutputTokens} exceeds the ${info.maxOutputTokens} tokens ${info.name} can write.`,
      {
        hint: `Lower maxOutputTokens, or update the model with registerModel({ name: '${info.name}', maxOutputTokens }).`,
      },
    );
  }
  let budget = contextWindow - maxOutputTokens;
  if (info?.maxInputTokens !== undefined) budget = Math.min(budget, info.maxInputTokens);
  if (budget <= 0) {
    throw new EccoError(
      'INVALID_BUDGET',
      `maxOutputTokens ${maxOutputTokens} leaves no room for a prompt in a ${contextWindow}-token context window.`,
      { hint: 'Lower maxOutputTokens or use a model with a larger context window.' },
    );
  }
  const margin = input.safetyMargin ?? (input.countsExact ? 0 : DEFAULT_ESTIMATE_MARGIN);
  if (typeof margin !== 'number' || !(margin >= 0 && margin < 1)) {
    throw new EccoError(
      'INVALID_BUDGET',
      `safetyMargin must be a fraction in [0, 1) (got ${String(margin)}).`,
    );
  }
  const safetyMarginTokens = Math.ceil(budget * margin);
  return { contextWindow, budget, safetyMarginTokens, limit: budget - safetyMarginTokens };
}
