import { EccoError } from '@explainable-ecco/core';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { TokenPieces } from './token-pieces.js';

export interface EncodeOptions {
  /** Longest sequence the model accepts, special tokens included. */
  maxPositions?: number | undefined;
  /** Cut texts that are too long to maxPositions instead of throwing TEXT_TOO_LONG. */
  truncation?: boolean | undefined;
  /** Index in a batch, for messages. */
  index?: number | undefined;
}

/** Token ids of one text, with the tokenizer's default special tokens, checked against the model's length. */
export function encodeText(
  tokenizer: PreTrainedTokenizer,
  pieces: TokenPieces,
  text: unknown,
  options: EncodeOptions = {},
): number[] {
  const where = options.index === undefined ? 'The text' : `Text ${options.index}`;
  if (typeof text !== 'string') {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `${where} is ${text === null ? 'null' : typeof text}, not a string.`,
      {
        hint: 'Pass a string or an array of strings.',
      },
    );
  }
  const ids = tokenizer.encode(text);
  if (text.trim() === '' || ids.every((id) => pieces.isSpecial(id))) {
    throw new EccoError('EMPTY_TEXT', `${where} is empty: it has no tokens to capture.`, {
      hint: 'Pass text with at least one word.',
      details: { index: options.index },
    });
  }
  const max = options.maxPositions;
  if (max === undefined || ids.length <= max) return ids;
  if (!options.truncation) {
    throw new EccoError(
      'TEXT_TOO_LONG',
      `${where} has ${ids.length} tokens but the model takes at most ${max}.`,
      {
        hint: 'Shorten the text, split it, or pass { truncation: true } to keep the first tokens.',
        details: { index: options.index, tokens: ids.length, maxPositions: max },
      },
    );
  }
  return truncateKeepingSpecials(ids, tokenizer.encode(text, { add_special_tokens: false }), max);
}

/**
 * Cuts the text's own tokens so the whole sequence fits in `max`, keeping the special tokens the
 * tokenizer adds around it ([CLS] … [SEP], <s> …): ids = prefix + content + suffix.
 */
function truncateKeepingSpecials(ids: number[], content: number[], max: number): number[] {
  let prefix = 0;
  while (prefix < ids.length && ids[prefix] !== content[0]) prefix++;
  const suffix = Math.max(0, ids.length - prefix - content.length);
  const room = Math.max(0, max - prefix - suffix);
  return [...ids.slice(0, prefix), ...content.slice(0, room), ...ids.slice(ids.length - suffix)];
}
