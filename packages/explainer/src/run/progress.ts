/** What happens to one factor while explaining (or scoring), in order. */
export type ProgressEvent =
  | { type: 'queued'; factor: number }
  | { type: 'sent'; factor: number; attempt: number }
  | {
      type: 'retrying';
      factor: number;
      attempt: number;
      delayMs: number;
      error: { code: string; message: string };
    }
  | { type: 'done'; factor: number; cached: boolean; warning?: string }
  | { type: 'failed'; factor: number; error: { code: string; message: string } };

/** Counters of one run, for the usage report. */
export interface RunStats {
  /** Requests sent to the provider, retries included. */
  requests: number;
  retries: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
}

export function newRunStats(): RunStats {
  return { requests: 0, retries: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0 };
}
