import type { FactorRecord } from '@explainable-ecco/core';
import { rulesFromExplanation } from './explanation-rules.js';
import { viewRecord } from './record-view.js';

/**
 * The offline lexical simulator: predicts each record token's 0–10 value from the tokens,
 * classes and positions an explanation names (the strongest named rule wins; unnamed tokens 0).
 * `sequenceLength` (tokens in the whole text) lets it read "the last token of the text".
 */
export function simulateLexically(
  explanation: string,
  record: FactorRecord,
  sequenceLength?: number,
): number[] {
  const rules = rulesFromExplanation(explanation, sequenceLength);
  return viewRecord(record).map((view) => {
    let value = 0;
    for (const rule of rules) if (rule.value > value && rule.test(view)) value = rule.value;
    return value;
  });
}
