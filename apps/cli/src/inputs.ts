import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { EccoError, type Factorization, fromEccoJson } from '@explainable-ecco/core';
import { untilAborted } from './abortable.js';
import type { CliOptions } from './options.js';

/** One text to analyse with a model. */
export interface TextJob {
  kind: 'text';
  name: string;
  text: string;
  components: number;
  /** Half-open layer range; `last: true` means the model's last layer only. */
  layers: { from?: number; to?: number; last?: boolean };
}

/** Factors Python ecco already computed. */
export interface EccoJob {
  kind: 'ecco';
  name: string;
  file: string;
  factorization: Factorization;
}

export type Job = TextJob | EccoJob;

interface DemoText {
  title: string;
  text: string;
  components: number;
  layers: 'all' | 'last';
}

/** The two built-in examples shipped with the demo model. */
export function builtinJobs(): TextJob[] {
  const require = createRequire(import.meta.url);
  const texts = require('@explainable-ecco/demo-model/demo-texts.json') as Record<string, DemoText>;
  return Object.entries(texts).map(([name, t]) => ({
    kind: 'text',
    name,
    text: t.text,
    components: t.components,
    layers: t.layers === 'last' ? { last: true } : {},
  }));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function checkText(text: string, where: string): string {
  if (text.trim() === '') {
    throw new EccoError('EMPTY_TEXT', `The text ${where} is empty.`, {
      hint: 'Give some text: ecco-explain "your text", --file PATH, or pipe it with --file -.',
    });
  }
  return text;
}

async function readTextFile(path: string, what: string, hint: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code ?? 'error'})`;
    throw new EccoError('INVALID_OPTION', `The ${what} ${path} ${why}.`, { hint, cause });
  }
}

/** Turns the options into the list of things to analyse. */
export async function resolveJobs(
  options: CliOptions,
  stdin: NodeJS.ReadableStream,
  signal?: AbortSignal,
): Promise<Job[]> {
  if (options.fromEcco) {
    const text = await readTextFile(
      options.fromEcco,
      'ecco file',
      'Export it from Python with nmf.explore(printJson=True) and save the printed JSON.',
    );
    return [
      {
        kind: 'ecco',
        name: basename(options.fromEcco),
        file: options.fromEcco,
        factorization: fromEccoJson(text),
      },
    ];
  }
  const layers = options.layers ?? {};
  const components = options.components ?? 10;
  if (options.readStdin) {
    return [
      {
        kind: 'text',
        name: 'stdin',
        // Ctrl-C while waiting for stdin (a terminal, or a pipe that never ends) stops here.
        text: checkText(await untilAborted(readAll(stdin), signal, 'Reading stdin'), 'from stdin'),
        components,
        layers,
      },
    ];
  }
  if (options.file) {
    const text = await readTextFile(options.file, 'file', 'Check the path given to --file.');
    return [
      {
        kind: 'text',
        name: basename(options.file),
        text: checkText(text, `in ${options.file}`),
        components,
        layers,
      },
    ];
  }
  if (options.text !== undefined) {
    return [
      { kind: 'text', name: 'text', text: checkText(options.text, 'given'), components, layers },
    ];
  }
  const jobs = builtinJobs();
  // Options still apply to the built-in examples when given explicitly.
  return jobs.map((job) => ({
    ...job,
    components: options.components ?? job.components,
    layers: options.layers ?? job.layers,
  }));
}
