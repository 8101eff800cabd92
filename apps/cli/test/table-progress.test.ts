import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../src/progress.js';
import type { ResultEntry } from '../src/result.js';
import { renderTable, topTokens } from '../src/table.js';

const entry: ResultEntry = {
  name: 'demo',
  source: 'test',
  tokens: ['1', ',', '2', ',', '3'].map((t, i) => ({
    text: t,
    display: t,
    id: i,
    position: i,
    kind: 'input' as const,
  })),
  factors: [
    [0.9, 0, 0.8, 0, 0.7],
    [0, 0.5, 0, 0.6, 0],
  ],
  explanations: [
    { factor: 0, text: 'Digits in a counting sequence.', provider: 'heuristic', score: 0.91 },
    {
      factor: 1,
      text: '',
      provider: 'heuristic',
      error: { code: 'PROVIDER_TIMEOUT', message: 'timed out' },
    },
  ],
  components: 2,
  timings: {},
};

describe('terminal table', () => {
  it('lists top tokens by value, deduplicated', () => {
    expect(topTokens(entry, 0)).toEqual(['"1"', '"2"', '"3"']);
    expect(topTokens(entry, 1)).toEqual(['","']);
  });

  it('shows every factor with its explanation and score, within the width', () => {
    const table = renderTable(entry, 80);
    expect(table).toContain('Digits in a counting sequence.');
    expect(table).toContain('0.91');
    expect(table).toMatch(/failed: timed out/);
    expect(table).toMatch(/error/);
    for (const line of table.split('\n').slice(1)) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe('progress reporter', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, columns: 80, write: (c: string) => chunks.push(c) } };
  };

  it('writes plain lines when not a TTY', () => {
    const { chunks, stream } = sink(false);
    const p = createProgressReporter(stream);
    const s = p.stage('NMF', 100);
    for (let i = 0; i <= 100; i++) s.update(i);
    s.finish('2 factors');
    const text = chunks.join('');
    expect(text).toContain('… NMF\n');
    expect(text).toContain('NMF: 50%');
    expect(text).toMatch(/✓ NMF \(\d+ ms\) — 2 factors\n/);
    expect(text).not.toContain('\r');
  });

  it('redraws a bar on a TTY', () => {
    const { chunks, stream } = sink(true);
    const s = createProgressReporter(stream).stage('inference', 4);
    s.update(4);
    s.finish();
    expect(chunks.join('')).toContain('100%');
    expect(chunks.join('')).toContain('\r');
  });

  it('is silent with quiet', () => {
    const { chunks, stream } = sink(true);
    const p = createProgressReporter(stream, { quiet: true });
    p.stage('x', 1).finish();
    p.notice('hello');
    expect(chunks).toEqual([]);
  });
});
