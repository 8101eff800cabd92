import { throwIfAborted } from '@explainable-ecco/core';
import { explain, scoreExplanations } from '@explainable-ecco/explainer/browser';
import { runNmf } from '@explainable-ecco/nmf';
import { layerBounds } from './layer-bounds.js';
import { describeLoad } from './load-progress.js';
import type { ModelCache } from './model-cache.js';
import { nmfOutcome } from './nmf-outcome.js';
import type { FactorsPayload, RunRequest, Stage, WorkerToMain } from './protocol.js';
import { throttle } from './throttle.js';

/** A worker message without the run id, which the caller adds. */
export type PipelineEvent = WorkerToMain extends infer M
  ? M extends { id: number }
    ? Omit<M, 'id'>
    : never
  : never;

const PROGRESS_EVERY_MS = 100;

/**
 * text → activations → NMF → explanations → scores, all through the packages' public APIs,
 * reporting every stage. Aborting rejects with EccoError ABORTED between stages, and inside NMF,
 * explaining and scoring.
 */
export async function runPipeline(
  request: RunRequest,
  models: ModelCache,
  signal: AbortSignal,
  emit: (event: PipelineEvent) => void,
): Promise<void> {
  const timings: Partial<Record<Stage, number>> = {};
  const progress = (stage: Stage) =>
    throttle((p: { fraction?: number; detail?: string }) => {
      emit({ type: 'progress', stage, ...p });
    }, PROGRESS_EVERY_MS);

  async function stage<T>(name: Stage, work: () => Promise<T>): Promise<T> {
    throwIfAborted(signal, 'The run');
    emit({ type: 'stage', stage: name, status: 'running' });
    const started = performance.now();
    const result = await work();
    throwIfAborted(signal, 'The run');
    const ms = performance.now() - started;
    timings[name] = ms;
    emit({ type: 'stage', stage: name, status: 'done', ms });
    return result;
  }

  const { loaded } = await stage('model', async () => {
    const report = progress('model');
    const got = await models.get(request.model, (p) =>
      report(describeLoad(p), p.status === 'ready'),
    );
    if (got.source === 'reused') report({ detail: 'Already loaded', fraction: 1 }, true);
    if (got.source === 'joined') report({ detail: 'Loaded in advance', fraction: 1 }, true);
    return got;
  });
  emit({ type: 'model', info: loaded.info });

  const output = await stage('activations', () =>
    loaded.model.run(request.text, { truncation: request.truncate }),
  );

  const factorization = await stage('factors', async () => {
    const report = progress('factors');
    const result = await runNmf(output, {
      nComponents: request.components,
      ...layerBounds(request.layers, output.activations.layers),
      signal,
      onProgress: (p) =>
        report({
          fraction: p.iteration / p.maxIter,
          detail: `Iteration ${p.iteration} (at most ${p.maxIter})`,
        }),
    });
    // The throttle may have dropped the last iteration's event: end on what the solve did.
    report({ fraction: 1, detail: nmfOutcome(result.source) }, true);
    return result;
  });
  const { loadings: _loadings, ...slim } = factorization;
  const factors: FactorsPayload = {
    ...slim,
    source: { ...slim.source, model: request.model.label },
  };
  emit({ type: 'factors', factorization: factors });

  const k = factorization.factors.length;
  const explanations = await stage('explanations', () => {
    const report = progress('explanations');
    let finished = 0;
    const explainer = request.explainer;
    return explain(factorization, {
      ...(explainer.provider === 'openai'
        ? {
            provider: 'openai' as const,
            apiKey: explainer.apiKey,
            baseURL: explainer.baseURL,
            model: explainer.model,
            // The user typed the key into this page for this purpose.
            dangerouslyAllowBrowser: true,
          }
        : { provider: 'heuristic' as const }),
      signal,
      onProgress: (event) => {
        if (event.type !== 'done' && event.type !== 'failed') return;
        finished += 1;
        report({ fraction: finished / k, detail: `${finished} of ${k} factors` }, finished === k);
      },
    });
  });
  emit({ type: 'explanations', explanations, scored: false });

  const scored = await stage('scores', () =>
    scoreExplanations(factorization, explanations, { simulator: 'heuristic', signal }),
  );
  emit({ type: 'explanations', explanations: scored, scored: true });
  emit({ type: 'done', timings });
}
