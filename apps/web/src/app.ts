import type { Explanation } from '@explainable-ecco/core';
import { isEccoError } from '@explainable-ecco/core';
import { toErrorPayload } from './pipeline/error-payload.js';
import { PipelineClient } from './pipeline/pipeline-client.js';
import type { FactorsPayload, RunRequest, Stage } from './pipeline/protocol.js';
import { download, slug } from './result/download.js';
import { buildReport } from './result/report.js';
import { resultTimings, toResultEntry } from './result/result-json.js';
import { ApiKeyStore, sessionStore } from './settings/api-key-store.js';
import { OPENAI_ENDPOINT } from './settings/endpoints.js';
import { presets } from './settings/presets.js';
import { readModel, readSettings } from './settings/read-settings.js';
import { byId } from './ui/dom.js';
import { ErrorView } from './ui/error-view.js';
import { FormView } from './ui/form-view.js';
import { ProgressView } from './ui/progress-view.js';
import { ResultsView } from './ui/results-view.js';

/** Where the app serves its own files (see vite/ecco-assets-plugin.ts). */
const DEMO_MODEL = {
  url: new URL('models/demo-gpt2/', document.baseURI).href,
  label: 'demo-gpt2 (bundled)',
};
const ORT_WASM_URL = new URL('ort/', document.baseURI).href;

interface Completed {
  request: RunRequest;
  factorization: FactorsPayload;
  explanations: Explanation[];
  timings: Partial<Record<Stage, number>>;
}

/** Wires the page: the form starts runs in the worker, the views show what comes back. */
export function startApp(): void {
  const examples = presets();
  const form = new FormView(examples, new ApiKeyStore(sessionStore()));
  const progress = new ProgressView();
  const errors = new ErrorView();
  const results = new ResultsView();
  const pipeline = new PipelineClient({ ortWasmUrl: ORT_WASM_URL });
  const runButton = byId<HTMLButtonElement>('run');
  const cancelButton = byId<HTMLButtonElement>('cancel');
  let completed: Completed | undefined;

  function titleOf(request: RunRequest): string {
    return examples.find((p) => p.name === request.name)?.title ?? 'Your text';
  }

  function setRunning(running: boolean): void {
    form.setBusy(running);
    runButton.disabled = running;
    cancelButton.disabled = !running;
  }

  async function run(): Promise<void> {
    errors.clear();
    let request: RunRequest;
    try {
      request = readSettings(form.values(), DEMO_MODEL);
    } catch (error) {
      errors.show(toErrorPayload(error));
      const field = isEccoError(error) ? error.details?.field : undefined;
      if (!form.markInvalid(field)) errors.focus();
      return;
    }
    if (request.explainer.provider === 'openai' && request.explainer.apiKey) {
      form.rememberKey(request.explainer.baseURL ?? OPENAI_ENDPOINT, request.explainer.apiKey);
    }
    progress.reset();
    results.start();
    setRunning(true);
    completed = undefined;
    let factorization: FactorsPayload | undefined;
    let explanations: Explanation[] = [];
    const result = await pipeline.run(request, {
      onStage: (stage, status, ms) => progress.stage(stage, status, ms),
      onProgress: (stage, fraction, detail) => progress.progress(stage, fraction, detail),
      onModel: (info) => results.showModel(info),
      onFactors: (f) => {
        factorization = f;
        results.showFactors(f, request.model.label);
      },
      onExplanations: (list, scored) => {
        explanations = list;
        results.showExplanations(list, scored);
      },
    });
    setRunning(false);
    if (result.outcome === 'done' && factorization) {
      progress.end('done');
      completed = { request, factorization, explanations, timings: result.timings };
      return;
    }
    results.stopped();
    if (result.outcome === 'cancelled') {
      progress.end('cancelled', result.stage);
      runButton.focus();
      return;
    }
    if (result.outcome === 'failed') {
      progress.end('failed', result.stage);
      errors.show(result.error, result.stage);
      errors.focus();
    }
  }

  /**
   * Loads the bundled model as soon as the user gets ready to run (edits the text, picks an
   * example, reaches for Run), so the first run does not wait for it. Only the app's own
   * files, and not when the browser asks to save data.
   */
  function preloadOnIntent(): void {
    const saveData = (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;
    if (pipeline.busy || saveData) return;
    let model: ReturnType<typeof readModel>;
    try {
      model = readModel(form.values(), DEMO_MODEL);
    } catch {
      return; // the run will report it
    }
    if (model.source === DEMO_MODEL.url) pipeline.preload(model);
  }
  for (const id of ['text', 'preset']) byId(id).addEventListener('focus', preloadOnIntent);
  runButton.addEventListener('pointerenter', preloadOnIntent);
  runButton.addEventListener('focus', preloadOnIntent);

  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!pipeline.busy) void run();
  });
  cancelButton.addEventListener('click', () => pipeline.cancel());

  results.downloadJson.addEventListener('click', () => {
    if (!completed) return;
    const { request, factorization, explanations, timings } = completed;
    // As the CLI names its sources.
    const source =
      request.model.source === DEMO_MODEL.url ? 'bundled demo model' : request.model.label;
    const entry = toResultEntry(
      request.name,
      source,
      factorization,
      explanations,
      resultTimings(timings),
    );
    download(
      `${slug(titleOf(request))}.result.json`,
      `${JSON.stringify(entry, null, 2)}\n`,
      'application/json',
    );
  });

  results.downloadReport.addEventListener('click', async () => {
    if (!completed) return;
    const { request, factorization, explanations } = completed;
    try {
      const html = await buildReport({
        title: `Factors of “${titleOf(request)}”`,
        description: `${factorization.factors.length} NMF factors of the FFN activations of ${request.model.label}, explained by the ${request.explainer.provider} explainer. Made in the explainable-ecco web app.`,
        heading: titleOf(request),
        factorization,
        explanations,
      });
      download(`${slug(titleOf(request))}.report.html`, html, 'text/html');
    } catch (error) {
      errors.show(toErrorPayload(error));
      errors.focus();
    }
  });

  // index.html keeps the settings and Run disabled until the app handles them.
  setRunning(false);
}
