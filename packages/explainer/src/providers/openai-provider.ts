import { EccoError, redactSecrets } from '@explainable-ecco/core';
import OpenAI, { APIError } from 'openai';
import { toProviderError } from './provider-errors.js';
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
   * the server rejects it; `json_schema` always asks; `none` never does.
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
  const secrets = [apiKey];
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

  async function send(
    request: ChatRequest,
    withSchema: boolean,
    { signal }: CallOptions,
  ): Promise<ChatResponse> {
    const completion = await client.chat.completions.create(
      {
        model,
        messages: request.messages,
        temperature: request.temperature,
        max_tokens: request.maxOutputTokens,
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

  return {
    kind: 'chat',
    id: 'openai',
    model,
    endpoint,
    async complete(request, callOptions) {
      const withSchema = structured !== 'none' && request.responseSchema !== undefined;
      try {
        return await send(request, withSchema, callOptions);
      } catch (error) {
        // Servers without structured output reject response_format with a 400/422: drop it.
        if (
          withSchema &&
          structured === 'auto' &&
          error instanceof APIError &&
          (error.status === 400 || error.status === 422)
        ) {
          structured = 'none';
          try {
            return await send(request, false, callOptions);
          } catch (second) {
            throw toProviderError(second, secrets);
          }
        }
        throw toProviderError(error, secrets);
      }
    },
    toString: () => `openai provider (${model} at ${redactSecrets(endpoint, secrets)})`,
  } as ChatProvider;
}
