import { nmf } from './nmf.js';
import { runNmf } from './run-nmf.js';
import {
  PROTOCOL,
  serializeError,
  type WorkerRequest,
  type WorkerResponse,
} from './worker-protocol.js';

/** The worker side of a message channel: a worker's global scope, or Node's parentPort. */
export interface WorkerScopeLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * Serves `nmfInWorker` / `runNmfInWorker` requests on `scope`. The `@explainable-ecco/nmf/worker`
 * entry calls this on its own global scope; call it yourself for other set-ups (e.g. Node's
 * worker_threads `parentPort`). Results' large arrays are transferred, not copied.
 */
export function installNmfWorker(scope: WorkerScopeLike): void {
  const running = new Map<number, AbortController>();
  const send = (message: WorkerResponse, transfer: Transferable[] = []) =>
    scope.postMessage({ ...message, protocol: PROTOCOL }, transfer);
  scope.addEventListener('message', (event) => {
    const request = event.data as (WorkerRequest & { protocol?: string }) | undefined;
    if (!request || request.protocol !== PROTOCOL) return;
    if (request.type === 'cancel') {
      running.get(request.id)?.abort(new Error('cancelled by the page'));
      return;
    }
    const { id } = request;
    const controller = new AbortController();
    running.set(id, controller);
    const onProgress = request.progress
      ? (progress: Parameters<NonNullable<Parameters<typeof nmf>[2]['onProgress']>>[0]) =>
          send({ type: 'progress', id, progress })
      : undefined;
    const work =
      request.type === 'nmf'
        ? nmf(request.x, request.shape, {
            ...request.options,
            signal: controller.signal,
            onProgress,
          }).then((result) =>
            send({ type: 'result', id, result }, [result.W.buffer, result.H.buffer]),
          )
        : runNmf(request.input as Parameters<typeof runNmf>[0], {
            ...request.options,
            signal: controller.signal,
            onProgress,
          }).then((result) => {
            const first = Array.isArray(result) ? result[0] : result;
            const buffer = first?.loadings?.values[0]?.buffer;
            send({ type: 'result', id, result }, buffer instanceof ArrayBuffer ? [buffer] : []);
          });
    work
      .catch((error: unknown) => send({ type: 'error', id, error: serializeError(error) }))
      .finally(() => running.delete(id));
  });
}
