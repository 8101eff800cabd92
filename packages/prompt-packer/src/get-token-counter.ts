import { EccoError } from '@explainable-ecco/core';
import { createEstimateCounter } from './estimate-counter.js';
import { createHfCounter } from './hf/counter.js';
import { type HfTokenizerFiles, loadHfTokenizerFiles } from './hf/files.js';
import { lookupModel } from './model-registry.js';
import { createOpenAiCounter } from './openai-counter.js';
import type { TokenCounter } from './types.js';

export interface TokenCounterOptions {
  /** A parsed (or JSON text) `tokenizer.json`: counts with this Hugging Face tokenizer. */
  tokenizerJson?: Record<string, unknown> | string;
  /** Its `tokenizer_config.json` (special tokens, chat template), parsed or JSON text. */
  tokenizerConfig?: Record<string, unknown> | string;
  /** A folder (or URL of one) in Hugging Face layout holding tokenizer.json and friends. */
  localModelPath?: string;
  /** A Jinja chat template that overrides the tokenizer's own. */
  chatTemplate?: string;
}

function parsed(value: Record<string, unknown> | string, what: string): Record<string, unknown> {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as Record<string, unknown>;
  } catch (error) {
    throw new EccoError('TOKENIZER_UNAVAILABLE', `${what} is not valid JSON.`, {
      cause: error,
      hint: 'Pass the file contents unchanged, or the parsed object.',
    });
  }
}

/**
 * The token counter for `model`, most exact source first:
 * 1. a Hugging Face tokenizer given as `tokenizerJson` or found under `localModelPath`;
 * 2. the OpenAI encoding the model registry names for `model` (loaded on first use);
 * 3. otherwise a labelled estimate (`exact: false`, name starting with `estimate:`).
 */
export async function getTokenCounter(
  model: string,
  options: TokenCounterOptions = {},
): Promise<TokenCounter> {
  let files: HfTokenizerFiles | undefined;
  if (options.tokenizerJson !== undefined) {
    files = {
      tokenizerJson: parsed(options.tokenizerJson, 'tokenizerJson'),
      ...(options.tokenizerConfig !== undefined && {
        tokenizerConfig: parsed(options.tokenizerConfig, 'tokenizerConfig'),
      }),
    };
  } else if (options.localModelPath !== undefined) {
    files = await loadHfTokenizerFiles(options.localModelPath);
    if (options.tokenizerConfig !== undefined) {
      files.tokenizerConfig = parsed(options.tokenizerConfig, 'tokenizerConfig');
    }
  }
  if (files) {
    return createHfCounter(files, {
      name: model,
      ...(options.chatTemplate !== undefined && { chatTemplate: options.chatTemplate }),
    });
  }
  const info = lookupModel(model);
  if (info?.encoding) return createOpenAiCounter(info.encoding, info.chatOverhead);
  return createEstimateCounter();
}
