import { afterEach, describe, expect, it, vi } from 'vitest';
import { PipelineClient } from '../src/pipeline/pipeline-client.js';
import type { MainToWorker, RunRequest, WorkerToMain } from '../src/pipeline/protocol.js';

/**
 * A stand-in for the browser's Worker (Node has none): records what the page posts and lets
 * the test answer as the pipeline worker would.
 */
class FakeWorker {
  static created: FakeWorker[] = [];
  posted: MainToWorker[] = [];
  terminated = false;
  onmessage: ((event: { data: WorkerToMain }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;

  constructor() {
    FakeWorker.created.push(this);
  }
  postMessage(message: MainToWorker): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers as the worker. */
  send(message: WorkerToMain): void {
    this.onmessage?.({ data: message });
  }
  lastRunId(): number {
    const runs = this.posted.filter((m) => m.type === 'run');
    return (runs[runs.length - 1] as { id: number }).id;
  }
}

const request = { name: 'text', text: 'x' } as RunRequest;

function client(): PipelineClient {
  return new PipelineClient(
    { ortWasmUrl: 'http://app.test/ort/' },
    () => new FakeWorker() as unknown as Worker,
  );
}

afterEach(() => {
  FakeWorker.created = [];
  vi.useRealTimers();
});

describe('PipelineClient', () => {
  it('sets the worker up, forwards events of its run only, and settles with the timings', async () => {
    const c = client();
    const seen: string[] = [];
    const done = c.run(request, {
      onStage: (stage, status) => seen.push(`${stage}:${status}`),
      onProgress: (stage, fraction) => seen.push(`${stage}@${fraction}`),
    });
    const w = FakeWorker.created[0]!;
    expect(w.posted[0]).toEqual({ type: 'setup', setup: { ortWasmUrl: 'http://app.test/ort/' } });
    expect(w.posted[1]).toMatchObject({ type: 'run', request });
    const id = w.lastRunId();
    w.send({ type: 'stage', id, stage: 'model', status: 'running' });
    w.send({ type: 'progress', id: id + 99, stage: 'model', fraction: 0.9 }); // another run's
    w.send({ type: 'progress', id, stage: 'model', fraction: 0.5 });
    w.send({ type: 'done', id, timings: { model: 12 } });
    expect(await done).toEqual({ outcome: 'done', timings: { model: 12 } });
    expect(seen).toEqual(['model:running', 'model@0.5']);
    expect(c.busy).toBe(false);
  });

  it('refuses a second run while one goes on', async () => {
    const c = client();
    void c.run(request);
    const second = await c.run(request);
    expect(second).toMatchObject({ outcome: 'failed', error: { code: 'INVALID_ARGUMENT' } });
  });

  it('reports a failure with the stage it happened in', async () => {
    const c = client();
    const result = c.run(request);
    const w = FakeWorker.created[0]!;
    const id = w.lastRunId();
    w.send({ type: 'stage', id, stage: 'factors', status: 'running' });
    w.send({ type: 'error', id, error: { code: 'LAYER_NOT_CAPTURED', message: 'No layer 7.' } });
    expect(await result).toEqual({
      outcome: 'failed',
      stage: 'factors',
      error: { code: 'LAYER_NOT_CAPTURED', message: 'No layer 7.' },
    });
  });

  it('settles a cancelled run at once; a worker that confirms keeps running', async () => {
    const c = client();
    const result = c.run(request);
    const w = FakeWorker.created[0]!;
    const id = w.lastRunId();
    w.send({ type: 'stage', id, stage: 'explanations', status: 'running' });
    c.cancel();
    expect(w.posted[w.posted.length - 1]).toEqual({ type: 'cancel', id });
    expect(await result).toEqual({ outcome: 'cancelled', stage: 'explanations' });
    expect(c.busy).toBe(false);

    // A new run waits until the cancelled one has stopped.
    const next = c.run(request);
    await Promise.resolve();
    expect(w.posted.filter((m) => m.type === 'run')).toHaveLength(1);
    w.send({ type: 'error', id, error: { code: 'ABORTED', message: 'The run was cancelled.' } });
    await vi.waitFor(() => expect(w.posted.filter((m) => m.type === 'run')).toHaveLength(2));
    expect(w.terminated).toBe(false);
    expect(FakeWorker.created).toHaveLength(1);
    w.send({ type: 'done', id: w.lastRunId(), timings: {} });
    expect(await next).toEqual({ outcome: 'done', timings: {} });
  });

  it('terminates a worker that does not stop within the grace period', async () => {
    vi.useFakeTimers();
    const c = client();
    const result = c.run(request);
    const w = FakeWorker.created[0]!;
    w.send({ type: 'stage', id: w.lastRunId(), stage: 'model', status: 'running' });
    c.cancel();
    expect(await result).toEqual({ outcome: 'cancelled', stage: 'model' });
    const next = c.run(request);
    await vi.advanceTimersByTimeAsync(2999);
    expect(w.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.terminated).toBe(true);
    // The waiting run goes to a fresh worker, set up first.
    const fresh = FakeWorker.created[1]!;
    expect(fresh.posted.map((m) => m.type)).toEqual(['setup', 'run']);
    fresh.send({ type: 'done', id: fresh.lastRunId(), timings: {} });
    expect(await next).toMatchObject({ outcome: 'done' });
  });

  it('preloads a model once per worker, never during a run', () => {
    const c = client();
    const model = {
      source: 'http://app.test/m/',
      label: 'm',
      dtype: 'fp32',
      device: 'auto',
      remoteHost: 'https://huggingface.co/',
    } as const;
    c.preload(model);
    c.preload(model);
    const w = FakeWorker.created[0]!;
    expect(w.posted.map((m) => m.type)).toEqual(['setup', 'preload']);
    void c.run(request);
    c.preload({ ...model, dtype: 'q8' });
    expect(w.posted.map((m) => m.type)).toEqual(['setup', 'preload', 'run']);
  });

  it('fails the run with INTERNAL when the worker dies', async () => {
    const c = client();
    const result = c.run(request);
    const w = FakeWorker.created[0]!;
    let prevented = false;
    w.onerror?.({ message: 'Uncaught SyntaxError', preventDefault: () => (prevented = true) });
    const r = await result;
    expect(r).toMatchObject({ outcome: 'failed', error: { code: 'INTERNAL' } });
    expect(r.outcome === 'failed' && r.error.message).toContain('Uncaught SyntaxError');
    expect(prevented).toBe(true);
    expect(w.terminated).toBe(true);
  });
});
