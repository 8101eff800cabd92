/** One chat turn, as OpenAI-compatible chat APIs take it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Optional participant name (OpenAI's `name` field); counted like OpenAI counts it. */
  name?: string;
}

/**
 * One ranked example. Text examples go into the final user message; `messages` are few-shot
 * turns placed before it. An example may carry both; they are then included or dropped together.
 */
export interface PackExample {
  id: string;
  text?: string;
  messages?: ChatMessage[];
}

/** Why an example is not in the prompt. */
export type DropReason = 'budget' | 'max-examples' | 'near-duplicate';

/**
 * Counts tokens the way one model sees them.
 *
 * `count(text)` is the number of tokens of `text` on its own, with no special tokens added
 * around it. `countChat(messages)` is the whole prompt a chat endpoint builds from `messages`,
 * including per-message overhead and the tokens that prime the assistant's reply.
 * `countPrompt(prompt)` is a completion prompt as the server tokenizes it (for Hugging Face
 * tokenizers this adds the BOS/EOS tokens the tokenizer's post-processor adds).
 */
export interface TokenCounter {
  /** Where the counts come from, e.g. `openai:o200k_base` or `estimate:utf8-bytes/3`. */
  name: string;
  /** True when `count` reproduces the model's tokenizer exactly. */
  exact: boolean;
  count(text: string): number;
  countChat?(messages: ChatMessage[]): number;
  countPrompt?(prompt: string): number;
  encode?(text: string): number[];
  decode?(ids: number[]): string;
  /**
   * False when `countChat` relies on an assumed chat layout rather than the model's own
   * (e.g. a Hugging Face tokenizer without a chat template). Defaults to `exact`.
   */
  chatExact?: boolean;
  /** The model's context window when the tokenizer's files say it (config.json). */
  contextWindow?: number;
}

/** Where a chat or completion prompt is packed. */
export interface PackOptions {
  system?: string;
  instructions: string;
  /** Ranked, most relevant first. */
  examples: PackExample[];
  query: string;
  /** Model name: picks the tokenizer (unless `tokenizer` is given) and the context window. */
  model?: string;
  tokenizer?: TokenCounter;
  /** Overrides the registry's context window. */
  contextWindow?: number;
  /** Tokens reserved for the model's reply; never used by the prompt. */
  maxOutputTokens: number;
  format: 'chat' | 'completion';
  maxExamples?: number;
  /** Skip near-duplicate examples; `true` means `{ maxSimilarity: 0.8 }`. */
  diversity?: boolean | { maxSimilarity: number };
  /** Default `'error'` (EccoError `QUERY_TOO_LONG`), or `'truncate-middle'` when `truncateQuery` is given. */
  queryOverflow?: 'error' | 'truncate-middle';
  /** Caller-aware truncation used instead of the built-in middle cut; the result is re-verified. */
  truncateQuery?: (query: string, maxTokens: number, counter: TokenCounter) => string;
  /**
   * Fraction of the budget held back when counts are not exact. Default 0 for exact counters,
   * 0.1 for estimates.
   */
  safetyMargin?: number;
}

/** The packed prompt and how it was packed. */
export interface PackResult {
  format: 'chat' | 'completion';
  messages?: ChatMessage[];
  prompt?: string;
  /** Token count of the final prompt (chat overhead included). */
  usedTokens: number;
  /** `contextWindow − maxOutputTokens` (capped by the model's input limit where it has one). */
  budget: number;
  contextWindow: number;
  /** Tokens held back because the counter is not exact (0 for exact counters). */
  safetyMarginTokens: number;
  /** Included example ids, in rank order. */
  included: string[];
  dropped: Array<{ id: string; reason: DropReason }>;
  tokenizer: { name: string; exact: boolean };
  queryTruncated: boolean;
}
