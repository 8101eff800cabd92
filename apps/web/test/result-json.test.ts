import { type Explanation, makeTokens } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import type { FactorsPayload } from '../src/pipeline/protocol.js';
import { resultTimings, toResultEntry } from '../src/result/result-json.js';

const factorization: FactorsPayload = {
  tokens: makeTokens([{ text: '1' }, { text: ',' }, { text: '2' }]),
  factors: [
    [0.9, 0, 0.8],
    [0, 1.2, 0],
  ],
  layers: [0, 1],
  layerShare: [
    [0.5, 0.5],
    [0.25, 0.75],
  ],
  reconstructionError: 0.125,
  source: { tool: 'explainable-ecco', model: 'demo' },
};

const explanations: Explanation[] = [
  {
    factor: 0,
    text: 'Fires on digits.',
    provider: 'heuristic',
    score: 0.97,
    scores: { simulation: 0.97, detection: 1, simulator: 'heuristic' },
    record: { tokens: [{ text: '1', value: 10 }] },
  },
  {
    factor: 1,
    text: '',
    provider: 'openai',
    model: 'gpt-4o-mini',
    error: { code: 'PROVIDER_TIMEOUT', message: 'No answer in 60 s.' },
  },
];

describe('toResultEntry', () => {
  it('writes the CLI result.json shape', () => {
    const entry = toResultEntry('counting', 'demo-gpt2', factorization, explanations, {
      model: 12.5,
    });
    expect(Object.keys(entry).sort()).toEqual(
      [
        'components',
        'explanations',
        'factors',
        'layerShare',
        'layers',
        'name',
        'reconstructionError',
        'source',
        'timings',
        'tokens',
      ].sort(),
    );
    expect(entry).toMatchObject({
      name: 'counting',
      source: 'demo-gpt2',
      components: 2,
      factors: factorization.factors,
      layers: [0, 1],
      reconstructionError: 0.125,
      timings: { model: 12.5 },
    });
    expect(entry.tokens.map((t) => t.text)).toEqual(['1', ',', '2']);
  });

  it('keeps factor, text, provider and score or error of each explanation, not records', () => {
    const [a, b] = toResultEntry('t', 's', factorization, explanations, {}).explanations;
    expect(a).toEqual({
      factor: 0,
      text: 'Fires on digits.',
      provider: 'heuristic',
      score: 0.97,
      scores: { simulation: 0.97, detection: 1, simulator: 'heuristic' },
    });
    expect(b).toEqual({
      factor: 1,
      text: '',
      provider: 'openai',
      model: 'gpt-4o-mini',
      error: { code: 'PROVIDER_TIMEOUT', message: 'No answer in 60 s.' },
    });
  });

  it('names stage timings as the CLI does', () => {
    expect(
      resultTimings({ model: 1, activations: 2, factors: 3, explanations: 4, scores: 5 }),
    ).toEqual({ loadModel: 1, inference: 2, nmf: 3, explain: 4, score: 5 });
  });

  it('copies typed-array factor rows into plain arrays (JSON)', () => {
    const typed = {
      ...factorization,
      factors: [Float32Array.from([1, 2, 3]) as unknown as number[]],
    };
    const entry = toResultEntry('t', 's', typed, [], {});
    expect(JSON.parse(JSON.stringify(entry)).factors).toEqual([[1, 2, 3]]);
  });
});
