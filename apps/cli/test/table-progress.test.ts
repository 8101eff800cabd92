import { describe, expect, it } from 'vitest';
import { layerLabel } from '../src/layer-label.js';
import { createProgressReporter, SPINNER_INTERVAL_MS } from '../src/progress.js';
import type { ResultEntry } from '../src/result.js';
import { renderTable, topTokens } from '../src/table.js';
import { oneLine, terminalSafe } from '../src/terminal-text.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Any C0 or C1 control character other than a line feed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: what the tests look for
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

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

describe('terminal-safe text', () => {
  it('drops escape sequences and other control characters, keeps the words', () => {
    const text = terminalSafe('a\x1b[2Jb\x07c\x9b31md\u0000e\x7ff');
    expect(text).not.toMatch(CONTROL);
    expect(text).toBe('a[2Jbc31mdef');
  });

  it('turns line breaks and tabs into spaces; oneLine collapses them', () => {
    expect(terminalSafe('a\nb\tc\r\nd')).toBe('a b c  d');
    expect(oneLine('  first line\n   second line\r\n\nthird\x1b[2J  ')).toBe(
      'first line second line third[2J',
    );
  });

  it('keeps escape sequences from an explanation or an error out of the table', () => {
    const hostile: ResultEntry = {
      ...entry,
      name: 'evil\x1b]0;title\x07name',
      explanations: [
        { factor: 0, text: '\x1b[2J\x1b[HDigits\x1b[31m in red\x9b2J', provider: 'openai' },
        {
          factor: 1,
          text: '',
          provider: 'openai',
          error: { code: 'PROVIDER_ERROR', message: 'server says \x1b[2J\nhello' },
        },
      ],
    };
    const table = renderTable(hostile, 80);
    expect(table).not.toMatch(CONTROL);
    expect(table).toContain('Digits');
    expect(table).toContain('server says');
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

  it('draws a stage on a TTY as soon as it starts, and keeps it moving', async () => {
    const { chunks, stream } = sink(true);
    const p = createProgressReporter(stream);
    const s = p.stage('load model');
    // Before any update(): the stage's name is on the terminal.
    expect(chunks.join('')).toContain('load model');
    const before = chunks.length;
    await sleep(SPINNER_INTERVAL_MS * 3);
    expect(chunks.length).toBeGreaterThan(before);
    s.finish('4 layers');
    const after = chunks.length;
    await sleep(SPINNER_INTERVAL_MS * 3);
    expect(chunks.length).toBe(after);
    expect(chunks.join('')).toMatch(/✓.*load model \(.+\) — 4 layers\n$/);
  });

  it('stops a stage left unfinished on close, clearing its line', async () => {
    const { chunks, stream } = sink(true);
    const p = createProgressReporter(stream);
    p.stage('inference');
    p.close();
    expect(chunks.at(-1)).toBe('\r\x1b[2K');
    const after = chunks.length;
    await sleep(SPINNER_INTERVAL_MS * 3);
    expect(chunks.length).toBe(after);
  });

  it('prints a notice on its own line and draws the running stage again below it', () => {
    const { chunks, stream } = sink(true);
    const p = createProgressReporter(stream);
    const s = p.stage('NMF', 10);
    s.update(5);
    p.notice('components clamped');
    const text = chunks.join('');
    const notice = text.lastIndexOf('components clamped');
    const below = 'components clamped\n\r\x1b[2K';
    expect(text.slice(notice, notice + below.length)).toBe(below);
    expect(text.slice(notice + below.length)).toMatch(/^\S+ NMF /);
    s.finish();
    p.close();
  });

  it('is silent with quiet', () => {
    const { chunks, stream } = sink(true);
    const p = createProgressReporter(stream, { quiet: true });
    p.stage('x', 1).finish();
    p.notice('hello');
    expect(chunks).toEqual([]);
  });
});

describe('layerLabel', () => {
  it('names one layer, a range, or a list', () => {
    expect(layerLabel([3])).toBe('layer 3');
    expect(layerLabel([0, 1, 2, 3])).toBe('layers 0–3');
    expect(layerLabel([2, 5])).toBe('layers 2, 5');
    expect(layerLabel([])).toBe('no layers');
  });
});
