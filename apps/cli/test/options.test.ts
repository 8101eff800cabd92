import { describe, expect, it } from 'vitest';
import { parseCliOptions, parseLayerRange, USAGE } from '../src/options.js';

describe('parseCliOptions', () => {
  it('has offline defaults with no arguments', () => {
    const o = parseCliOptions([]);
    expect(o).toMatchObject({
      explainer: 'heuristic',
      json: false,
      quiet: false,
      readStdin: false,
    });
    expect(o.text).toBeUndefined();
    expect(o.components).toBeUndefined();
  });

  it('reads every option', () => {
    const o = parseCliOptions([
      'hello world',
      '--model',
      '/tmp/m',
      '--components',
      '4',
      '--layers',
      '1:3',
      '--explainer',
      'openai',
      '--llm',
      'gpt-4o',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--mask',
      'relative',
      '--threshold',
      '0.2',
      '--out',
      'out',
      '--json',
      '--quiet',
    ]);
    expect(o).toMatchObject({
      text: 'hello world',
      model: '/tmp/m',
      components: 4,
      layers: { from: 1, to: 3 },
      explainer: 'openai',
      llm: 'gpt-4o',
      baseUrl: 'http://127.0.0.1:9/v1',
      mask: 'relative',
      threshold: 0.2,
      outDir: 'out',
      json: true,
      quiet: true,
    });
  });

  it('accepts every mask strategy with a threshold in its range', () => {
    for (const argv of [
      ['--mask', 'absolute', '--threshold', '0.5'],
      ['--mask', 'relative', '--threshold', '0.2'],
      ['--mask', 'quantile', '--threshold', '0.9'],
      ['--mask', 'top-k', '--threshold', '5'],
      ['--mask', 'auto'],
      ['--explainer', 'openai', '--base-url', 'http://127.0.0.1:9/v1'],
    ]) {
      expect(() => parseCliOptions(argv), argv.join(' ')).not.toThrow();
    }
  });

  it('documents the environment it reads in --help', () => {
    for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL', 'ECCO_CACHE_DIR'])
      expect(USAGE).toContain(name);
    expect(USAGE).toContain('explainable-ecco/explanations');
    expect(USAGE).toMatch(/Ollama need it/);
  });

  it('reads stdin with --file -', () => {
    expect(parseCliOptions(['--file', '-']).readStdin).toBe(true);
  });

  const bad: Array<[string[], RegExp]> = [
    [['--components', '0'], /positive integer/],
    [['--components', 'x'], /positive integer/],
    [['--layers', 'a:b'], /not a non-negative integer/],
    [['--layers', '1:2:3'], /more than one/],
    [['--explainer', 'gpt'], /Unknown explainer "gpt"/],
    [['--threshold=-1'], /non-negative number/],
    [['--threshold', '-1'], /ambiguous/],
    [['--base-url', 'not a url'], /not a URL/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['a', 'b'], /at most one TEXT/],
    [['text', '--from-ecco', 'f.json'], /only one input/],
    [['--from-ecco', 'f.json', '--components', '3'], /do not apply/],
    [['--mask', 'bogus'], /Unknown mask strategy "bogus"/],
    [['--mask', 'relative', '--threshold', '5'], /out of range for --mask relative/],
    [['--mask', 'quantile', '--threshold', '1.5'], /out of range for --mask quantile/],
    [['--mask', 'top-k', '--threshold', '2.5'], /whole number of tokens/],
    [['--mask', 'top-k', '--threshold', '0'], /whole number of tokens/],
    [['--mask', 'auto', '--threshold', '0.1'], /does not apply to --mask auto/],
    [['--threshold', ''], /non-negative number/],
    [['--base-url', 'http://127.0.0.1:9/v1'], /^--base-url needs --explainer openai\./],
    [['--llm', 'llama3.2'], /^--llm needs --explainer openai\./],
    [['--explainer', 'heuristic', '--llm', 'x'], /^--llm needs --explainer openai\./],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(' ')} with INVALID_OPTION`, () => {
      expect(() => parseCliOptions(argv)).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          message: expect.stringMatching(message),
        }),
      );
    });
  }
});

describe('parseLayerRange', () => {
  it('parses half-open ranges and single layers', () => {
    expect(parseLayerRange('0:4')).toEqual({ from: 0, to: 4 });
    expect(parseLayerRange('2:')).toEqual({ from: 2 });
    expect(parseLayerRange(':3')).toEqual({ to: 3 });
    expect(parseLayerRange('3')).toEqual({ from: 3, to: 4 });
  });
});
