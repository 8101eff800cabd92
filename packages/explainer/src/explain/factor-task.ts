import type { FactorRecord } from '@explainable-ecco/core';
import type { FactorExplanation } from '../explanation-types.js';
import type { RateGate } from '../run/rate-gate.js';
import type { RetryEvent, RetryPolicy } from '../run/retry.js';

/** One factor to explain. */
export interface FactorTask {
  factor: number;
  record: FactorRecord;
  /** Tokens in the whole text. */
  sequenceLength: number;
}

export interface FactorOutcome {
  explanation: FactorExplanation;
  /** Something the user should know that did not fail the factor (e.g. a cache write). */
  warning?: string;
}

/** How one factor's calls are made and reported. */
export interface CallSettings {
  timeoutMs: number;
  retry: RetryPolicy;
  signal: AbortSignal | undefined;
  /** The run's shared not-before time (Retry-After holds every call, not only the told one). */
  gate: RateGate;
  onSent(factor: number, attempt: number): void;
  onRetry(factor: number, event: RetryEvent): void;
}

export type FactorExplainer = (task: FactorTask) => Promise<FactorOutcome>;
