import { EccoError } from '@explainable-ecco/core';
import { Tokenizer } from '@huggingface/tokenizers';
import type { ChatMessage, TokenCounter } from '../types.js';
import {
  CHATML_FALLBACK_TEMPLATE,
  ChatTemplate,
  pickChatTemplate,
  specialTokenStrings,
} from './chat-template.js';
import type { HfTokenizerFiles } from './files.js';

const CONTEXT_KEYS = ['max_position_embeddings', 'n_positions', 'n_ctx', 'max_sequence_length'];

/** The context window a model's config.json states, if it states a sane one. */
function contextWindowOf(config: Record<string, unknown> | undefined): number | undefined {
  for (const key of CONTEXT_KEYS) {
    const value = config?.[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 1e8) {
      return value;
    }
  }
  return undefined;
}

export interface HfCounterOptions {
  /** Shown in `TokenCounter.name` (`hf:<name>`). */
  name: string;
  /** A chat template that overrides the tokenizer's own. */
  chatTemplate?: string;
}

/**
 * Exact counts with a Hugging Face tokenizer. Chat prompts are rendered with the tokenizer's
 * chat template and tokenized without added special tokens (the template writes them), as
 * transformers' `apply_chat_template` and OpenAI-compatible servers such as vLLM do.
 */
export function createHfCounter(files: HfTokenizerFiles, options: HfCounterOptions): TokenCounter {
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(files.tokenizerJson, files.tokenizerConfig ?? {});
  } catch (error) {
    throw new EccoError(
      'TOKENIZER_UNAVAILABLE',
      `tokenizer.json for "${options.name}" is not usable.`,
      {
        cause: error,
        hint: 'Use the tokenizer.json from the model repository (tokenizers format).',
      },
    );
  }
  const ownTemplate =
    options.chatTemplate ?? files.chatTemplate ?? pickChatTemplate(files.tokenizerConfig);
  const template = new ChatTemplate(
    ownTemplate ?? CHATML_FALLBACK_TEMPLATE,
    specialTokenStrings(files.tokenizerConfig),
  );
  const ids = (text: string, addSpecial: boolean): number[] =>
    tokenizer.encode(text, { add_special_tokens: addSpecial }).ids;
  const contextWindow = contextWindowOf(files.modelConfig);
  return {
    name: `hf:${options.name}`,
    exact: true,
    chatExact: ownTemplate !== undefined,
    ...(contextWindow !== undefined && { contextWindow }),
    count: (text: string) => (text ? ids(text, false).length : 0),
    countPrompt: (prompt: string) => ids(prompt, true).length,
    countChat: (messages: ChatMessage[]) => ids(template.render(messages), false).length,
    encode: (text: string) => ids(text, false),
    decode: (tokenIds: number[]) => tokenizer.decode(tokenIds, { skip_special_tokens: false }),
  };
}
