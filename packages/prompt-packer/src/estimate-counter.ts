import type { ChatMessage, TokenCounter } from './types.js';

/*
 * With no tokenizer, over-count rather than under-count. Bytes/4 is the usual rule of thumb,
 * but records such as `the(10) cat(0)` run nearer 2 bytes per token, so the estimate splits
 * text the way BPE pre-tokenizers do and charges each piece what large-vocabulary tokenizers
 * (OpenAI's, Llama's, Qwen's) charge at worst for common text:
 * - ASCII letter runs: one token per 3 letters (a leading space rides along for free);
 * - each digit: one token (Llama splits numbers into digits);
 * - each other ASCII character (punctuation, whitespace beyond one space): one token;
 * - each non-ASCII letter: one token; each other non-ASCII character: one per UTF-8 byte.
 * Chat overhead borrows OpenAI's layout (3 per message + role, 3 to prime the reply) plus one.
 */
const LETTERS_PER_TOKEN = 3;
const TOKENS_PER_MESSAGE = 4;
const REPLY_PRIMING_TOKENS = 4;

const PIECES = / ?[A-Za-z]+|\p{L}|[\s\S]/gu;
const utf8 = new TextEncoder();

function estimateTokens(text: string): number {
  let total = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    const letters = piece.trimStart().length;
    if (/[A-Za-z]/.test(piece)) total += Math.ceil(letters / LETTERS_PER_TOKEN);
    else if (piece.charCodeAt(0) < 0x80 || /\p{L}/u.test(piece)) total += 1;
    else total += utf8.encode(piece).length;
  }
  return total;
}

/** A labelled estimate (`exact: false`) for models whose tokenizer is unknown. */
export function createEstimateCounter(): TokenCounter {
  return {
    name: 'estimate:bpe-worst-case',
    exact: false,
    count: estimateTokens,
    countChat(messages: ChatMessage[]): number {
      let total = REPLY_PRIMING_TOKENS;
      for (const m of messages) {
        total += TOKENS_PER_MESSAGE + estimateTokens(m.role) + estimateTokens(m.content);
        if (m.name !== undefined) total += estimateTokens(m.name) + 1;
      }
      return total;
    },
  };
}
