import { parseArgs } from 'node:util';
import { EccoError } from '@explainable-ecco/core';
import { maskFromOptions } from './mask.js';

export type ExplainerChoice = 'heuristic' | 'openai';

/** Everything `ecco-explain` was asked to do, validated. */
export interface CliOptions {
  /** Texts to analyse; empty with no --from-ecco means "run the built-in examples". */
  text?: string;
  file?: string;
  readStdin: boolean;
  model?: string;
  components?: number;
  /** Half-open [from, to) over model layer indices; undefined = all layers. */
  layers?: { from?: number; to?: number };
  explainer: ExplainerChoice;
  llm?: string;
  baseUrl?: string;
  mask?: string;
  threshold?: number;
  fromEcco?: string;
  outDir?: string;
  json: boolean;
  quiet: boolean;
  noScore: boolean;
  noCache: boolean;
  /** Cut texts longer than the model's maximum positions instead of failing. */
  truncate: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: ecco-explain [TEXT] [options]

Capture a model's FFN neuron activations for TEXT, factorize them with NMF (as Python ecco's
run_nmf does), explain every factor in words and score the explanations.
With no TEXT, runs two built-in examples offline on the bundled demo model.

Input:
  TEXT                     text to analyse
  --file PATH | -          read the text from a file, or from stdin with "-"
  --from-ecco FILE         explain factors exported by Python ecco (explore(printJson=True))

Model and factors:
  --model DIR|HUB_ID       local model directory (Hub layout) or Hugging Face id (default: bundled demo model)
  --components N           number of NMF factors (default 10, as ecco; clamped to the token count)
  --layers FROM:TO         half-open layer range, e.g. 0:4, 2:, :3, or a single layer 3 (default: all)
  --truncate               analyse the first tokens of a text longer than the model takes (default: fail)

Explanations:
  --explainer NAME         heuristic (offline, default) | openai (needs OPENAI_API_KEY or --base-url)
  --llm MODEL              model name for --explainer openai (default $OPENAI_MODEL, else gpt-4o-mini);
                           servers such as Ollama need it, e.g. --llm llama3.2
  --base-url URL           any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio), with
                           --explainer openai (default $OPENAI_BASE_URL, else OpenAI)
  --mask STRATEGY          absolute | relative | quantile | top-k | auto (default absolute)
  --threshold X            the mask strategy's parameter (absolute: 0.01)
  --no-score               skip scoring the explanations
  --no-cache               do not read or write the explanation cache (see ECCO_CACHE_DIR below)

Output:
  --out DIR                write result.json and report.html into DIR
  --json                   print the result JSON to stdout and nothing else there
  --quiet                  no progress output (progress goes to stderr)
  -h, --help               show this help
  --version                print the version

Environment:
  OPENAI_API_KEY           the key for --explainer openai (sent only to the chosen server)
  OPENAI_BASE_URL          the server for --explainer openai when --base-url is not given
  OPENAI_MODEL             the model for --explainer openai when --llm is not given
  ECCO_CACHE_DIR           the explanation cache folder, and where Hub models are downloaded; by
                           default explanations go to $XDG_CACHE_HOME/explainable-ecco/explanations
                           (else ~/.cache/explainable-ecco/explanations), models to
                           ~/.cache/explainable-ecco
  ECCO_DEBUG=1             print a stack trace with an error
