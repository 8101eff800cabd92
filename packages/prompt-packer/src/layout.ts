import type { ChatMessage, PackExample } from './types.js';

/** Parts of the prompt are separated by one blank line. */
export const PART_SEPARATOR = '\n\n';

/** The parts every prompt has, whatever examples are included. */
export interface FixedParts {
  format: 'chat' | 'completion';
  system?: string;
  instructions: string;
  query: string;
}

/** A prompt in the shape its format sends. */
export interface Layout {
  messages?: ChatMessage[];
  prompt?: string;
}

function joinParts(parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(PART_SEPARATOR);
}

/** `instructions`, the text examples in rank order, then `query`, one blank line apart. */
export function finalUserMessage(fixed: FixedParts, included: readonly PackExample[]): string {
  return joinParts([fixed.instructions, ...included.map((e) => e.text), fixed.query]);
}

/**
 * Chat: [system], each included example's turns in rank order, then one user message.
 * Completion: the same parts' contents joined into one string, one blank line apart.
 */
export function layOut(fixed: FixedParts, included: readonly PackExample[]): Layout {
  const turns = included.flatMap((e) => e.messages ?? []);
  const user = finalUserMessage(fixed, included);
  if (fixed.format === 'completion') {
    return { prompt: joinParts([fixed.system, ...turns.map((t) => t.content), user]) };
  }
  const messages: ChatMessage[] = [];
  if (fixed.system) messages.push({ role: 'system', content: fixed.system });
  for (const turn of turns) messages.push({ ...turn });
  messages.push({ role: 'user', content: user });
  return { messages };
}
