import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixture } from '@explainable-ecco/test-kit';
import { describe, expect, it } from 'vitest';
import type { ResultEntry } from '../src/result.js';
import { runCli, tempDir } from './helpers.js';

const offline = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined };

describe('ecco-explain inputs', () => {
  it('explains factors exported by Python ecco (--from-ecco)', async () => {
    const out = tempDir();
    const run = await runCli(
      ['--from-ecco', sharedFixture('ecco/bert-base-uncased-nmf8.json'), '--out', out],
      { env: offline },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultEntry;
    expect(result.tokens).toHaveLength(363);
    expect(result.explanations.map((e) => e.factor)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.explanations.every((e) => e.text.length > 0 && !e.error)).toBe(true);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('<ecco-factors');
    expect(report).not.toMatch(/<script[^>]+src=/);
  }, 60_000);

  it('prints only the result JSON on stdout with --json, reading the text from stdin', async () => {
    const run = await runCli(['--file', '-', '--components', '2', '--json', '--no-cache'], {
      input: 'one, two, three, four, five',
      env: offline,
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ResultEntry;
    expect(result.name).toBe('stdin');
    expect(result.factors).toHaveLength(2);
    expect(result.tokens.map((t) => t.display).join('')).toBe('one, two, three, four, five');
    expect(run.stderr).toContain('✓ stdin: NMF');
  }, 60_000);

  it('is silent on stderr with --quiet', async () => {
    const run = await runCli(['a b c d e f', '--components', '2', '--quiet', '--no-cache'], {
      env: offline,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('factor');
  }, 60_000);

  it('clamps more components than tokens, with a notice (as ecco)', async () => {
    const run = await runCli(['1,2', '--components', '50', '--json', '--no-cache'], {
      env: offline,
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ResultEntry;
    expect(result.factors).toHaveLength(result.tokens.length);
    expect(run.stderr).toMatch(/50 components requested but the text has \d+ tokens/);
  }, 60_000);

  it('cuts a long text with --truncate', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const run = await runCli([text, '--truncate', '--components', '2', '--json', '--no-cache'], {
      env: offline,
    });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as ResultEntry).tokens).toHaveLength(256);
    expect(run.stderr).toMatch(/cut to the model's 256 positions/);
  }, 60_000);

  it('selects a layer range', async () => {
    const run = await runCli(
      ['The cat sat on the mat.', '--layers', '1:3', '--components', '2', '--json', '--no-cache'],
      { env: offline },
    );
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as ResultEntry).layers).toEqual([1, 2]);
  }, 60_000);
});

describe('ecco-explain errors: one line, what to do, non-zero exit, no stack, no partial output', () => {
  const ecco = tempDir();
  const badEcco = join(ecco, 'bad.json');
  writeFileSync(
    badEcco,
    JSON.stringify({
      tokens: [{ token: 'a', token_id: 1, type: 'input', position: 0 }],
      factors: [[[1, 2]]],
    }),
  );
  const longText = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

  const cases: Array<[string, string[], Record<string, string | undefined>, RegExp, number]> = [
    [
      'missing model',
      ['hello', '--model', '/nonexistent/model-dir'],
      {},
      /nonexistent\/model-dir/,
      1,
    ],
    ['empty text', [''], {}, /text given is empty/, 1],
    [
      'text too long',
      [longText],
      {},
      /has \d+ tokens but the model takes at most 256\. .*--truncate/,
      1,
    ],
    ['reversed layer range', ['hello there', '--layers', '3:1'], {}, /layer/i, 1],
    [
      'layers not in the model',
      ['hello there', '--layers', '7:9'],
      {},
      /Captured layers|available/i,
      1,
    ],
    [
      'invalid ecco JSON',
      ['--from-ecco', badEcco],
      {},
      /factor 0 has 2 values but there are 1 tokens/,
      1,
    ],
    ['missing ecco file', ['--from-ecco', join(ecco, 'nope.json')], {}, /does not exist/, 2],
    [
      'openai without key or URL',
      ['hello', '--explainer', 'openai'],
      { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined },
      /OPENAI_API_KEY/,
      1,
    ],
    ['unknown option', ['--bogus'], {}, /Unknown option/, 2],
    ['unknown mask strategy', ['hello', '--mask', 'bogus'], {}, /Unknown mask strategy/, 2],
    [
      'a threshold out of the mask strategy range',
      ['hello', '--mask', 'relative', '--threshold', '5'],
      {},
      /out of range for --mask relative/,
      2,
    ],
    [
      '--base-url without --explainer openai',
      ['hello', '--base-url', 'http://127.0.0.1:9/v1'],
      {},
      /--base-url needs --explainer openai/,
      2,
    ],
  ];

  for (const [name, args, env, message, code] of cases) {
    it(name, async () => {
      const out = tempDir();
      const run = await runCli([...args, '--out', out, '--quiet', '--no-cache'], {
        env: { ...offline, ...env },
      });
      expect(run.code).toBe(code);
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^ecco-explain: /);
      expect(lines[0]).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
      expect(readdirSync(out)).toEqual([]);
    }, 60_000);
  }

  it('rejects a bad --mask/--threshold before loading the model', async () => {
    for (const args of [
      ['hello', '--mask', 'bogus'],
      ['hello', '--mask', 'relative', '--threshold', '5'],
    ]) {
      // No --quiet: any stage that started would show on stderr.
      const run = await runCli([...args, '--no-cache'], { env: offline });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).not.toMatch(/load model|inference|NMF/);
    }
  }, 60_000);

  it('an unreachable server fails with what to do, and writes nothing', async () => {
    const out = tempDir();
    const run = await runCli(
      [
        '1,2,3',
        '--components',
        '1',
        '--explainer',
        'openai',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--out',
        out,
        '--quiet',
        '--no-cache',
      ],
      {
        env: { OPENAI_API_KEY: 'sk-test-unreachable-0123456789abcdef' },
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^ecco-explain: No factor could be explained/);
    expect(run.stderr).toMatch(/--base-url|reach|connect/i);
    expect(run.stderr).not.toContain('sk-test-unreachable');
    expect(existsSync(join(out, 'result.json'))).toBe(false);
  }, 120_000);
});
