import { EccoError } from './errors.js';
import type { Token } from './token.js';
import type { TokenizerFamily } from './tokenizer-conventions.js';

const TOKEN_KINDS: readonly string[] = ['input', 'output', 'special'];
const TOKEN_HINT =
  'Tokens need {text, display, id, position, kind} with position counting 0, 1, 2, …: build them with makeTokens(), or read ecco printJson data with fromEccoJson().';

/** Throws `INVALID_FACTORIZATION` unless `t` is a well-formed core Token at sequence index `i`. */
function validateToken(t: unknown, i: number): void {
  const fail = (why: string): never => {
    throw new EccoError('INVALID_FACTORIZATION', `Invalid factorization: token ${i} ${why}.`, {
      hint: TOKEN_HINT,
      details: { token: i },
    });
  };
  if (typeof t !== 'object' || t === null || Array.isArray(t)) fail('is not an object');
  const tok = t as Record<string, unknown>;
  if (typeof tok.text !== 'string') {
    fail(
      typeof tok.token === 'string'
        ? 'has ecco\'s "token" field but no "text" (ecco printJson data goes through fromEccoJson)'
        : 'has no string "text"',
    );
  }
  if (typeof tok.display !== 'string') fail('has no string "display"');
  if (typeof tok.id !== 'number' || !Number.isInteger(tok.id))
    fail(`has id ${JSON.stringify(tok.id)}; expected an integer (-1 when unknown)`);
  if (tok.position !== i) fail(`has position ${JSON.stringify(tok.position)}; expected ${i}`);
  if (typeof tok.kind !== 'string' || !TOKEN_KINDS.includes(tok.kind))
    fail(`has kind ${JSON.stringify(tok.kind)}; expected "input", "output" or "special"`);
  if (tok.continuesWord !== undefined && typeof tok.continuesWord !== 'boolean')
    fail('has a "continuesWord" that is not a boolean');
}

/** Neuron loadings of every factor: k rows over the neurons of `layers` concatenated in order. */
export interface NeuronLoadings {
  layers: number[];
  neuronsPerLayer: number;
  /** One row per factor, length layers.length × neuronsPerLayer. */
  values: Float32Array[];
}

/** Where a factorization came from and how it was made. */
export interface FactorizationSource {
  /** Model id or path. */
  model?: string;
  /** What produced it: 'explainable-ecco', 'ecco', … */
  tool?: string;
  /** Free-text description carried by ecco files (`source`). */
  description?: string;
  nComponents?: number;
  /** Half-open range over model layer indices, as ecco's run_nmf. */
  fromLayer?: number;
  toLayer?: number;
  [key: string]: unknown;
}

/**
 * NMF factors of one sequence's FFN activations, aligned to its tokens:
 * `factors[i][p]` is how strongly factor i is present at token p.
 */
export interface Factorization {
  tokens: Token[];
  /** k × positions. */
  factors: number[][];
  tokenizerFamily?: TokenizerFamily;
  /** Model layer indices the factorization covered, numeric order. */
  layers?: number[];
  loadings?: NeuronLoadings;
  /** k × layers.length: the fraction of each factor's loading mass in each layer (rows sum to 1). */
  layerShare?: number[][];
  /** ‖X − WH‖_F of the fit, when known. */
  reconstructionError?: number;
  source?: FactorizationSource;
}

/**
 * Throws `INVALID_FACTORIZATION` (or `EMPTY_FACTORIZATION`) unless the data is usable: every
 * token well-formed (text and display strings, integer id, position equal to its index, a known
 * kind) and every factor one finite value per token.
 */
export function validateFactorization(f: Factorization): void {
  const fail = (why: string, details?: Record<string, unknown>): never => {
    throw new EccoError('INVALID_FACTORIZATION', `Invalid factorization: ${why}.`, {
      hint: 'Each factor needs one finite value per token.',
      details,
    });
  };
  if (!f || typeof f !== 'object') fail('not an object');
  if (!Array.isArray(f.tokens)) fail('tokens must be an array');
  if (!Array.isArray(f.factors)) fail('factors must be an array');
  if (f.tokens.length === 0 || f.factors.length === 0) {
    throw new EccoError('EMPTY_FACTORIZATION', 'The factorization has no tokens or no factors.', {
      hint: 'Run NMF on a non-empty text first (nComponents ≥ 1).',
    });
  }
  for (let i = 0; i < f.tokens.length; i++) validateToken(f.tokens[i], i);
  const n = f.tokens.length;
  f.factors.forEach((row, i) => {
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) fail(`factor ${i} is not an array`);
    if (row.length !== n) {
      fail(`factor ${i} has ${row.length} values but there are ${n} tokens`, {
        factor: i,
        values: row.length,
        tokens: n,
      });
    }
    for (let p = 0; p < row.length; p++) {
      if (!Number.isFinite(row[p]))
        fail(`factor ${i} has a non-finite value at position ${p}`, { factor: i, position: p });
    }
  });
  if (f.layerShare && f.layerShare.length !== f.factors.length) {
    fail(`layerShare has ${f.layerShare.length} rows for ${f.factors.length} factors`);
  }
}
