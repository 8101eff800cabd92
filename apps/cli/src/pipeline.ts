import { EccoModel } from '@explainable-ecco/activations';
import {
  EccoError,
  type Explanation,
  type Factorization,
  isEccoError,
  type ModelOutput,
  throwIfAborted,
} from '@explainable-ecco/core';
import { demoModelPath } from '@explainable-ecco/demo-model';
import { explain, scoreExplanations } from '@explainable-ecco/explainer';
import { runNmf } from '@explainable-ecco/nmf/node';
import { untilAborted } from './abortable.js';
import type { Job, TextJob } from './inputs.js';
import { layerLabel } from './layer-label.js';
import { maskFromOptions } from './mask.js';
import type { CliOptions } from './options.js';
import type { ProgressReporter } from './progress.js';
import { type ResultEntry, toResultEntry } from './result.js';

export interface PipelineRun {
  entries: ResultEntry[];
  factorizations: Factorization[];
  explanations: Explanation[][];
  /** Wall time of the stages shared by all texts (model loading), ms. */
  timings: Record<string, number>;
}

/** Fails before any work when the chosen explainer cannot possibly run. */
export function checkExplainerConfig(options: CliOptions, env: NodeJS.ProcessEnv): void {
  if (
    options.explainer === 'openai' &&
    !env.OPENAI_API_KEY &&
    !options.baseUrl &&
    !env.OPENAI_BASE_URL
  ) {
    throw new EccoError('MISSING_API_KEY', '--explainer openai needs an API key or a server URL.', {
      hint: 'Set OPENAI_API_KEY, or pass --base-url for an OpenAI-compatible server (e.g. http://localhost:11434/v1), or use --explainer heuristic (offline).',
    });
  }
}

function since(t0: number): number {
  return Math.round(performance.now() - t0);
}

/** Work the pipeline stopped waiting for on Ctrl-C (inference goes on in native threads). */
type Background = Promise<unknown>[];

async function loadModel(
  options: CliOptions,
  progress: ProgressReporter,
  signal?: AbortSignal,
): Promise<EccoModel> {
  const stage = progress.stage('load model');
  const loading = EccoModel.fromPretrained(options.model ?? demoModelPath, {
    onProgress: (event) => {
      if (event.status === 'download' && event.total) {
        stage.update(event.loaded ?? 0, event.total, `downloading ${event.file}`);
      }
    },
  });
  // Loading cannot be interrupted; on Ctrl-C stop waiting and release the model if it comes.
  const model = await untilAborted(loading, signal, 'Loading the model', (late) => late.dispose());
  stage.finish(
    `${options.model ?? 'bundled demo model'} — ${model.config.numLayers} layers × ${model.config.intermediateSize} neurons`,
  );
  return model;
}

function layerRange(job: TextJob, model: EccoModel): { fromLayer?: number; toLayer?: number } {
  if (job.layers.last) {
    const last = model.layers[model.layers.length - 1]!;
    return { fromLayer: last, toLayer: last + 1 };
  }
  const range: { fromLayer?: number; toLayer?: number } = {};
  if (job.layers.from !== undefined) range.fromLayer = job.layers.from;
  if (job.layers.to !== undefined) range.toLayer = job.layers.to;
  return range;
}

async function factorizeText(
  job: TextJob,
  model: EccoModel,
  options: CliOptions,
  progress: ProgressReporter,
  timings: Record<string, number>,
  background: Background,
  signal?: AbortSignal,
): Promise<Factorization> {
  throwIfAborted(signal, 'The run');
  let t0 = performance.now();
  const inference = progress.stage(`${job.name}: inference`);
  let output: ModelOutput;
  try {
    const running = model.run(job.text, { truncation: options.truncate });
    background.push(running);
    output = await untilAborted(running, signal, 'Inference');
  } catch (error) {
    if (isEccoError(error, 'TEXT_TOO_LONG')) {
      const { tokens, maxPositions } = (error.details ?? {}) as {
        tokens?: number;
        maxPositions?: number;
      };
      throw new EccoError(
        'TEXT_TOO_LONG',
        `The text "${job.name}" has ${tokens} tokens but the model takes at most ${maxPositions}.`,
        {
          hint: `Shorten or split it, or pass --truncate to analyse the first ${maxPositions} tokens.`,
          details: error.details,
          cause: error,
        },
      );
    }
    throw error;
  }
  if (options.truncate && output.tokens.length === model.config.maxPositions) {
    progress.notice(
      `${job.name}: the text was cut to the model's ${model.config.maxPositions} positions (--truncate).`,
    );
  }
  timings.inference = since(t0);
  inference.finish(`${output.tokens.length} tokens`);

  if (job.components > output.tokens.length) {
    progress.notice(
      `${job.name}: ${job.components} components requested but the text has ${output.tokens.length} tokens; using ${output.tokens.length} (as ecco does).`,
    );
  }
  t0 = performance.now();
  const nmfStage = progress.stage(`${job.name}: NMF`, 500);
  const factorization = await runNmf(output, {
    nComponents: job.components,
    ...layerRange(job, model),
    signal,
    onProgress: (p) => nmfStage.update(p.iteration, p.maxIter, `iteration ${p.iteration}`),
  });
  timings.nmf = since(t0);
  const layers = factorization.layers ?? [];
  nmfStage.finish(`${factorization.factors.length} factors over ${layerLabel(layers)}`);
  factorization.source = {
    ...factorization.source,
    model: options.model ?? 'explainable-ecco/demo-gpt2 (bundled)',
  };
  return factorization;
}

