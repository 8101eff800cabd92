import { seededRandom } from '@explainable-ecco/core';
import type { PackExample } from '../src/index.js';

const TOKENS = [
  'the',
  'cat',
  ' sat',
  'on',
  'mat',
  '.',
  'Paris',
  'is',
  'in',
  'France',
  '(',
  ')',
  '{',
  '}',
  'return',
  'x',
  '1',
  '2',
  '3',
  'and',
  'of',
  'a',
  'neuron',
  'fires',
];
const EXPLANATIONS = [
  'definite articles at the start of a noun phrase',
  'closing brackets in source code',
  'capital city names following "is in"',
  'numbers in a counting sequence',
  'verbs in the past tense after a subject',
  'punctuation that ends a sentence',
  'the word "and" joining two clauses',
  'tokens inside quoted speech',
];

/**
 * `count` examples shaped like the explainer's library entries: an explanation, then records
 * of (token, activation 0–10) pairs, from ~40 to ~1,300 tokens each (mean ~650).
 */
export function libraryExamples(count: number, seed = 1): PackExample[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const records = 1 + Math.floor(random() * 12);
    const lines = [`Explanation: ${EXPLANATIONS[i % EXPLANATIONS.length]} (example ${i}).`];
    for (let r = 0; r < records; r++) {
      const pairs = Array.from({ length: 20 + Math.floor(random() * 20) }, () => {
        const token = TOKENS[Math.floor(random() * TOKENS.length)]!;
        const value = random() < 0.7 ? 0 : Math.floor(random() * 11);
        return `${token}\t${value}`;
      });
      lines.push(`Record ${r + 1}:\n${pairs.join('\n')}`);
    }
    return { id: `lib-${i}`, text: lines.join('\n\n') };
  });
}
