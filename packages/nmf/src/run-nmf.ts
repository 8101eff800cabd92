import {
  detectTokenizerFamily,
  EccoError,
  type Factorization,
  type NeuronLoadings,
  validateFactorization,
} from '@explainable-ecco/core';
import { activationMatrix } from './activation-matrix.js';
import { selectLayers } from './layer-selection.js';
import { layerShare } from './layer-share.js';
import { nmf } from './nmf.js';
import { type NmfSequenceInput, toSequences } from './sequences.js';
import type { NmfOptions } from './types.js';

export interface RunNmfOptions
  extends Pick<NmfOptions, 'signal' | 'onProgress' | 'progressEveryMs' | 'engine'> {
  /** Factors to find; default 10, clamped to the number of positions (as ecco). */
  nComponents?: number;
  /** First model layer index to include (default: the first captured layer). */
  fromLayer?: number;
  /** One past the last layer to include (half-open, as ecco; default: after the last captured). */
  toLayer?: number;
  /** Default 500 (ecco's). */
  maxIter?: number;
  /** Default 1e-4 (scikit-learn's, which ecco keeps). */
  tol?: number;
  /** Default 0 (ecco's). */
  randomState?: number;
}

/**
 * ecco's `run_nmf`: factorizes the FFN activations of one sequence — or of several jointly, so
 * their factors mean the same thing — into `nComponents` factors.
 *
 * The matrix is positions × neurons of the selected layers, negatives clipped to 0, solved by
 * scikit-learn's NMF with init 'random', randomState 0, maxIter 500 (see `nmf`). Each result
 * aligns factors (k × positions, W transposed) to the sequence's tokens and adds what ecco does
 * not show: every factor's neuron loadings (H) and its share per layer.
 *
 * A bare ActivationCapture has no tokens: its factors align to placeholder tokens `#0`, `#1`, ….
 *
 * @returns one Factorization for one input, or one per sequence (same order) for an array;
 *   sequences of a joint factorization share `loadings`, `layerShare` and `reconstructionError`.
 * @throws EccoError LAYER_RANGE_INVALID, LAYER_NOT_CAPTURED (lists the captured layers),
 *   INVALID_CAPTURE, NMF_INVALID_COMPONENTS, NMF_INVALID_INPUT (non-finite activations), ABORTED.
 */
export async function runNmf(
  input: NmfSequenceInput,
  options?: RunNmfOptions,
): Promise<Factorization>;
export async function runNmf(
  input: readonly NmfSequenceInput[],
  options?: RunNmfOptions,
): Promise<Factorization[]>;
export async function runNmf(
  input: NmfSequenceInput | readonly NmfSequenceInput[],
  options: RunNmfOptions = {},
): Promise<Factorization | Factorization[]> {
  const single = !Array.isArray(input);
  const sequences = toSequences(single ? [input as NmfSequenceInput] : input);
  const requested = options.nComponents ?? 10;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new EccoError(
      'NMF_INVALID_COMPONENTS',
      `nComponents must be an integer ≥ 1 (got ${String(requested)}).`,
      { hint: 'ecco uses 10 by default.', details: { nComponents: requested } },
    );
  }
  const captured = sequences[0].capture.layers;
  const { layers, fromLayer, toLayer } = selectLayers(captured, options.fromLayer, options.toLayer);
  const { x, rows, cols } = activationMatrix(
    sequences.map((s) => s.capture),
    layers,
  );
  const k = Math.min(requested, rows);
  const fit = await nmf(x, [rows, cols], {
    nComponents: k,
    init: 'random',
    solver: 'cd',
    betaLoss: 'frobenius',
    maxIter: options.maxIter ?? 500,
    tol: options.tol ?? 1e-4,
    randomState: options.randomState ?? 0,
    signal: options.signal,
    onProgress: options.onProgress,
    progressEveryMs: options.progressEveryMs,
    engine: options.engine,
  });
  const neuronsPerLayer = sequences[0].capture.neurons;
  const loadings: NeuronLoadings = {
    layers,
    neuronsPerLayer,
    values: Array.from({ length: k }, (_, t) => fit.H.subarray(t * cols, (t + 1) * cols)),
  };
  const share = layerShare(fit.H, k, layers.length, neuronsPerLayer);
  let offset = 0;
  const results = sequences.map((sequence) => {
    const positions = sequence.capture.positions;
    const factors = Array.from({ length: k }, (_, t) => {
      const row = new Array<number>(positions);
      for (let p = 0; p < positions; p++) row[p] = fit.W[(offset + p) * k + t];
      return row;
    });
    offset += positions;
    const factorization: Factorization = {
      tokens: sequence.tokens,
      factors,
      layers: [...layers],
      loadings,
      layerShare: share,
      reconstructionError: fit.reconstructionError,
      source: {
        tool: 'explainable-ecco',
        nComponents: k,
        ...(fromLayer !== undefined ? { fromLayer, toLayer } : {}),
        nIter: fit.nIter,
        converged: fit.converged,
        engine: fit.engine,
        ...(sequences.length > 1 ? { jointSequences: sequences.length } : {}),
      },
    };
    if (sequence.realTokens) {
      factorization.tokenizerFamily = detectTokenizerFamily(sequence.tokens.map((t) => t.text));
    }
    validateFactorization(factorization);
    return factorization;
  });
  return single ? results[0] : results;
}
