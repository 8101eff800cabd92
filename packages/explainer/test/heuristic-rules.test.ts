import { makeTokens } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { buildRecord, explain, simulateLexically } from '../src/index.js';
import { SYNTHETIC_RULES, type SyntheticCase, syntheticCase } from './helpers/synthetic.js';

/** The rule part of a heuristic explanation (before the mass and the strongest tokens). */
function rulePart(text: string): string {
  return text.split(/ (These|Together they) carry /)[0]!;
}

function namesRule(c: SyntheticCase, text: string): boolean {
  const rule = rulePart(text);
  switch (c.rule) {
    case 'digits':
      return /\bdigits\b/.test(rule);
    case 'commas':
      return /\bcommas\b/.test(rule);
    case 'special':
      return /special tokens \(\[CLS\], \[SEP\]\)/.test(rule);
    case 'line-start':
      return /first token of each line/.test(rule);
    case 'word':
      return rule.includes(`the token "${c.word}"`);
    case 'every-third': {
      const m = /every 3rd position \(positions (\d+), (\d+)/.exec(rule);
      return m !== null && Number(m[1]) % 3 === c.offset;
    }
  }
}

describe('heuristic explainer on synthetic factors with a known rule', () => {
  const cases = SYNTHETIC_RULES.flatMap((rule) =>
    Array.from({ length: 6 }, (_, k) => syntheticCase(rule, k + 1)),
  );

  it(`names the rule in at least 90% of ${cases.length} generated cases`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const misses: string[] = [];
    for (const c of cases) {
      const [e] = await explain(c.factorization, { provider: 'heuristic' });
      expect(e!.factor).toBe(0);
      if (!namesRule(c, e!.text)) misses.push(`${c.rule}: ${e!.text}`);
    }
    const rate = 1 - misses.length / cases.length;
    if (rate < 1)
      console.log(`[heuristic] missed ${misses.length}/${cases.length}:\n${misses.join('\n')}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it('names each rule with the matching wording only for its own kind of case', async () => {
    // A wrong rule must not be named: a digits factor is never called "commas", and so on.
    for (const c of cases.filter((_, i) => i % 6 === 0)) {
      const [e] = await explain(c.factorization, { provider: 'heuristic' });
      const others = cases.filter(
        (o) => o.rule !== c.rule && o.rule !== 'word' && o.rule !== 'every-third',
      );
      for (const o of others)
        expect(namesRule({ ...o }, e!.text), `${c.rule} named as ${o.rule}: ${e!.text}`).toBe(
          false,
        );
    }
  });

  it('says so honestly when a factor has no pattern', async () => {
    const c = syntheticCase('digits', 99);
    const noise = c.factorization.tokens.map((_, i) => ((i * 7919) % 13) / 13 + 0.01);
    const [e] = await explain({ ...c.factorization, factors: [noise] }, { provider: 'heuristic' });
    expect(e!.text).toMatch(/^(No clear pattern|Weakly associated)/);
  });

  it('says a silent factor has nothing to explain', async () => {
    const c = syntheticCase('commas', 3);
    const [e] = await explain(
      { ...c.factorization, factors: [c.factorization.tokens.map(() => 0)] },
      { provider: 'heuristic' },
    );
    expect(e!.text).toMatch(/not active/);
  });

  it('names the token, not the period, when both fit (commas of a counting sequence)', async () => {
    const pieces = '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18'
      .split(/(,)/)
      .map((text) => ({ text }));
    const tokens = makeTokens(pieces, 'byte-bpe');
    const commas = tokens.map((t) => (t.text === ',' ? 1 : 0));
    const numbers = tokens.map((t) => (t.text === ',' ? 0 : 1));
    const [onCommas, onNumbers] = await explain(
      { tokens, factors: [commas, numbers] },
      { provider: 'heuristic' },
    );
    expect(onCommas!.text).toMatch(/comma|","/i);
    expect(onCommas!.text).not.toMatch(/every 2nd position/);
    expect(onNumbers!.text).toMatch(/digit|number/i);
  });

  it('lists as strongest only tokens near the peak, not those barely above the mask', async () => {
    const pieces = '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18'
      .split(/(,)/)
      .map((text) => ({ text }));
    const tokens = makeTokens(pieces, 'byte-bpe');
    // Commas at full strength; numbers just above the 0.01 mask, so level 1 of 10.
    const commas = tokens.map((t) => (t.text === ',' ? 1 : 0.05));
    const [e] = await explain({ tokens, factors: [commas] }, { provider: 'heuristic' });
    expect(e!.text).toMatch(/Strongest: "," \(10\)\./);
  });

  it('names unfinished and final pieces of split words, and its simulator reads those phrases back', async () => {
    // "un|believ|able" and "re|mark|ably": byte-BPE pieces, the later ones continuing the word.
    const pieces = [
      'The',
      'Ġun',
      'believ',
      'able',
      'Ġstory',
      'Ġwas',
      'Ġre',
      'mark',
      'ably',
      'Ġshort',
      '.',
    ];
    const tokens = makeTokens(
      pieces.map((text) => ({ text })),
      'byte-bpe',
    );
    const unfinished = tokens.map((_, i) => (tokens[i + 1]?.continuesWord ? 1 : 0));
    const last = tokens.map((t, i) => (t.continuesWord && !tokens[i + 1]?.continuesWord ? 1 : 0));
    const factorization = { tokens, factors: [unfinished, last] };
    const explanations = await explain(factorization, { provider: 'heuristic' });
    expect(explanations[0]!.text).toMatch(/unfinished pieces of longer words/);
    expect(explanations[1]!.text).toMatch(/last pieces of longer words/);
    const predicted = simulateLexically(explanations[0]!.text, buildRecord(factorization, 0));
    expect(predicted.map((v) => (v > 0 ? 1 : 0))).toEqual(unfinished);
  });
});
