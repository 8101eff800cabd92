import type { ChatMessage, TokenCounter } from './types.js';

/*
 * With no tokenizer, over-count rather than under-count. BPE vocabularies of current models
 * average about 4 UTF-8 bytes per token on English prose and about 3 on code and most other
 * scripts, so bytes/3 over-counts typical text; the packer also holds back a safety margin.
 * Chat overhead borrows OpenAI's layout (3 per message + role, 3 to prime the reply) plus one.
 */
const BYTES_PER_TOKEN = 3;
const TOKENS_PER_MESSAGE = 4;
const REPLY_PRIMING_TOKENS = 4;

const utf8 = new TextEncoder();

/** A labelled estimate (`exact: false`) for models whose tokenizer is unknown. */
export function createEstimateCounter(): TokenCounter {
  const count = (text: string): number =>
    text ? Math.ceil(utf8.encode(text).length / BYTES_PER_TOKEN) : 0;
  return {
    name: `estimate:utf8-bytes/${BYTES_PER_TOKEN}`,
    exact: false,
    count,
    countChat(messages: ChatMessage[]): number {
      let total = REPLY_PRIMING_TOKENS;
      for (const m of messages) {
        total += TOKENS_PER_MESSAGE + count(m.role) + count(m.content);
        if (m.name !== undefined) total += count(m.name) + 1;
      }
      return total;
    },
  };
}
