import { sleep } from './sleep.js';

/**
 * A not-before time shared by every call of one run: when the server answers one request with
 * `Retry-After`, no call of the run is sent before that time, not only the one that was told.
 * Waiters are spread over a small jitter after it, so they do not all arrive at once.
 */
export class RateGate {
  #notBefore = 0;
  #spreadMs = 0;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** The time (ms since the epoch) before which nothing is sent; 0 when open. */
  get notBefore(): number {
    return this.#notBefore;
  }

  /** Holds every call until `at` (ms since the epoch); waiters then start within `spreadMs`. */
  holdUntil(at: number, spreadMs = 0): void {
    if (at > this.#notBefore) {
      this.#notBefore = at;
      this.#spreadMs = spreadMs;
    }
  }

  /** Resolves once the gate is open (at once when it is); rejects with `ABORTED` on abort. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now >= this.#notBefore) return;
      await sleep(this.#notBefore - now + this.#random() * this.#spreadMs, signal);
    }
  }
}
