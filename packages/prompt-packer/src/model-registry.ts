import { EccoError } from '@explainable-ecco/core';

/** OpenAI BPE encodings that have an exact JS tokenizer here. */
export type OpenAiEncoding = 'o200k_base' | 'cl100k_base' | 'p50k_base' | 'r50k_base';

/** What the packer knows about a model. */
export interface ModelInfo {
  name: string;
  /** Prompt + reply tokens the model accepts. */
  contextWindow: number;
  /** Largest reply the API allows, where known. */
  maxOutputTokens?: number;
  /** Largest prompt the API allows when it is below `contextWindow − maxOutputTokens` (gpt-5: 272k). */
  maxInputTokens?: number;
  /** Exact OpenAI encoding; absent for models whose tokenizer must be supplied. */
  encoding?: OpenAiEncoding;
  /** `completion` for models served only by the legacy completions endpoint. */
  endpoint: 'chat' | 'completion';
  /** US dollars per 1M tokens (standard tier list price), where known. */
  pricePer1M?: { input: number; output: number };
  /**
   * A reasoning model (gpt-5, o-series): the Chat Completions API takes `max_completion_tokens`
   * instead of `max_tokens`, rejects a `temperature` other than the default, and spends part of
   * the reply budget on hidden reasoning tokens.
   */
  reasoning?: boolean;
  /** False for models that reject `system` messages (o1-mini, o1-preview). */
  systemMessages?: boolean;
  /**
   * Chat overhead when it differs from the usual 3 tokens per message and 1 per `name`
   * (gpt-3.5-turbo-0301: 4 per message, −1 for a name).
   */
  chatOverhead?: { tokensPerMessage: number; tokensPerName: number };
}

/** A registration: a new model needs `contextWindow`; a known one may change any field. */
export type ModelRegistration = { name: string } & Partial<Omit<ModelInfo, 'name'>>;

type Row = [
  name: string,
  contextWindow: number,
  maxOutputTokens: number | undefined,
  encoding: OpenAiEncoding,
  endpoint: ModelInfo['endpoint'],
  inputPrice?: number,
  outputPrice?: number,
];

const O = 'o200k_base';
const C = 'cl100k_base';
const P = 'p50k_base';
const R = 'r50k_base';

/*
 * Context windows and encodings follow OpenAI's model pages and tiktoken's model table;
 * prices (US$ per 1M tokens) are OpenAI's list prices as of 2025-08. They change: override
 * with `registerModel`.
 */
// biome-ignore format: one model per line reads as a table
const ROWS: Row[] = [
  ['gpt-5', 400_000, 128_000, O, 'chat', 1.25, 10],
  ['gpt-5-mini', 400_000, 128_000, O, 'chat', 0.25, 2],
  ['gpt-5-nano', 400_000, 128_000, O, 'chat', 0.05, 0.4],
  ['gpt-5-chat-latest', 128_000, 16_384, O, 'chat', 1.25, 10],
  ['gpt-4.1', 1_047_576, 32_768, O, 'chat', 2, 8],
  ['gpt-4.1-mini', 1_047_576, 32_768, O, 'chat', 0.4, 1.6],
  ['gpt-4.1-nano', 1_047_576, 32_768, O, 'chat', 0.1, 0.4],
  ['gpt-4o', 128_000, 16_384, O, 'chat', 2.5, 10],
  ['gpt-4o-2024-05-13', 128_000, 4_096, O, 'chat', 5, 15],
  ['chatgpt-4o-latest', 128_000, 16_384, O, 'chat', 5, 15],
  ['gpt-4o-mini', 128_000, 16_384, O, 'chat', 0.15, 0.6],
  ['o1', 200_000, 100_000, O, 'chat', 15, 60],
  ['o1-preview', 128_000, 32_768, O, 'chat', 15, 60],
  ['o1-mini', 128_000, 65_536, O, 'chat', 1.1, 4.4],
  ['o1-pro', 200_000, 100_000, O, 'chat', 150, 600],
  ['o3', 200_000, 100_000, O, 'chat', 2, 8],
  ['o3-pro', 200_000, 100_000, O, 'chat', 20, 80],
  ['o3-mini', 200_000, 100_000, O, 'chat', 1.1, 4.4],
  ['o4-mini', 200_000, 100_000, O, 'chat', 1.1, 4.4],
  ['gpt-4-turbo', 128_000, 4_096, C, 'chat', 10, 30],
  ['gpt-4-turbo-preview', 128_000, 4_096, C, 'chat', 10, 30],
  ['gpt-4-1106-preview', 128_000, 4_096, C, 'chat', 10, 30],
  ['gpt-4-0125-preview', 128_000, 4_096, C, 'chat', 10, 30],
  ['gpt-4', 8_192, 8_192, C, 'chat', 30, 60],
  ['gpt-4-32k', 32_768, 32_768, C, 'chat', 60, 120],
  ['gpt-3.5-turbo', 16_385, 4_096, C, 'chat', 0.5, 1.5],
  ['gpt-3.5-turbo-0301', 4_096, 4_096, C, 'chat', 1.5, 2],
  ['gpt-3.5-turbo-0613', 4_096, 4_096, C, 'chat', 1.5, 2],
  ['gpt-3.5-turbo-16k', 16_385, 4_096, C, 'chat', 3, 4],
  ['gpt-3.5-turbo-instruct', 4_096, 4_096, C, 'completion', 1.5, 2],
  ['davinci-002', 16_384, 16_384, C, 'completion', 2, 2],
  ['babbage-002', 16_384, 16_384, C, 'completion', 0.4, 0.4],
  // Retired 4,097- and 2,049-token completion models: their prompts and counts still matter.
  ['text-davinci-003', 4_097, undefined, P, 'completion', 20, 20],
  ['text-davinci-002', 4_097, undefined, P, 'completion', 20, 20],
  ['code-davinci-002', 8_001, undefined, P, 'completion'],
  ['text-davinci-001', 2_049, undefined, R, 'completion'],
  ['text-curie-001', 2_049, undefined, R, 'completion'],
  ['text-babbage-001', 2_049, undefined, R, 'completion'],
  ['text-ada-001', 2_049, undefined, R, 'completion'],
  ['davinci', 2_049, undefined, R, 'completion'],
  ['curie', 2_049, undefined, R, 'completion'],
  ['babbage', 2_049, undefined, R, 'completion'],
  ['ada', 2_049, undefined, R, 'completion'],
];

