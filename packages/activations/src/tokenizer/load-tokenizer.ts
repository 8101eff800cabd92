import { EccoError, type TokenizerFamily } from '@explainable-ecco/core';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import * as transformers from '@huggingface/transformers';

/**
 * Builds the transformers.js tokenizer class that `tokenizer_config.json` names (as AutoTokenizer
 * does) from already-loaded JSON, so files come through our own resolution and cache.
 */
export function createTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: Record<string, unknown>,
  source: string,
): PreTrainedTokenizer {
  const className =
    typeof tokenizerConfig.tokenizer_class === 'string'
      ? tokenizerConfig.tokenizer_class.replace(/Fast$/, '')
      : undefined;
  const candidate = className ? (transformers as Record<string, unknown>)[className] : undefined;
  const Base = transformers.PreTrainedTokenizer;
  const Cls =
    typeof candidate === 'function' && (candidate === Base || candidate.prototype instanceof Base)
      ? (candidate as typeof Base)
      : Base;
  try {
    return new Cls(tokenizerJson, tokenizerConfig);
  } catch (cause) {
    throw new EccoError('MODEL_CORRUPT', `The tokenizer of ${source} could not be built.`, {
      hint: 'Check tokenizer.json and tokenizer_config.json (they must be the Hugging Face tokenizers format).',
      cause,
    });
  }
}

function mentions(value: unknown, type: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  if ((value as { type?: unknown }).type === type) return true;
  return Object.values(value).some((v) => mentions(v, type));
}

/** Which subword convention the tokenizer's pieces follow (for display and word joining). */
export function tokenizerFamilyOf(tokenizerJson: unknown): TokenizerFamily {
  const json = tokenizerJson as {
    model?: { type?: string };
    pre_tokenizer?: unknown;
    decoder?: unknown;
  };
  const type = json?.model?.type;
  if (type === 'WordPiece') return 'wordpiece';
  if (mentions(json?.pre_tokenizer, 'ByteLevel') || mentions(json?.decoder, 'ByteLevel'))
    return 'byte-bpe';
  if (
    type === 'Unigram' ||
    mentions(json?.pre_tokenizer, 'Metaspace') ||
    mentions(json?.decoder, 'Metaspace') ||
    JSON.stringify(json?.decoder ?? null).includes('▁')
  ) {
    return 'sentencepiece';
  }
  return 'plain';
}