async function explainFactors(
  name: string,
  factorization: Factorization,
  options: CliOptions,
  progress: ProgressReporter,
  timings: Record<string, number>,
  signal?: AbortSignal,
): Promise<Explanation[]> {
  const k = factorization.factors.length;
  const common = {
    provider: options.explainer,
    ...(options.llm ? { model: options.llm } : {}),
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    ...(options.noCache ? { cache: false as const } : {}),
    ...(signal ? { signal } : {}),
  };
  let t0 = performance.now();
  const stage = progress.stage(`${name}: explain (${options.explainer})`, k);
  let finished = 0;
  const explanations = await explain(factorization, {
    ...common,
    mask: maskFromOptions(options),
    onProgress: (event) => {
      if (event.type === 'done' || event.type === 'failed')
        stage.update(++finished, k, `factor ${event.factor} ${event.type}`);
      else if (event.type === 'retrying')
        stage.update(finished, k, `factor ${event.factor} retrying (${event.error.code})`);
    },
  });
  timings.explain = since(t0);
  const failed = explanations.filter((e) => e.error).length;
  stage.finish(failed ? `${k - failed} explained, ${failed} failed` : `${k} explained`);
  if (options.noScore || failed === k) return explanations;

  t0 = performance.now();
  const scoring = progress.stage(`${name}: score`);
  // Scoring uses the offline simulator: it costs no requests and scores any explanation.
  const scored = await scoreExplanations(factorization, explanations, {
    simulator: 'heuristic',
    ...(signal ? { signal } : {}),
  });
  timings.score = since(t0);
  scoring.finish();
  return scored;
}

/** Runs every job: model → activations → NMF → explanations → scores. */
export async function runPipeline(
  options: CliOptions,
  jobs: Job[],
  progress: ProgressReporter,
  signal?: AbortSignal,
): Promise<PipelineRun> {
  const run: PipelineRun = { entries: [], factorizations: [], explanations: [], timings: {} };
  let model: EccoModel | undefined;
  const background: Background = [];
  try {
    if (jobs.some((j) => j.kind === 'text')) {
      const t0 = performance.now();
      model = await loadModel(options, progress, signal);
      run.timings.loadModel = since(t0);
    }
    for (const job of jobs) {
      throwIfAborted(signal, 'The run');
      // Model loading is shared by every text; each entry reports it so one file tells the whole cost.
      const timings: Record<string, number> =
        run.timings.loadModel === undefined ? {} : { loadModel: run.timings.loadModel };
      const factorization =
        job.kind === 'ecco'
          ? job.factorization
          : await factorizeText(job, model!, options, progress, timings, background, signal);
      const explanations = await explainFactors(
        job.name,
        factorization,
        options,
        progress,
        timings,
        signal,
      );
      const source =
        job.kind === 'ecco' ? `ecco file ${job.file}` : (options.model ?? 'bundled demo model');
      run.entries.push(toResultEntry(job.name, source, factorization, explanations, timings));
      run.factorizations.push(factorization);
      run.explanations.push(explanations);
    }
  } finally {
    if (model) {
      const loaded = model;
      // Never free a session that an abandoned inference still uses.
      const released = Promise.allSettled(background).then(() => loaded.dispose());
      if (signal?.aborted) released.catch(() => {});
      else await released;
    }
  }
  return run;
}
