// The pipeline's worker: model, inference, NMF, explanations and scores all run here, so the
// page's main thread only draws. One run at a time; the page sends `cancel` to stop one.

import { toErrorPayload } from './error-payload.js';
import { ModelCache } from './model-cache.js';
import { configureOrt } from './ort-setup.js';
import type { MainToWorker, Stage, WorkerToMain } from './protocol.js';
import { runPipeline } from './run-pipeline.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
  postMessage(message: WorkerToMain): void;
}

const scope = self as unknown as WorkerScope;
let models: ModelCache | undefined;
const running = new Map<number, AbortController>();

async function run(id: number, message: Extract<MainToWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  let stage: Stage | undefined;
  const secrets =
    message.request.explainer.provider === 'openai' && message.request.explainer.apiKey
      ? [message.request.explainer.apiKey]
      : [];
  try {
    if (!models) throw new Error('The worker was not set up before its first run.');
    await runPipeline(message.request, models, controller.signal, (event) => {
      if (event.type === 'stage' && event.status === 'running') stage = event.stage;
      scope.postMessage({ ...event, id } as WorkerToMain);
    });
  } catch (error) {
    const payload = controller.signal.aborted
      ? { code: 'ABORTED', message: 'The run was cancelled.' }
      : toErrorPayload(error, secrets);
    scope.postMessage({ type: 'error', id, ...(stage ? { stage } : {}), error: payload });
  } finally {
    running.delete(id);
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'setup') models = new ModelCache(configureOrt(message.setup));
  else if (message.type === 'run') void run(message.id, message);
  else if (message.type === 'preload') models?.preload(message.model);
  else if (message.type === 'cancel') running.get(message.id)?.abort();
};
