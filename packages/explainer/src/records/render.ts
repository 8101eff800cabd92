import { EccoError, type FactorRecord, joinTokens, type RecordToken } from '@explainable-ecco/core';

/**
 * How a record is written into a prompt:
 * - `highlight`: the excerpt text with active tokens marked `<<token>>(value)` (the default,
 *   chosen by measurement — see the README);
 * - `list`: one `token<TAB>value` line per token (Bills et al. 2023);
 * - `masked`: the excerpt with every inactive token replaced by `_` (the Python prototype).
 */
export type RecordFormat = 'highlight' | 'list' | 'masked';

export const RECORD_FORMATS: readonly RecordFormat[] = ['highlight', 'list', 'masked'];
export const DEFAULT_RECORD_FORMAT: RecordFormat = 'highlight';

/** The tag that delimits explained text in prompts; text inside it is data, never instructions. */
export const RECORD_TAG = 'factor_record';

/**
 * Neutralises markup inside token text so a token can neither close the data block nor fake a
 * highlight: angle brackets become look-alike guillemets.
 */
export function escapeTokenText(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

function visible(text: string): string {
  // Newlines stay newlines in running text, but a highlighted one must be seen.
  return text.replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

function renderRunning(
  tokens: RecordToken[],
  family: FactorRecord['tokenizerFamily'],
  mode: 'highlight' | 'masked',
): string {
  const pieces = tokens.map((t) => {
    const text = escapeTokenText(t.text);
    const lead = /^\s+/.exec(text)?.[0] ?? '';
    const core = text.slice(lead.length);
    if (mode === 'masked') {
      if (t.value > 0) return { display: text, continuesWord: t.continuesWord };
      return { display: core === '' ? text : `${lead}_`, continuesWord: t.continuesWord };
    }
    if (t.value <= 0) return { display: text, continuesWord: t.continuesWord };
    const shown = core === '' ? visible(text) : core;
    const trailingNewline = core === '' && text.includes('\n') ? '\n' : '';
    return {
      display: `${core === '' ? '' : lead}<<${shown}>>(${t.value})${trailingNewline}`,
      continuesWord: t.continuesWord,
    };
  });
  return joinTokens(pieces, family ?? 'plain');
}

function listCell(t: RecordToken): string {
  const text = escapeTokenText(t.text);
  const shown = /^\S+$/.test(text) && !text.includes('"') ? text : JSON.stringify(text);
  return t.continuesWord ? `##${shown}` : shown;
}

/** One excerpt of a record in the given format. */
export function renderExcerpt(
  record: FactorRecord,
  [start, end]: [number, number],
  format: RecordFormat,
): string {
  const tokens = record.tokens.slice(start, end);
  if (format === 'list') return tokens.map((t) => `${listCell(t)}\t${t.value}`).join('\n');
  return renderRunning(tokens, record.tokenizerFamily, format);
}

/**
 * Writes a record as prompt text: its excerpts in the chosen format, numbered, inside one
 * `<factor_record>` block.
 */
export function renderRecord(
  record: FactorRecord,
  format: RecordFormat = DEFAULT_RECORD_FORMAT,
): string {
  if (!RECORD_FORMATS.includes(format)) {
    throw new EccoError('INVALID_ARGUMENT', `Unknown record format ${JSON.stringify(format)}.`, {
      hint: `Use one of ${RECORD_FORMATS.join(', ')}.`,
    });
  }
  const windows = record.windows ?? [[0, record.tokens.length]];
  const excerpts = windows.map((w, i) => `Excerpt ${i + 1}:\n${renderExcerpt(record, w, format)}`);
  return `<${RECORD_TAG}>\n${excerpts.join('\n\n')}\n</${RECORD_TAG}>`;
}

/** What the model is told about the format it reads. */
export function formatLegend(format: RecordFormat): string {
  switch (format) {
    case 'highlight':
      return 'Tokens where the factor is active are marked <<token>>(v), where v is its activation from 1 to 10 (10 = the strongest anywhere); unmarked tokens are 0.';
    case 'list':
      return "Each line is a token, a tab, and the factor's activation there from 0 to 10 (10 = the strongest anywhere). Tokens starting with ## continue the previous word.";
    case 'masked':
      return 'Only the tokens where the factor is active are shown; every other token is replaced by _.';
  }
}
