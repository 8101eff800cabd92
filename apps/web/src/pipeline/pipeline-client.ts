import type { Explanation } from '@explainable-ecco/core';
import type {
  ErrorPayload,
  FactorsPayload,
  MainToWorker,
  ModelChoice,
  ModelInfo,
  RunRequest,
  RuntimeSetup,
  Stage,
  WorkerToMain,
} from './protocol.js';

/** What the page hears while a run goes on. */
export interface RunHandlers {
  onStage?(stage: Stage, status: 'running' | 'done', ms?: number): void;
  onProgress?(stage: Stage, fraction: number | undefined, detail: string | undefined): void;
  onModel?(info: ModelInfo): void;
  onFactors?(factorization: FactorsPayload): void;
  onExplanations?(explanations: Explanation[], scored: boolean): void;
}

export type RunResult =
  | { outcome: 'done'; timings: Partial<Record<Stage, number>> }
  | { outcome: 'cancelled'; stage?: Stage }
  | { outcome: 'failed'; error: ErrorPayload; stage?: Stage };

interface Active {
  id: number;
  handlers: RunHandlers;
  stage?: Stage;
  finish(result: RunResult): void;
}

/** A cancelled run the worker has not yet confirmed stopping. */
interface Stopping {
  id: number;
  done: Promise<void>;
  confirm(): void;
}

/**
 * How long a cancelled run may take to stop by itself. Loading a model and a forward pass
 * cannot be interrupted, so after this the worker is terminated (and the model reloaded by
 * the next run); NMF and explaining stop well within it. The page does not wait for it.
 */
const CANCEL_GRACE_MS = 3000;

function defaultWorker(): Worker {
  return new Worker(new URL('./pipeline.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ecco-pipeline',
  });
}

/** The page's handle on the pipeline worker: one run at a time, cancellable. */
export class PipelineClient {
  private worker: Worker | undefined;
  private active: Active | undefined;
  private stopping: Stopping | undefined;
  private nextId = 1;
  /** The model the current worker was asked to preload. */
  private preloaded: string | undefined;

  constructor(
    private readonly setup: RuntimeSetup,
    private readonly createWorker: () => Worker = defaultWorker,
  ) {}

  get busy(): boolean {
    return this.active !== undefined;
  }

  /** Runs the pipeline; settles once, with how the run ended (it never rejects). */
  async run(request: RunRequest, handlers: RunHandlers = {}): Promise<RunResult> {
    if (this.active) {
      return {
        outcome: 'failed',
        error: {
          code: 'INVALID_ARGUMENT',
          message: 'A run is already going on.',
          hint: 'Wait for it to finish, or cancel it first.',
        },
      };
    }
    const id = this.nextId++;
    const result = new Promise<RunResult>((resolve) => {
      this.active = {
        id,
        handlers,
        finish: (r) => {
          if (this.active?.id !== id) return;
          this.active = undefined;
          resolve(r);
        },
      };
    });
    // A cancelled run still winding down: let it stop (or be stopped) first.
    if (this.stopping) await this.stopping.done;
    if (this.isActive(id)) this.post(this.ensureWorker(), { type: 'run', id, request });
    return result;
  }

  /**
   * Starts loading a model in the worker before any run, so the first run finds it ready
   * (a run on the same model joins the load). Ignored while a run goes on.
   */
  preload(model: ModelChoice): void {
    const key = JSON.stringify(model);
    if (this.active || this.stopping || key === this.preloaded) return;
    this.preloaded = key;
    this.post(this.ensureWorker(), { type: 'preload', model });
  }

  /**
   * Stops the current run: it settles as 'cancelled' at once, while the worker stops in the
   * background — by itself, keeping its loaded model, or terminated after the grace period.
   */
  cancel(): void {
    const active = this.active;
    const worker = this.worker;
    if (!active || !worker) return;
    this.post(worker, { type: 'cancel', id: active.id });
    let confirm = () => {};
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (this.worker === worker) this.dropWorker();
        resolve();
      }, CANCEL_GRACE_MS);
      confirm = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    const stopping: Stopping = { id: active.id, done, confirm };
    this.stopping = stopping;
    void done.then(() => {
      if (this.stopping === stopping) this.stopping = undefined;
    });
    active.finish({ outcome: 'cancelled', ...(active.stage ? { stage: active.stage } : {}) });
  }

  /** Whether run `id` is still the current one (not cancelled while waiting). */
  private isActive(id: number): boolean {
    return this.active?.id === id;
  }

  /** Ends the worker and any run. */
  dispose(): void {
    this.active?.finish({ outcome: 'cancelled' });
    this.dropWorker();
  }

  private post(worker: Worker, message: MainToWorker): void {
    worker.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<WorkerToMain>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(`The pipeline worker stopped: ${event.message || 'it could not start'}.`);
    };
    worker.onmessageerror = () =>
      this.fail('The pipeline worker sent a message that could not be read.');
    this.post(worker, { type: 'setup', setup: this.setup });
    this.worker = worker;
    return worker;
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.preloaded = undefined;
    this.stopping?.confirm();
  }

  private fail(message: string): void {
    const active = this.active;
    this.dropWorker();
    active?.finish({
      outcome: 'failed',
      error: {
        code: 'INTERNAL',
        message,
        hint: 'Reload the page and try again; if it happens again, please report it with the browser console output.',
      },
      ...(active.stage ? { stage: active.stage } : {}),
    });
  }

  private receive(message: WorkerToMain): void {
    const stopping = this.stopping;
    if (stopping?.id === message.id && (message.type === 'error' || message.type === 'done')) {
      stopping.confirm();
      return;
    }
    const active = this.active;
    if (!active || message.id !== active.id) return;
    const h = active.handlers;
    switch (message.type) {
      case 'stage':
        if (message.status === 'running') active.stage = message.stage;
        h.onStage?.(message.stage, message.status, message.ms);
        break;
      case 'progress':
        h.onProgress?.(message.stage, message.fraction, message.detail);
        break;
      case 'model':
        h.onModel?.(message.info);
        break;
      case 'factors':
        h.onFactors?.(message.factorization);
        break;
      case 'explanations':
        h.onExplanations?.(message.explanations, message.scored);
        break;
      case 'done':
        active.finish({ outcome: 'done', timings: message.timings });
        break;
      case 'error': {
        const stage = message.stage ?? active.stage;
        active.finish(
          message.error.code === 'ABORTED'
            ? { outcome: 'cancelled', ...(stage ? { stage } : {}) }
            : { outcome: 'failed', error: message.error, ...(stage ? { stage } : {}) },
        );
        break;
      }
    }
  }
}
