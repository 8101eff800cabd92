import { EccoError } from '@explainable-ecco/core';

export interface SamplingOptions {
  /** 0 or absent: greedy (argmax). Otherwise logits are divided by it before sampling. */
  temperature?: number | undefined;
  /** Sample only among the k most likely tokens. */
  topK?: number | undefined;
}

export function validateSampling(options: SamplingOptions): void {
  const { temperature, topK } = options;
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `temperature must be a number ≥ 0, got ${temperature}.`,
      {
        hint: 'Use 0 (or leave it out) for greedy decoding, e.g. 0.8 for sampling.',
      },
    );
  }
  if (topK !== undefined && !(Number.isInteger(topK) && topK >= 1)) {
    throw new EccoError('INVALID_ARGUMENT', `topK must be an integer ≥ 1, got ${topK}.`, {
      hint: 'Leave it out to sample from the whole vocabulary.',
    });
  }
}

function argmax(logits: Float32Array): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  return best;
}

/** Picks the next token id from one row of logits: greedy, or temperature / top-k sampling. */
export function pickNextToken(
  logits: Float32Array,
  options: SamplingOptions,
  random: () => number,
): number {
  const { temperature, topK } = options;
  if (!temperature) return argmax(logits);
  let candidates = Array.from(logits.keys());
  if (topK !== undefined && topK < logits.length) {
    candidates.sort((a, b) => logits[b]! - logits[a]! || a - b);
    candidates = candidates.slice(0, topK);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const i of candidates) if (logits[i]! > max) max = logits[i]!;
  const weights = candidates.map((i) => Math.exp((logits[i]! - max) / temperature));
  const total = weights.reduce((a, w) => a + w, 0);
  let r = random() * total;
  for (let j = 0; j < candidates.length; j++) {
    r -= weights[j]!;
    if (r < 0) return candidates[j]!;
  }
  return candidates[candidates.length - 1]!;
}
