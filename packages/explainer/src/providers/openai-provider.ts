import { EccoError, redactSecrets } from '@explainable-ecco/core';
import { lookupModel } from '@explainable-ecco/prompt-packer';
import OpenAI from 'openai';
import { runSecrets } from '../run/secrets.js';
import { foldSystemMessages, modelTraits, replyTokenCap } from './model-traits.js';
import { rejectedParameter, toProviderError } from './provider-errors.js';
import type { CallOptions, ChatProvider, ChatRequest, ChatResponse } from './types.js';

export interface OpenAIProviderOptions {
  /** Defaults to the OPENAI_API_KEY environment variable. Optional with a `baseURL`. */
  apiKey?: string;
  /**
   * Any OpenAI-compatible server: Ollama (`http://localhost:11434/v1`), vLLM, llama.cpp server,
   * LM Studio… Defaults to OPENAI_BASE_URL, then OpenAI.
   */
  baseURL?: string;
  /** Defaults to OPENAI_MODEL, then 'gpt-4o-mini'. */
  model?: string;
  /**
   * `auto` (default) asks for a JSON-schema answer and drops the request for it for good when
   * the server rejects `response_format` (any other rejection fails the request as it is);
   * `json_schema` always asks; `none` never does.
   */
  structuredOutput?: 'auto' | 'json_schema' | 'none';
  /** Needed to run in a browser: the key is then visible to the page's users. */
  dangerouslyAllowBrowser?: boolean;
  /** A custom fetch (proxies, tests). */
  fetch?: typeof fetch;
}

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
const OPENAI_ENDPOINT = 'https://api.openai.com/v1';

function env(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.[name];
  return value === '' ? undefined : value;
}

/** True when a key or a server URL is configured, i.e. when `openai` is the natural default. */
export function openAIConfigured(options: OpenAIProviderOptions = {}): boolean {
  return Boolean(
    options.apiKey ?? options.baseURL ?? env('OPENAI_API_KEY') ?? env('OPENAI_BASE_URL'),
  );
}

/** The server address without credentials or query, for cache keys and reports. */
export function publicEndpoint(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new EccoError('INVALID_ARGUMENT', 'baseURL is not a valid URL.', {
      hint: 'Use e.g. http://localhost:11434/v1 for Ollama.',
    });
  }
}

/**
 * Chat Completions through the official `openai` SDK, against OpenAI or any compatible server.
 * Retries, timeouts and caching are the explainer's: the SDK's own retries are off.
 */
export function openaiProvider(options: OpenAIProviderOptions = {}): ChatProvider {
  const baseURL = options.baseURL ?? env('OPENAI_BASE_URL');
  const apiKey = options.apiKey ?? env('OPENAI_API_KEY');
  if (!apiKey && !baseURL) {
    throw new EccoError('MISSING_API_KEY', 'The openai provider needs an API key.', {
      hint: 'Set OPENAI_API_KEY (or pass apiKey), pass baseURL for a local OpenAI-compatible server, or use provider "heuristic" to work offline.',
    });
  }
  const secrets = runSecrets(options);
  const endpoint = publicEndpoint(baseURL ?? OPENAI_ENDPOINT);
  const client = new OpenAI({
    // Local servers ignore the key, but the SDK insists on one.
    apiKey: apiKey ?? 'no-key',
    baseURL: baseURL ?? OPENAI_ENDPOINT,
    maxRetries: 0,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser,
    fetch: options.fetch,
  });
  let structured = options.structuredOutput ?? 'auto';
  const model = options.model ?? env('OPENAI_MODEL') ?? DEFAULT_OPENAI_MODEL;
  // Completion-only models cannot answer Chat Completions: say so once, before any factor.
  const info = lookupModel(model);
  if (info?.endpoint === 'completion') {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `${info.name} is a completion-only model; the openai provider uses Chat Completions.`,
      {
        hint: 'Use a chat model such as gpt-4o-mini (or, for a local server, its chat model name).',
        details: { model, endpoint: 'completion' },
      },
    );
  }
  // Request shape from the packer's registry; a server that rejects a parameter adjusts it.
  const traits = modelTraits(model);
  const shape = {
    reasoning: traits.reasoning,
    omitTemperature: traits.reasoning,
    foldSystem: !traits.systemMessages,
  };

  async function send(
    request: ChatRequest,
    withSchema: boolean,
    { signal }: CallOptions,
  ): Promise<ChatResponse> {
    const messages = shape.foldSystem ? foldSystemMessages(request.messages) : request.messages;
    const completion = await client.chat.completions.create(
      {
        model,
        messages,
        ...(shape.omitTemperature ? {} : { temperature: request.temperature }),
        // Reasoning models take max_completion_tokens only; OpenAI-compatible servers (Ollama,
        // vLLM, …) know max_tokens, so that stays the default for every other model.
        ...(shape.reasoning
          ? {
              max_completion_tokens: replyTokenCap(model, request.maxOutputTokens, true),
            }
          : { max_tokens: request.maxOutputTokens }),
        ...(withSchema && request.responseSchema
          ? {
              response_format: {
                type: 'json_schema' as const,
                json_schema: {
                  name: request.responseSchema.name,
                  schema: request.responseSchema.schema,
                  strict: true,
                },
              },
            }
          : {}),
      },
      { signal, maxRetries: 0 },
    );
    const choice = completion.choices?.[0];
    const content = choice?.message?.content;
    if (typeof content !== 'string') {
      throw new EccoError(
        'INVALID_PROVIDER_RESPONSE',
        'The model server answered without message content.',
        {
          hint: 'Check that the server implements /chat/completions.',
          details: { retryable: true },
        },
      );
    }
    return {
      content,
      model: completion.model,
      usage: completion.usage
        ? {
            promptTokens: completion.usage.prompt_tokens,
            completionTokens: completion.usage.completion_tokens,
          }
        : undefined,
    };
  }

  /** Changes the request shape for the rest of the run when the server rejected a part of it. */
  function adjustFor(error: unknown, withSchema: boolean): boolean {
    switch (rejectedParameter(error)) {
      case 'response_format':
        if (!withSchema || structured !== 'auto') return false;
        structured = 'none';
        return true;
      case 'max_tokens':
        if (shape.reasoning) return false;
        shape.reasoning = true;
        shape.omitTemperature = true;
        return true;
      case 'temperature':
        if (shape.omitTemperature) return false;
        shape.omitTemperature = true;
        return true;
      case 'system':
        if (shape.foldSystem) return false;
        shape.foldSystem = true;
        return true;
      default:
        return false;
    }
  }

  return {
    kind: 'chat',
    id: 'openai',
    model,
    endpoint,
    async complete(request, callOptions) {
      // Each recognised rejection changes one thing, so a few resends are enough.
      for (let attempt = 0; ; attempt++) {
        const withSchema = structured !== 'none' && request.responseSchema !== undefined;
        try {
          return await send(request, withSchema, callOptions);
        } catch (error) {
          if (attempt >= 4 || !adjustFor(error, withSchema)) {
            throw toProviderError(error, secrets);
          }
        }
      }
    },
    toString: () => `openai provider (${model} at ${redactSecrets(endpoint, secrets)})`,
  } as ChatProvider;
}
