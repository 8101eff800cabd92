import type { FactorRecord } from '@explainable-ecco/core';

/** One chat message, as the prompt packer produces them. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON schema the answer must follow, when the server supports structured output. */
export interface ResponseSchema {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  maxOutputTokens: number;
  temperature: number;
  responseSchema?: ResponseSchema;
}

export interface ChatResponse {
  content: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** The model that answered, when the server says. */
  model?: string;
}

export interface CallOptions {
  /** Fires on user cancellation or when the per-request timeout passes. */
  signal: AbortSignal;
}

/**
 * A provider that answers chat prompts (an LLM). The explainer builds the prompts and adds
 * retries, timeouts, the cache and the cost report around `complete`.
 * Failures must be `EccoError`s; set `details.retryable` (and `details.retryAfterMs`) for
 * failures worth retrying. Messages must never contain secrets.
 */
export interface ChatProvider {
  readonly kind: 'chat';
  /** 'openai', or your provider's name. Part of the cache key. */
  readonly id: string;
  readonly model: string;
  /** Where requests go (no credentials), so caches of different servers never mix. */
  readonly endpoint?: string;
  complete(request: ChatRequest, options: CallOptions): Promise<ChatResponse>;
}

export interface LocalExplainInput {
  record: FactorRecord;
  factor: number;
  /** Tokens in the whole text, so position rules can speak of "the last token". */
  sequenceLength: number;
}

/**
 * A provider that explains records itself, without prompts (the offline heuristic, or your
 * own rule-based explainer). Its results are not cached: they are cheap and deterministic.
 */
export interface LocalProvider {
  readonly kind: 'local';
  readonly id: string;
  explain(input: LocalExplainInput, options: CallOptions): Promise<string>;
  /**
   * Predicts each record token's 0–10 value from an explanation (an offline simulator).
   * `sequenceLength` is the number of tokens in the whole text the record's positions refer to.
   */
  simulate?(explanation: string, record: FactorRecord, sequenceLength?: number): number[];
}

export type ExplainerProvider = ChatProvider | LocalProvider;
