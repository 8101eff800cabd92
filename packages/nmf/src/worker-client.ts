import type { Factorization } from '@explainable-ecco/core';
import { EccoError } from '@explainable-ecco/core';
import type { NmfSequenceInput } from './sequences.js';
import type { NmfProgress, NmfResult } from './types.js';
import {
  deserializeError,
  PROTOCOL,
  type WorkerNmfOptions,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerRunNmfOptions,
} from './worker-protocol.js';

/** A Web Worker, or anything with the same message API (e.g. a wrapped Node Worker). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

/** What the page side adds to the worker options. */
export interface InWorkerControls {
  signal?: AbortSignal;
  onProgress?: (progress: NmfProgress) => void;
  /**
   * Transfer the input's buffers to the worker instead of copying them (faster for large
   * captures; the caller's arrays become unusable). Default false.
   */
  transferInput?: boolean;
}

let nextId = 1;

/** `nmf()` in a worker running `@explainable-ecco/nmf/worker`; the page stays responsive. */
export function nmfInWorker(
  worker: WorkerLike,
  X: Float32Array | Float64Array,
  shape: readonly [number, number],
  options: WorkerNmfOptions & InWorkerControls,
): Promise<NmfResult> {
  const { signal, onProgress, transferInput, ...rest } = options;
  return call(
    worker,
    { type: 'nmf', x: X, shape: [shape[0], shape[1]], options: rest, progress: !!onProgress },
    transferInput ? [X.buffer as ArrayBuffer] : [],
    signal,
    onProgress,
  );
}

/** `runNmf()` in a worker running `@explainable-ecco/nmf/worker`; the page stays responsive. */
export function runNmfInWorker(
  worker: WorkerLike,
  input: NmfSequenceInput,
  options?: WorkerRunNmfOptions & InWorkerControls,
): Promise<Factorization>;
export function runNmfInWorker(
  worker: WorkerLike,
  input: readonly NmfSequenceInput[],
  options?: WorkerRunNmfOptions & InWorkerControls,
): Promise<Factorization[]>;
export function runNmfInWorker(
  worker: WorkerLike,
  input: NmfSequenceInput | readonly NmfSequenceInput[],
  options: WorkerRunNmfOptions & InWorkerControls = {},
): Promise<Factorization | Factorization[]> {
  const { signal, onProgress, transferInput, ...rest } = options;
  const sequences = Array.isArray(input) ? input : [input];
  const transfer = transferInput
    ? sequences.map((s) => ('activations' in s ? s.activations.data : s.data).buffer as ArrayBuffer)
    : [];
  return call(
    worker,
    {
      type: 'runNmf',
      input: input as NmfSequenceInput[],
      options: rest,
      progress: !!onProgress,
    },
    [...new Set(transfer)],
    signal,
    onProgress,
  );
}

function call<T>(
  worker: WorkerLike,
  request: DistributiveOmit<Exclude<WorkerRequest, { type: 'cancel' }>, 'id'>,
  transfer: Transferable[],
  signal: AbortSignal | undefined,
  onProgress: ((p: NmfProgress) => void) | undefined,
): Promise<T> {
  const engine = (request.options as { engine?: unknown }).engine;
  if (engine !== undefined && typeof engine !== 'string') {
    return Promise.reject(
      new EccoError('INVALID_ARGUMENT', 'Only engine names can cross into a worker.', {
        hint: "Pass engine 'auto', 'wasm' or 'js'.",
      }),
    );
  }
  if (signal?.aborted) {
    return Promise.reject(new EccoError('ABORTED', 'NMF was cancelled.', { cause: signal.reason }));
  }
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: MessageEvent) => {
      const message = event.data as (WorkerResponse & { protocol?: string }) | undefined;
      if (!message || message.protocol !== PROTOCOL || message.id !== id) return;
      if (message.type === 'progress') {
        onProgress?.(message.progress);
        return;
      }
      cleanup();
      if (message.type === 'result') resolve(message.result as T);
      else reject(deserializeError(message.error));
    };
    const onError = (event: ErrorEvent) => {
      cleanup();
      reject(
        new EccoError('INTERNAL', `The NMF worker failed: ${event.message ?? 'unknown error'}.`, {
          hint: 'Check that the worker script is @explainable-ecco/nmf/worker and loads as a module.',
        }),
      );
    };
    const onAbort = () => {
      cleanup();
      try {
        worker.postMessage({ type: 'cancel', id, protocol: PROTOCOL }, []);
      } catch {
        // The worker cannot take the cancel (e.g. it was terminated): nothing left to stop.
      }
      reject(new EccoError('ABORTED', 'NMF was cancelled.', { cause: signal?.reason }));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      worker.postMessage({ ...request, id, protocol: PROTOCOL }, transfer);
    } catch (cause) {
      cleanup();
      const name = cause instanceof Error ? cause.name : typeof cause;
      const text = cause instanceof Error ? cause.message : String(cause);
      reject(
        new EccoError(
          'INVALID_ARGUMENT',
          `The NMF request could not be sent to the worker (${name}: ${text}).`,
          {
            hint:
              name === 'DataCloneError'
                ? 'Options and inputs must be structured-cloneable: plain numbers, strings, typed arrays (no functions, class instances or detached buffers).'
                : 'Check that the worker is running and accepts messages.',
            details: { errorName: name },
            cause,
          },
        ),
      );
    }
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
