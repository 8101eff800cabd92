/**
 * Web Worker entry: `new Worker(new URL('@explainable-ecco/nmf/worker', import.meta.url),
 * { type: 'module' })`, then `runNmfInWorker(worker, …)` from the page. Importing it anywhere
 * other than a worker does nothing but export `installNmfWorker`.
 */
import { installNmfWorker, type WorkerScopeLike } from './worker-host.js';

export { installNmfWorker, type WorkerScopeLike } from './worker-host.js';

const scope = globalThis as { WorkerGlobalScope?: abstract new () => unknown };
if (
  typeof scope.WorkerGlobalScope === 'function' &&
  globalThis instanceof scope.WorkerGlobalScope
) {
  installNmfWorker(globalThis as unknown as WorkerScopeLike);
}
