/**
 * Lets the event loop run between iterations so that an abort (or a worker's cancel message)
 * can arrive and a page stays responsive. `await` on a finished promise only drains microtasks,
 * so this yields a macrotask: setImmediate in Node, a MessageChannel message in browsers (no
 * 4 ms setTimeout clamp), setTimeout elsewhere.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return new Promise((resolve) => setImmediate(resolve));
  }
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Yields at most every `intervalMs` of work (yielding costs ~0.1 ms in Node, more in pages). */
export class Pacer {
  private last = now();
  constructor(private readonly intervalMs: number) {}

  async maybeYield(): Promise<void> {
    const t = now();
    if (t - this.last < this.intervalMs) return;
    await yieldToEventLoop();
    this.last = now();
  }
}

export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
