import type { FactorRecord } from '@explainable-ecco/core';
import { analyseRecord, type Finding } from './analyse.js';
import { quoteToken } from './hypotheses.js';

function percent(x: number): string {
  return `${Math.round(100 * x)}%`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function strongestText(finding: Finding): string {
  return finding.strongest.map((t) => `${quoteToken(t.text)} (${t.value})`).join(', ');
}

/** Puts a finding into plain words: the rule, how much of the mass it explains, examples. */
export function describeFinding(finding: Finding): string {
  if (finding.verdict === 'silent') {
    return 'This factor is not active in the text shown (every value is 0 after masking); there is nothing to explain.';
  }
  const { coverage, precision } = finding.combined;
  if (finding.verdict === 'none') {
    return (
      `No clear pattern: the activation is spread over many unrelated tokens. ` +
      `The strongest are ${strongestText(finding)}.`
    );
  }
  const phrases = finding.rules.map((r) => r.hypothesis.phrase);
  const lead =
    finding.verdict === 'clear'
      ? 'Fires on'
      : finding.verdict === 'partial'
        ? 'Mostly fires on'
        : 'Weakly associated with';
  const several = phrases.length > 1;
  let text =
    `${lead} ${list(phrases)}. ` +
    `${several ? 'Together they carry' : 'These carry'} ${percent(coverage)} of the factor's activation mass, ` +
    `and ${percent(precision)} of such tokens in the text are active.`;
  // Position rules are about where, not what: naming words there would mislead a reader.
  const positional = finding.rules.every((r) => r.hypothesis.kind === 'position');
  if (!positional) text += ` Strongest: ${strongestText(finding)}.`;
  if (finding.verdict === 'weak') text += ' The rest of the activation has no clear pattern.';
  return text;
}

/** The heuristic's explanation of a record: plain language, from the record alone. */
export function describeRecord(record: FactorRecord, sequenceLength?: number): string {
  return describeFinding(analyseRecord(record, sequenceLength));
}
