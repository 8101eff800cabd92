import { lookupModel } from '@explainable-ecco/prompt-packer';
import type { ChatMessage } from './types.js';

/**
 * Reply tokens added for a reasoning model's hidden reasoning (gpt-5, o-series): their
 * `max_completion_tokens` caps reasoning and answer together, so a 256-token answer budget
 * alone is often spent before the answer starts. Only tokens actually produced are billed.
 */
export const REASONING_TOKEN_ALLOWANCE = 16_384;

/** What the request must look like for a model, from the prompt packer's registry. */
export interface ModelTraits {
  /** Send `max_completion_tokens` and no `temperature`; add `REASONING_TOKEN_ALLOWANCE`. */
  reasoning: boolean;
  /** False when the model rejects system messages: they are folded into the first user turn. */
  systemMessages: boolean;
}

export function modelTraits(model: string): ModelTraits {
  const info = lookupModel(model);
  return { reasoning: info?.reasoning === true, systemMessages: info?.systemMessages !== false };
}

/**
 * The reply tokens to ask for (and to reserve in the prompt budget) when the visible answer
 * needs `visible`: `visible` for ordinary models; for reasoning models `visible` plus
 * `REASONING_TOKEN_ALLOWANCE`, capped at the model's largest reply.
 */
export function replyTokenCap(model: string, visible: number, reasoning?: boolean): number {
  const info = lookupModel(model);
  if (!(reasoning ?? info?.reasoning === true)) return visible;
  const cap = visible + REASONING_TOKEN_ALLOWANCE;
  return info?.maxOutputTokens !== undefined ? Math.min(cap, info.maxOutputTokens) : cap;
}

/**
 * For models that reject system messages: the system text goes at the start of the first user
 * message (separated by a blank line), so the instructions still come first.
 */
export function foldSystemMessages(messages: ReadonlyArray<ChatMessage>): ChatMessage[] {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const rest = messages.filter((m) => m.role !== 'system').map((m) => ({ ...m }));
  if (system.length === 0) return rest;
  const preface = system.join('\n\n');
  const first = rest.find((m) => m.role === 'user');
  if (!first) return [{ role: 'user', content: preface }, ...rest];
  first.content = `${preface}\n\n${first.content}`;
  return rest;
}
