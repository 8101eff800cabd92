import type { Explanation } from '@explainable-ecco/core';

/** How the prompt of one explanation was packed (chat providers only). */
export interface PromptInfo {
  /** Prompt tokens as the packer counted them. */
  usedTokens: number;
  /** Prompt tokens the model allows after reserving the answer. */
  budget: number;
  /** Ids of the worked examples in the prompt, in rank order. */
  examples: string[];
  /** The counter's name, and whether its counts are exact for this model. */
  tokenizer: { name: string; exact: boolean };
}

/** A core `Explanation`, plus how its prompt was built. */
export interface FactorExplanation extends Explanation {
  prompt?: PromptInfo;
}