/** gpt-5 models take at most 272k prompt tokens whatever the reply reserve. */
const MAX_INPUT: Record<string, number> = {
  'gpt-5': 272_000,
  'gpt-5-mini': 272_000,
  'gpt-5-nano': 272_000,
};

/*
 * Reasoning models (OpenAI's reasoning guide and the Chat Completions reference): they take
 * max_completion_tokens, only the default temperature, and reason in hidden reply tokens.
 * gpt-5-chat-latest is the non-reasoning chat model and is not among them.
 */
const REASONING = new Set([
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'o1',
  'o1-preview',
  'o1-mini',
  'o1-pro',
  'o3',
  'o3-pro',
  'o3-mini',
  'o4-mini',
]);

/** The first o1 releases reject system (and developer) messages. */
const NO_SYSTEM_MESSAGES = new Set(['o1-preview', 'o1-mini']);

/** OpenAI's cookbook ("How to count tokens with tiktoken"): gpt-3.5-turbo-0301's chat layout. */
const CHAT_OVERHEAD: Record<string, ModelInfo['chatOverhead']> = {
  'gpt-3.5-turbo-0301': { tokensPerMessage: 4, tokensPerName: -1 },
};

function fromRow([name, contextWindow, maxOut, encoding, endpoint, input, output]: Row): ModelInfo {
  return {
    name,
    contextWindow,
    ...(maxOut !== undefined && { maxOutputTokens: maxOut }),
    ...(MAX_INPUT[name] !== undefined && { maxInputTokens: MAX_INPUT[name] }),
    encoding,
    endpoint,
    ...(input !== undefined && output !== undefined && { pricePer1M: { input, output } }),
    ...(REASONING.has(name) && { reasoning: true }),
    ...(NO_SYSTEM_MESSAGES.has(name) && { systemMessages: false }),
    ...(CHAT_OVERHEAD[name] !== undefined && { chatOverhead: CHAT_OVERHEAD[name] }),
  };
}

/** The built-in table, keyed by model name (read-only; use `registerModel` to change it). */
export const MODEL_REGISTRY: Readonly<Record<string, Readonly<ModelInfo>>> = Object.freeze(
  Object.fromEntries(ROWS.map(fromRow).map((m) => [m.name, Object.freeze(m)])),
);

const registered = new Map<string, ModelInfo>();

function entry(name: string): ModelInfo | undefined {
  return registered.get(name) ?? MODEL_REGISTRY[name];
}

/** Strips routing prefixes so `openai/gpt-4o` and `ft:gpt-4o-mini:org::id` find their base model. */
export function baseModelName(name: string): string {
  let n = name.trim();
  if (n.startsWith('ft:')) n = n.slice(3).split(':')[0] ?? n;
  if (n.startsWith('openai/')) n = n.slice('openai/'.length);
  return n;
}

/**
 * Finds a model: exact name first, then the longest known name that `name` extends with `-…`
 * (dated snapshots such as `gpt-4o-2024-08-06` resolve to `gpt-4o`, `gpt-4o-mini-…` to `gpt-4o-mini`).
 * Registered models take precedence over built-in ones.
 */
export function lookupModel(name: string): ModelInfo | undefined {
  const n = baseModelName(name);
  const exact = entry(n);
  if (exact) return { ...exact };
  let best: ModelInfo | undefined;
  const names = new Set([...Object.keys(MODEL_REGISTRY), ...registered.keys()]);
  for (const known of names) {
    if (n.startsWith(`${known}-`) && (!best || known.length > best.name.length)) {
      best = entry(known);
    }
  }
  return best ? { ...best, name: best.name } : undefined;
}

/**
 * Adds a model or changes a known one (fields not given keep their current values).
 * Returns the model as it is now registered.
 */
export function registerModel(registration: ModelRegistration): ModelInfo {
  // The same name `lookupModel` looks for: `openai/my-model` and `ft:my-model:…` register `my-model`.
  const name = typeof registration.name === 'string' ? baseModelName(registration.name) : '';
  if (!name) {
    throw new EccoError('INVALID_ARGUMENT', 'registerModel needs a model name.');
  }
  const current = entry(name);
  const merged = { endpoint: 'chat', ...current, ...registration, name } as ModelInfo;
  if (!Number.isInteger(merged.contextWindow) || merged.contextWindow <= 0) {
    throw new EccoError(
      'INVALID_BUDGET',
      `Model "${name}" needs a positive integer contextWindow (got ${String(merged.contextWindow)}).`,
      { hint: 'Pass contextWindow in the registration.' },
    );
  }
  registered.set(name, merged);
  return { ...merged };
}

/** Forgets every `registerModel` call (the built-in table is unchanged). */
export function resetModelRegistry(): void {
  registered.clear();
}
