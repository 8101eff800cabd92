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
}

/** A registration: a new model needs `contextWindow`; a known one may change any field. */
export type ModelRegistration = { name: string } & Partial<Omit<ModelInfo, 'name'>>;

const o200k = 'o200k_base' as const;
const cl100k = 'cl100k_base' as const;
const chat = 'chat' as const;
const completion = 'completion' as const;

/*
 * Context windows and encodings follow OpenAI's model pages and tiktoken's model table;
 * prices are OpenAI's list prices as of 2025-08. They change: override with `registerModel`.
 */
const BUILT_IN: ModelInfo[] = [
  {
    name: 'gpt-5',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    maxInputTokens: 272_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 1.25, output: 10 },
  },
  {
    name: 'gpt-5-mini',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    maxInputTokens: 272_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 0.25, output: 2 },
  },
  {
    name: 'gpt-5-nano',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    maxInputTokens: 272_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 0.05, output: 0.4 },
  },
  {
    name: 'gpt-5-chat-latest',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 1.25, output: 10 },
  },
  {
    name: 'gpt-4.1',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 2, output: 8 },
  },
  {
    name: 'gpt-4.1-mini',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 0.4, output: 1.6 },
  },
  {
    name: 'gpt-4.1-nano',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 0.1, output: 0.4 },
  },
  {
    name: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 2.5, output: 10 },
  },
  {
    name: 'gpt-4o-2024-05-13',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 5, output: 15 },
  },
  {
    name: 'chatgpt-4o-latest',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 5, output: 15 },
  },
  {
    name: 'gpt-4o-mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 0.15, output: 0.6 },
  },
  {
    name: 'o1',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 15, output: 60 },
  },
  {
    name: 'o1-preview',
    contextWindow: 128_000,
    maxOutputTokens: 32_768,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 15, output: 60 },
  },
  {
    name: 'o1-mini',
    contextWindow: 128_000,
    maxOutputTokens: 65_536,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 1.1, output: 4.4 },
  },
  {
    name: 'o1-pro',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 150, output: 600 },
  },
  {
    name: 'o3',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 2, output: 8 },
  },
  {
    name: 'o3-pro',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 20, output: 80 },
  },
  {
    name: 'o3-mini',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 1.1, output: 4.4 },
  },
  {
    name: 'o4-mini',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: o200k,
    endpoint: chat,
    pricePer1M: { input: 1.1, output: 4.4 },
  },
  {
    name: 'gpt-4-turbo',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 10, output: 30 },
  },
  {
    name: 'gpt-4-turbo-preview',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 10, output: 30 },
  },
  {
    name: 'gpt-4-1106-preview',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 10, output: 30 },
  },
  {
    name: 'gpt-4-0125-preview',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 10, output: 30 },
  },
  {
    name: 'gpt-4',
    contextWindow: 8_192,
    maxOutputTokens: 8_192,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 30, output: 60 },
  },
  {
    name: 'gpt-4-32k',
    contextWindow: 32_768,
    maxOutputTokens: 32_768,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 60, output: 120 },
  },
  {
    name: 'gpt-3.5-turbo',
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 0.5, output: 1.5 },
  },
  {
    name: 'gpt-3.5-turbo-0613',
    contextWindow: 4_096,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 1.5, output: 2 },
  },
  {
    name: 'gpt-3.5-turbo-16k',
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: chat,
    pricePer1M: { input: 3, output: 4 },
  },
  {
    name: 'gpt-3.5-turbo-instruct',
    contextWindow: 4_096,
    maxOutputTokens: 4_096,
    encoding: cl100k,
    endpoint: completion,
    pricePer1M: { input: 1.5, output: 2 },
  },
  {
    name: 'davinci-002',
    contextWindow: 16_384,
    maxOutputTokens: 16_384,
    encoding: cl100k,
    endpoint: completion,
    pricePer1M: { input: 2, output: 2 },
  },
  {
    name: 'babbage-002',
    contextWindow: 16_384,
    maxOutputTokens: 16_384,
    encoding: cl100k,
    endpoint: completion,
    pricePer1M: { input: 0.4, output: 0.4 },
  },
  // Retired 4,097-token completion models, kept because their prompts and counts still matter.
  {
    name: 'text-davinci-003',
    contextWindow: 4_097,
    encoding: 'p50k_base',
    endpoint: completion,
    pricePer1M: { input: 20, output: 20 },
  },
  {
    name: 'text-davinci-002',
    contextWindow: 4_097,
    encoding: 'p50k_base',
    endpoint: completion,
    pricePer1M: { input: 20, output: 20 },
  },
  { name: 'code-davinci-002', contextWindow: 8_001, encoding: 'p50k_base', endpoint: completion },
  { name: 'text-davinci-001', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
  { name: 'text-curie-001', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
  { name: 'text-babbage-001', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
  { name: 'text-ada-001', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
  { name: 'davinci', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
  { name: 'curie', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
  { name: 'babbage', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
  { name: 'ada', contextWindow: 2_049, encoding: 'r50k_base', endpoint: completion },
];

/** The built-in table, keyed by model name (read-only; use `registerModel` to change it). */
export const MODEL_REGISTRY: Readonly<Record<string, Readonly<ModelInfo>>> = Object.freeze(
  Object.fromEntries(BUILT_IN.map((m) => [m.name, Object.freeze(m)])),
);

const registered = new Map<string, ModelInfo>();

function entry(name: string): ModelInfo | undefined {
  return registered.get(name) ?? MODEL_REGISTRY[name];
}

/** Strips routing prefixes so `openai/gpt-4o` and `ft:gpt-4o-mini:org::id` find their base model. */
function baseName(name: string): string {
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
  const n = baseName(name);
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
  const name = registration.name?.trim();
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
