import { fromEccoJson, isEccoJson } from './ecco-json.js';
import { EccoError } from './errors.js';
import { type Factorization, validateFactorization } from './factorization.js';

/** Anything the explainer, visualizer and CLI accept as factors. */
export type FactorizationInput = Factorization | import('./ecco-json.js').EccoJson;

/**
 * Normalises user input — a core Factorization, or ecco printJson data — into a validated
 * Factorization. Throws a typed error for anything else.
 */
export function toFactorization(input: unknown): Factorization {
  if (isEccoJson(input)) return fromEccoJson(input);
  if (
    typeof input === 'object' &&
    input !== null &&
    Array.isArray((input as Factorization).factors)
  ) {
    const f = input as Factorization;
    validateFactorization(f);
    return f;
  }
  throw new EccoError('INVALID_FACTORIZATION', 'Expected a Factorization or ecco printJson data.', {
    hint: 'Pass the result of runNmf(), or the object ecco prints with explore(printJson=True).',
  });
}
