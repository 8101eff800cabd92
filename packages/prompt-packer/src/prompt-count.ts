import type { Layout } from './layout.js';
import type { ChatMessage, TokenCounter } from './types.js';

/*
 * For a counter without `countChat` (a caller's own), assume OpenAI's documented layout:
 * 3 tokens per message plus its role, 3 to prime the reply. Such counts are marked inexact.
 */
function assumedChatCount(counter: TokenCounter, messages: ChatMessage[]): number {
  let total = 3;
  for (const m of messages) {
    total += 3 + counter.count(m.role) + counter.count(m.content);
    if (m.name !== undefined) total += counter.count(m.name) + 1;
  }
  return total;
}

/** Tokens of a whole chat prompt, overhead included. */
export function countChat(counter: TokenCounter, messages: ChatMessage[]): number {
  return counter.countChat ? counter.countChat(messages) : assumedChatCount(counter, messages);
}

/** Tokens of a laid-out prompt as the endpoint sees it. */
export function countLayout(counter: TokenCounter, layout: Layout): number {
  if (layout.messages) return countChat(counter, layout.messages);
  const prompt = layout.prompt ?? '';
  return counter.countPrompt ? counter.countPrompt(prompt) : counter.count(prompt);
}

/** Whether counts for this format are exact with this counter. */
export function countsExact(counter: TokenCounter, format: 'chat' | 'completion'): boolean {
  if (!counter.exact) return false;
  if (format === 'completion') return true;
  return counter.countChat !== undefined && (counter.chatExact ?? true);
}
