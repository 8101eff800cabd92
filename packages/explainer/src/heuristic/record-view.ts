import type { FactorRecord, RecordToken } from '@explainable-ecco/core';
import { type TokenClass, tokenClasses } from './token-classes.js';

/** A record token with what the heuristics need to know about its surroundings. */
export interface TokenView {
  token: RecordToken;
  value: number;
  /** Position in the source sequence, when known. */
  position: number | undefined;
  classes: Set<TokenClass>;
  /** The first token of a line: after a newline, or the first text token of the sequence. */
  lineStart: boolean;
  /** A piece of a word the tokenizer split into several tokens (first piece included). */
  splitWord: boolean;
  /** Any piece of such a word but its last: the next token continues the same word. */
  splitWordNonFinal: boolean;
  /** The last piece of such a word: it continues the previous token and nothing continues it. */
  splitWordFinal: boolean;
}

/**
 * Annotates every token of a record. The previous token only counts as context when it is
 * the directly preceding position of the same excerpt.
 */
export function viewRecord(record: FactorRecord): TokenView[] {
  const windows = record.windows ?? [[0, record.tokens.length]];
  const views: TokenView[] = [];
  for (const [start, end] of windows) {
    for (let i = start; i < end; i++) {
      const token = record.tokens[i]!;
      const prev = i > start ? record.tokens[i - 1] : undefined;
      const next = i + 1 < end ? record.tokens[i + 1] : undefined;
      const position = token.position;
      const classes = tokenClasses(token.text, token.continuesWord === true);
      const isText =
        !classes.has('special') && !classes.has('whitespace') && !classes.has('newline');
      const prevAdjacent =
        prev !== undefined &&
        (position === undefined || prev.position === undefined || prev.position === position - 1);
      const afterNewline = prevAdjacent && /\n\s*$/.test(prev!.text);
      const sequenceStart =
        position === 0 ||
        (position === 1 && prevAdjacent && tokenClasses(prev!.text).has('special'));
      views.push({
        token,
        value: token.value,
        position,
        classes,
        lineStart: isText && (afterNewline || sequenceStart),
        splitWord: token.continuesWord === true || next?.continuesWord === true,
        splitWordNonFinal: next?.continuesWord === true,
        splitWordFinal: token.continuesWord === true && next?.continuesWord !== true,
      });
    }
  }
  return views;
}
