import type { FactorRecord, RecordToken, TokenizerFamily } from '@explainable-ecco/core';
import { EccoError, joinTokens } from '@explainable-ecco/core';
import { profileRecord } from './record-profile.js';

/** Marks around active tokens in `recordToText`; the lexical analyzer ignores them. */
export const HIGHLIGHT_OPEN = '⟪';
export const HIGHLIGHT_CLOSE = '⟫';

/**
 * The text that gets embedded and indexed for a record: the excerpt with its active tokens
 * marked, the active tokens strongest first, and what kinds of token and text they are.
 * Query records and example records go through the same function, so they compare like for like.
 */
export function recordToText(record: FactorRecord): string {
  if (!record || !Array.isArray(record.tokens) || record.tokens.length === 0) {
    throw new EccoError('EMPTY_QUERY', 'The record has no tokens.', {
      hint: 'Pass a record with at least one token, or a non-empty string.',
    });
  }
  const profile = profileRecord(record);
  const family: TokenizerFamily = record.tokenizerFamily ?? 'plain';
  const active = new Set(profile.active);
  const excerpts = profile.windows.map(([s, e]) =>
    joinRecordTokens(record.tokens.slice(s, e), s, active, family),
  );
  const lines = [
    `excerpt: ${excerpts.join(' … ')}`,
    `active tokens: ${profile.activeTexts.join(' ')}`,
    `active kinds: ${profile.activeKinds.map((k) => `active-${k}`).join(' ')}`,
    `text kinds: ${profile.textKinds.map((k) => `text-${k}`).join(' ')}`,
    `shape: ${profile.shape.join(' ')}`,
  ];
  return lines.join('\n');
}

function joinRecordTokens(
  tokens: readonly RecordToken[],
  offset: number,
  active: ReadonlySet<number>,
  family: TokenizerFamily,
): string {
  const pieces = tokens.map((t, i) => {
    if (!active.has(offset + i)) return { display: t.text, continuesWord: t.continuesWord };
    // Keep a piece's own leading space outside the marks so the words still read normally.
    const lead = /^\s*/.exec(t.text)![0];
    const body = t.text.slice(lead.length) || (t.text.includes('\n') ? '\\n' : '␣');
    return {
      display: `${lead}${HIGHLIGHT_OPEN}${body}${HIGHLIGHT_CLOSE}`,
      continuesWord: t.continuesWord,
    };
  });
  return joinTokens(pieces, family);
}