`;

function invalid(message: string, hint = 'Run ecco-explain --help for usage.'): never {
  throw new EccoError('INVALID_OPTION', message, { hint });
}

/** Parses "FROM:TO", "FROM:", ":TO" or "N" (a single layer) into a half-open range. */
export function parseLayerRange(spec: string): { from?: number; to?: number } {
  const intOrUndefined = (s: string, what: string): number | undefined => {
    if (s.trim() === '') return undefined;
    if (!/^\d+$/.test(s.trim()))
      invalid(
        `--layers ${what} "${s}" is not a non-negative integer.`,
        'Use --layers FROM:TO, e.g. --layers 0:4.',
      );
    return Number(s);
  };
  if (!spec.includes(':')) {
    const single = intOrUndefined(spec, 'layer');
    if (single === undefined) invalid('--layers needs a value such as 0:4.');
    return { from: single, to: single + 1 };
  }
  const [a = '', b = '', ...rest] = spec.split(':');
  if (rest.length > 0)
    invalid(
      `--layers "${spec}" has more than one ":".`,
      'Use --layers FROM:TO, e.g. --layers 0:4.',
    );
  const range: { from?: number; to?: number } = {};
  const from = intOrUndefined(a, 'start');
  const to = intOrUndefined(b, 'end');
  if (from !== undefined) range.from = from;
  if (to !== undefined) range.to = to;
  return range;
}

export function parseCliOptions(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string' },
        model: { type: 'string' },
        components: { type: 'string' },
        layers: { type: 'string' },
        explainer: { type: 'string' },
        llm: { type: 'string' },
        'base-url': { type: 'string' },
        mask: { type: 'string' },
        threshold: { type: 'string' },
        'from-ecco': { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        'no-score': { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        truncate: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    invalid((error as Error).message.split('\n')[0]!);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

  if (parsed.positionals.length > 1) {
    invalid(
      `Expected at most one TEXT argument, got ${parsed.positionals.length}.`,
      'Quote the text: ecco-explain "your text here".',
    );
  }
  const explainer = (str('explainer') ?? 'heuristic') as ExplainerChoice;
  if (explainer !== 'heuristic' && explainer !== 'openai') {
    invalid(
      `Unknown explainer "${explainer}".`,
      'Use --explainer heuristic or --explainer openai.',
    );
  }
  const options: CliOptions = {
    readStdin: str('file') === '-',
    explainer,
    json: v.json === true,
    quiet: v.quiet === true,
    noScore: v['no-score'] === true,
    noCache: v['no-cache'] === true,
    truncate: v.truncate === true,
    help: v.help === true,
    version: v.version === true,
  };
  const text = parsed.positionals[0];
  if (text !== undefined) options.text = text;
  const file = str('file');
  if (file !== undefined && file !== '-') options.file = file;
  if (
    (text !== undefined ? 1 : 0) + (file !== undefined ? 1 : 0) + (str('from-ecco') ? 1 : 0) >
    1
  ) {
    invalid('Give only one input: TEXT, --file or --from-ecco.');
  }
  const components = str('components');
  if (components !== undefined) {
    if (!/^\d+$/.test(components) || Number(components) < 1) {
      invalid(
        `--components "${components}" must be a positive integer.`,
        'For example --components 8.',
      );
    }
    options.components = Number(components);
  }
  const layers = str('layers');
  if (layers !== undefined) options.layers = parseLayerRange(layers);
  const threshold = str('threshold');
  if (threshold !== undefined) {
    const x = Number(threshold);
    if (threshold.trim() === '' || !Number.isFinite(x) || x < 0)
      invalid(`--threshold "${threshold}" must be a non-negative number.`);
    options.threshold = x;
  }
  for (const [key, field] of [
    ['model', 'model'],
    ['llm', 'llm'],
    ['base-url', 'baseUrl'],
    ['mask', 'mask'],
    ['from-ecco', 'fromEcco'],
    ['out', 'outDir'],
  ] as const) {
    const value = str(key);
    if (value !== undefined) {
      if (value.trim() === '') invalid(`--${key} needs a value.`);
      (options as unknown as Record<string, unknown>)[field] = value;
    }
  }
  if (options.baseUrl !== undefined) {
    try {
      new URL(options.baseUrl);
    } catch {
      invalid(
        `--base-url "${options.baseUrl}" is not a URL.`,
        'For example --base-url http://localhost:11434/v1.',
      );
    }
  }
  // Options that only the openai explainer reads would otherwise be silently ignored.
  for (const [flag, value] of [
    ['--base-url', options.baseUrl],
    ['--llm', options.llm],
  ] as const) {
    if (value !== undefined && options.explainer !== 'openai') {
      invalid(
        `${flag} needs --explainer openai.`,
        `Add --explainer openai to use ${flag}, or drop it for the offline heuristic explainer.`,
      );
    }
  }
  // Fails now, not after the model has run: a bad --mask/--threshold pair.
  maskFromOptions(options);
  if (options.fromEcco && (options.model || options.components || options.layers)) {
    invalid(
      '--from-ecco explains factors that ecco already computed; --model, --components and --layers do not apply.',
    );
  }
  return options;
}
