import type { NmfProgress } from './types.js';
import { now } from './yield-control.js';

/** Calls onProgress at most every `everyMs`, and always for the last iteration. */
export class ProgressReporter {
  private last = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly onProgress: ((p: NmfProgress) => void) | undefined,
    private readonly everyMs: number,
  ) {}

  report(progress: NmfProgress, final = false): void {
    if (!this.onProgress) return;
    const t = now();
    if (!final && t - this.last < this.everyMs) return;
    this.last = t;
    this.onProgress(progress);
  }
}
