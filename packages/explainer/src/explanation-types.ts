import type { Explanation, Usage } from '@explainable-ecco/core';

/** How the prompt of one explanation was packed (chat providers only). */
export interface PromptInfo {
  /** Prompt tokens of the messages as the packer counted them. */
  usedTokens: number;
  /**
   * Prompt tokens the `response_format` JSON schema is charged as (its JSON plus
   * `RESPONSE_SCHEMA_OVERHEAD_TOKENS`); `usedTokens + schemaTokens ≤ budget`.
   */
  schemaTokens: number;
  /** Prompt tokens the model allows after reserving the answer. */
  budget: number;
  /** Ids of the worked examples in the prompt, in rank order. */
  examples: string[];
  /** The counter's name, and whether its counts are exact for this model. */
  tokenizer: { name: string; exact: boolean };
}

/**
 * Tokens of the call behind an explanation. For an answer served from the cache (`cached:
 * true`), the token counts are the original call's and `costUsd` is 0: nothing was billed
 * this run, as the usage report says.
 */
export interface ExplanationUsage extends Usage {
  cached?: boolean;
}

/** A core `Explanation`, plus how its prompt was built. */
export interface FactorExplanation extends Explanation {
  prompt?: PromptInfo;
  usage?: ExplanationUsage;
}
