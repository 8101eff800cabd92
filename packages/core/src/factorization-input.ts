import { fromEccoJson, isEccoJson } from './ecco-json.js';
import { EccoError } from './errors.js';
import { type Factorization, validateFactorization } from './factorization.js';

/** True when the first token has ecco's `token` field and no core `text`. */
function hasEccoTokens(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const tokens = (input as { tokens?: unknown }).tokens;
  if (!Array.isArray(tokens) || tokens.length === 0) return false;
  const first = tokens[0] as Record<string, unknown> | null;
  return typeof first === 'object' && first !== null && 'token' in first && !('text' in first);
}

/** Anything the explainer, visualizer and CLI accept as factors. */
export type FactorizationInput = Factorization | import('./ecco-json.js').EccoJson;

/**
 * Normalises user input — a core Factorization, or ecco printJson data — into a validated
 * Factorization. Throws a typed error for anything else.
 */
export function toFactorization(input: unknown): Factorization {
  // ecco data whose `factors` lost the outer list still carries ecco's `token` field: let
  // fromEccoJson explain the nesting instead of validating it as a core Factorization.
  if (isEccoJson(input) || hasEccoTokens(input)) return fromEccoJson(input);
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
