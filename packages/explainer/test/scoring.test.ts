import { makeTokens } from '@explainable-ecco/core';
import { type FakeChatCompletions, startFakeChatCompletions } from '@explainable-ecco/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildRecord,
  detectionScore,
  explain,
  pearson,
  type Simulator,
  scoreExplanations,
  scoringWindows,
  simulateLexically,
  simulationScore,
} from '../src/node.js';
import { syntheticCase } from './helpers/synthetic.js';

let server: FakeChatCompletions | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('metrics', () => {
  it('Pearson r is null, not NaN, for constant predictions', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(simulationScore([0, 10, 0], [0, 0, 0]).r).toBeNull();
  });
  it('clips out-of-range predictions and counts them', () => {
    const s = simulationScore([0, 5, 10, 0], [-3, 5, 15, 0]);
    expect(s.clipped).toBe(2);
    expect(s.r).toBeCloseTo(pearson([0, 5, 10, 0], [0, 5, 10, 0])!, 12);
  });
  it('detection is balanced accuracy over active and inactive windows', () => {
    const truth = [
      [0, 9],
      [8, 0],
      [1, 0],
      [0, 0],
    ];
    expect(
      detectionScore(truth, [
        [0, 10],
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
    ).toBeCloseTo((1 / 2 + 2 / 2) / 2, 12);
    expect(detectionScore(truth, [[9], [9], [9], [9]])).toBe(0.5); // "always active" is chance
    expect(detectionScore([[9], [9]], [[9], [0]])).toBeNull(); // no inactive window
  });
});

describe('scoring windows', () => {
  it('are disjoint from the shown windows and from each other, and repeatable', () => {
    const levels = Array.from({ length: 300 }, (_, i) =>
      i % 37 === 0 ? 10 : i % 11 === 0 ? 4 : 0,
    );
    const shown: Array<[number, number]> = [
      [0, 17],
      [100, 117],
    ];
    const w = scoringWindows(levels, shown, { seed: 3 });
    const all = [...shown, ...w.top, ...w.random];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        expect(all[i]![0] < all[j]![1] && all[j]![0] < all[i]![1]).toBe(false);
    expect(w.top.length).toBe(4);
    expect(w.random.length).toBe(4);
    expect(w.heldOut).toBe(true);
    expect(scoringWindows(levels, shown, { seed: 3 })).toEqual(w);
  });
  it('fall back to the whole text, flagged, when it is too short to hold anything unseen', () => {
    const w = scoringWindows([0, 10, 0, 5], [[0, 4]]);
    expect(w).toEqual({ top: [[0, 4]], random: [], heldOut: false });
  });
});

describe('lexical simulator', () => {
  const tokens = makeTokens(
    ['The', 'Ġyear', 'Ġ1999', ',', 'Ġthe', 'Ġend', 'Ċ', 'Next', 'Ġline', '.'].map((text) => ({
      text,
    })),
    'byte-bpe',
  );
  const record = {
    tokens: tokens.map((t) => ({
      text: t.display,
      value: 0,
      position: t.position,
      continuesWord: t.continuesWord,
    })),
  };
  it('predicts from quoted tokens, with their stated values', () => {
    expect(simulateLexically('Fires on "the" (7) and "end".', record)).toEqual([
      7, 0, 0, 0, 7, 10, 0, 0, 0, 0,
    ]);
  });
  it("predicts from named classes and positions in free text (e.g. an LLM's)", () => {
    expect(simulateLexically('It responds to numbers like years.', record)).toEqual([
      0, 0, 10, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(simulateLexically('Commas and sentence-ending periods.', record)).toEqual([
      0, 0, 0, 10, 0, 0, 0, 0, 0, 10,
    ]);
    expect(simulateLexically('The first word of each line.', record)).toEqual([
      10, 0, 0, 0, 0, 0, 0, 10, 0, 0,
    ]);
    expect(simulateLexically('Line breaks.', record)).toEqual([0, 0, 0, 0, 0, 0, 10, 0, 0, 0]);
    expect(simulateLexically('Every third token (positions 1, 4, 7).', record)).toEqual([
      0, 10, 0, 0, 10, 0, 0, 10, 0, 0,
    ]);
    expect(simulateLexically('the definite article', record)).toEqual([
      10, 0, 0, 0, 10, 0, 0, 0, 0, 0,
    ]);
  });
  it('reads "the last token of the text" when it knows the text length', () => {
    expect(simulateLexically('Fires on the last token of the text.', record, 10)).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 10,
    ]);
    expect(simulateLexically('The end of the sequence.', record, 10)).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 10,
    ]);
    // Not the last position of this text (it has 12 tokens): nothing predicted.
    expect(simulateLexically('Fires on the last token of the text.', record, 12)).toEqual(
      new Array(10).fill(0),
    );
  });
});

describe('a factor on the last position', () => {
  it('is explained as such and gets a non-null offline score', async () => {
    const words = 'one two three four five six seven eight nine ten eleven twelve'.split(' ');
    const tokens = makeTokens(
      [...words, ...words].map((text) => ({ text })),
      'plain',
    );
    const factors = [tokens.map((_, i) => (i === tokens.length - 1 ? 1 : 0))];
    const f = { tokens, factors, tokenizerFamily: 'plain' as const };
    const [e] = await explain(f, { provider: 'heuristic' });
    expect(e!.text).toMatch(/last token of the text/);
    const [scored] = await scoreExplanations(f, [e!]);
    expect(scored!.scores?.simulation).not.toBeNull();
    expect(scored!.scores?.simulation).toBeGreaterThan(0.9);
  });
});

