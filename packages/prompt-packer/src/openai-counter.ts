import type { OpenAiEncoding } from './model-registry.js';
import type { ChatMessage, TokenCounter } from './types.js';

/*
 * Chat overhead, as OpenAI documents it (openai-cookbook, "How to count tokens with tiktoken",
 * checked there against the API's reported prompt_tokens for gpt-3.5-turbo-0125, gpt-4-0613,
 * gpt-4o and gpt-4o-mini): every message costs 3 tokens (<|start|>, <|message|>/<|im_sep|>,
 * <|end|>) plus its encoded role and content; a `name` costs its encoding plus 1; every reply
 * is primed with 3 more (<|start|>assistant<|message|>). The pieces are encoded separately,
 * so the total is exactly additive per message.
 */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/** Per-message chat overhead of models whose layout differs (gpt-3.5-turbo-0301: 4 and −1). */
export interface ChatOverhead {
  tokensPerMessage: number;
  tokensPerName: number;
}

interface EncodingApi {
  encode(text: string, options?: { disallowedSpecial?: Set<string> }): number[];
  decode(ids: Iterable<number>): string;
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

// Each import is its own chunk (the o200k ranks alone are megabytes): load only what is used.
const loaders: Record<OpenAiEncoding, () => Promise<{ default: EncodingApi }>> = {
  o200k_base: () => import('gpt-tokenizer/encoding/o200k_base'),
  cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base'),
  p50k_base: () => import('gpt-tokenizer/encoding/p50k_base'),
  r50k_base: () => import('gpt-tokenizer/encoding/r50k_base'),
};

const loaded = new Map<OpenAiEncoding, Promise<EncodingApi>>();

function loadEncoding(encoding: OpenAiEncoding): Promise<EncodingApi> {
  let api = loaded.get(encoding);
  if (!api) {
    api = loaders[encoding]().then((m) => m.default);
    loaded.set(encoding, api);
  }
  return api;
}

// User text is text: `<|endoftext|>` inside an example is counted as ordinary characters,
// as the API does for message content, instead of throwing.
const TEXT_ONLY = { disallowedSpecial: new Set<string>() };

/**
 * Exact counter for an OpenAI encoding, with OpenAI's documented chat overhead (or the given
 * one, for models such as gpt-3.5-turbo-0301 whose layout differs).
 */
export async function createOpenAiCounter(
  encoding: OpenAiEncoding,
  overhead: ChatOverhead = { tokensPerMessage: TOKENS_PER_MESSAGE, tokensPerName: TOKENS_PER_NAME },
): Promise<TokenCounter> {
  const api = await loadEncoding(encoding);
  const count = (text: string): number => (text ? api.countTokens(text, TEXT_ONLY) : 0);
  return {
    name: `openai:${encoding}`,
    exact: true,
    count,
    countChat(messages: ChatMessage[]): number {
      let total = REPLY_PRIMING_TOKENS;
      for (const m of messages) {
        total += overhead.tokensPerMessage + count(m.role) + count(m.content);
        if (m.name !== undefined) total += count(m.name) + overhead.tokensPerName;
      }
      return total;
    },
    encode: (text: string) => api.encode(text, TEXT_ONLY),
    decode: (ids: number[]) => api.decode(ids),
  };
}
