import { EccoError } from '@explainable-ecco/core';
import { heuristicProvider } from './heuristic-provider.js';
import { type OpenAIProviderOptions, openAIConfigured, openaiProvider } from './openai-provider.js';
import type { ExplainerProvider } from './types.js';

export const PROVIDER_NAMES = ['openai', 'heuristic'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

function isProviderObject(value: unknown): value is ExplainerProvider {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string') return false;
  if (v.kind === 'chat') return typeof v.complete === 'function' && typeof v.model === 'string';
  if (v.kind === 'local') return typeof v.explain === 'function';
  return false;
}

/**
 * The provider to use: the one named, a provider object, or by default `openai` when a key or
 * server URL is configured and the offline `heuristic` otherwise.
 */
export function resolveProvider(
  provider: ProviderName | ExplainerProvider | undefined,
  openai: OpenAIProviderOptions,
): ExplainerProvider {
  if (provider === undefined)
    return openAIConfigured(openai) ? openaiProvider(openai) : heuristicProvider();
  if (provider === 'openai') return openaiProvider(openai);
  if (provider === 'heuristic') return heuristicProvider();
  if (isProviderObject(provider)) return provider;
  const name = typeof provider === 'string' ? JSON.stringify(provider) : 'that object';
  throw new EccoError('UNKNOWN_PROVIDER', `Unknown provider ${name}.`, {
    hint: `Use "openai", "heuristic", or an object with kind "chat" (id, model, complete()) or "local" (id, explain()).`,
  });
}