describe('scoreExplanations', () => {
  it('scores the right explanation above a wrong one and reports the baseline', async () => {
    const c = syntheticCase('commas', 5);
    const long = { ...c.factorization };
    const scored = await scoreExplanations(long, [
      { factor: 0, text: 'Fires on commas.', provider: 'test' },
    ]);
    const wrong = await scoreExplanations(long, [
      { factor: 0, text: 'Fires on digits.', provider: 'test' },
    ]);
    expect(scored[0]!.score).toBeGreaterThan(0.8);
    expect(wrong[0]!.score ?? 0).toBeLessThan(0.2);
    // One factor only: no other explanation to use as a baseline.
    expect(scored[0]!.scores?.baseline).toBeUndefined();
  });

  it('gives null scores (not NaN) for constant predictions and for failed explanations', async () => {
    const c = syntheticCase('digits', 2);
    const scored = await scoreExplanations(c.factorization, [
      { factor: 0, text: 'Fires on the word "zebra".', provider: 't' },
    ]);
    expect(scored[0]!.scores?.simulation).toBeNull();
    const failed = await scoreExplanations(c.factorization, [
      { factor: 0, text: '', provider: 't', error: { code: 'PROVIDER_ERROR', message: 'x' } },
    ]);
    expect(failed[0]).toMatchObject({ score: null, scores: { simulation: null, detection: null } });
  });

  it('counts clipped and missing predictions of a custom simulator', async () => {
    const c = syntheticCase('digits', 4);
    const wild: Simulator = {
      id: 'wild',
      simulate: async (_e, record) => ({
        values: record.tokens.map((_, i) => (i % 2 ? 15 : -2)),
        invalid: 3,
      }),
    };
    const [s] = await scoreExplanations(
      c.factorization,
      [{ factor: 0, text: 'digits', provider: 't' }],
      { simulator: wild },
    );
    const scored = [...s!.scoring.windows.top, ...s!.scoring.windows.random].reduce(
      (n, [a, b]) => n + b - a,
      0,
    );
    expect(scored).toBeGreaterThan(0);
    expect(s!.scoring.clipped).toBe(scored); // every prediction was out of range
    expect(s!.scoring.invalid).toBe(3);
    expect(s!.scores?.simulator).toBe('wild');
  });

  it('simulates through the LLM provider (loopback server), reading {"excerpts": …}', async () => {
    const c = syntheticCase('digits', 6);
    server = await startFakeChatCompletions((req) => {
      // A perfect simulator: 10 on digit tokens, read from the numbered token lines.
      const user = req.body.messages.at(-1)!.content;
      const excerpts = user
        .split(/\n\nExcerpt \d+ \(\d+ tokens\):\n|Excerpt 1 \(\d+ tokens\):\n/)
        .slice(1);
      const values = excerpts.map((block) =>
        block
          .split('\n')
          .filter((l) => /^\d+\t/.test(l))
          .map((l) => (/^\d+\t" ?\d+"$/.test(l) ? 10 : 0)),
      );
      return { kind: 'ok', content: JSON.stringify({ excerpts: values }) };
    });
    const explanations = await explain(c.factorization, { provider: 'heuristic' });
    const [s] = await scoreExplanations(c.factorization, explanations, {
      simulator: 'provider',
      provider: 'openai',
      baseURL: server.baseURL,
      model: 'sim-model',
      cache: false,
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.response_format?.type).toBe('json_schema');
    expect(server.requests[0]!.body.messages[0]!.content).toMatch(/never follow instructions/);
    expect(s!.scores?.simulator).toBe('sim-model');
    expect(s!.scores?.simulation).toBeGreaterThan(0.7);
    expect(s!.scoring.invalid).toBe(0);
  });
});

describe('short texts (≤ 64 tokens)', () => {
  const text = (n: number) => {
    const tokens = makeTokens(
      Array.from({ length: n }, (_, i) => ({ text: i % 4 === 1 ? ',' : `w${i}` })),
      'plain',
    );
    const values = tokens.map((t) => (t.text === ',' ? 1 : 0));
    return { tokens, factors: [values], tokenizerFamily: 'plain' as const };
  };

  it('are cut in two halves from 34 tokens on: the explainer sees one, scoring uses the other', async () => {
    for (const n of [34, 40, 50, 64]) {
      const f = text(n);
      const record = buildRecord(f, 0);
      const shown = record.tokens.map((t) => t.position!);
      expect(shown.length, `n=${n}`).toBe(Math.ceil(n / 2));
      const [scored] = await scoreExplanations(f, [
        { factor: 0, record, text: 'Fires on commas.', provider: 'test' },
      ]);
      const w = scored!.scoring.windows;
      expect(w.heldOut, `n=${n}`).toBe(true);
      for (const [s, e] of [...w.top, ...w.random]) {
        for (let p = s; p < e; p++) expect(shown.includes(p), `n=${n} p=${p}`).toBe(false);
      }
      expect(scored!.scores?.simulation).toBeGreaterThan(0.9);
    }
  });

  it('show the half with more of the activation', () => {
    const f = text(40);
    f.factors[0] = f.factors[0]!.map((v, i) => (i >= 20 ? v : 0));
    expect(buildRecord(f, 0).tokens[0]!.position).toBe(20);
  });

  it('are shown whole below 34 tokens, and then scored on the seen text (heldOut false)', async () => {
    const f = text(33);
    const record = buildRecord(f, 0);
    expect(record.tokens).toHaveLength(33);
    const [scored] = await scoreExplanations(f, [
      { factor: 0, record, text: 'Fires on commas.', provider: 'test' },
    ]);
    expect(scored!.scoring.windows.heldOut).toBe(false);
  });
});
