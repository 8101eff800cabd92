import { EccoError, type EccoErrorCode, isEccoError } from '@explainable-ecco/core';
import type { RunNmfOptions } from './run-nmf.js';
import type { NmfSequenceInput } from './sequences.js';
import type { NmfOptions, NmfProgress } from './types.js';

/** Options that can cross into a worker (no signal, callbacks or engine objects). */
export type WorkerNmfOptions = Omit<NmfOptions, 'signal' | 'onProgress' | 'engine'> & {
  engine?: 'auto' | 'wasm' | 'js';
};
export type WorkerRunNmfOptions = Omit<RunNmfOptions, 'signal' | 'onProgress' | 'engine'> & {
  engine?: 'auto' | 'wasm' | 'js';
};

export type WorkerRequest =
  | {
      type: 'nmf';
      id: number;
      x: Float32Array | Float64Array;
      shape: [number, number];
      options: WorkerNmfOptions;
      progress: boolean;
    }
  | {
      type: 'runNmf';
      id: number;
      input: NmfSequenceInput | NmfSequenceInput[];
      options: WorkerRunNmfOptions;
      progress: boolean;
    }
  | { type: 'cancel'; id: number };

export interface SerializedError {
  code: EccoErrorCode;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

export type WorkerResponse =
  | { type: 'progress'; id: number; progress: NmfProgress }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: SerializedError };

/** Marks messages of this protocol among others a page may post to the same worker. */
export const PROTOCOL = 'explainable-ecco/nmf@1';

export function serializeError(error: unknown): SerializedError {
  if (isEccoError(error)) {
    const e = error as EccoError;
    return { code: e.code, message: e.message, hint: e.hint, details: e.details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `NMF worker failed: ${message}` };
}

export function deserializeError(error: SerializedError): EccoError {
  const { code, message, hint, details } = error;
  const base = hint && message.endsWith(` ${hint}`) ? message.slice(0, -hint.length - 1) : message;
  return new EccoError(code, base, { hint, details });
}
