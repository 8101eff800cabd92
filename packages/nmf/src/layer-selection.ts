import { EccoError } from '@explainable-ecco/core';

/**
 * ecco's run_nmf layer selection, over model layer indices in numeric order (ecco sorts them as
 * strings: 0, 1, 10, 11, 2 …). With no bounds: every captured layer. Otherwise the half-open
 * range [fromLayer, toLayer); fromLayer defaults to the first captured layer and toLayer to one
 * past the last, so either bound alone selects "from here" or "up to here". Errors as ecco's:
 * equal bounds, reversed bounds, and any layer in range that was not captured (listing the
 * captured ones). The returned bounds are undefined when the selected layers are not a range.
 */
export function selectLayers(
  captured: readonly number[],
  fromLayer: number | undefined,
  toLayer: number | undefined,
): { layers: number[]; fromLayer: number | undefined; toLayer: number | undefined } {
  if (fromLayer === undefined && toLayer === undefined) {
    const layers = [...captured];
    const contiguous = layers.every((l, i) => i === 0 || l === layers[i - 1] + 1);
    return contiguous
      ? { layers, fromLayer: layers[0], toLayer: layers[layers.length - 1] + 1 }
      : { layers, fromLayer: undefined, toLayer: undefined };
  }
  const first = captured[0];
  const last = captured[captured.length - 1];
  const from = fromLayer ?? first;
  const to = toLayer ?? last + 1;
  for (const [name, value] of [
    ['fromLayer', fromLayer],
    ['toLayer', toLayer],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new EccoError(
        'LAYER_RANGE_INVALID',
        `${name} must be a non-negative integer layer index (got ${String(value)}).`,
        { hint: `Captured layers: ${captured.join(', ')}.`, details: { [name]: value } },
      );
    }
  }
  if (from === to) {
    throw new EccoError(
      'LAYER_RANGE_INVALID',
      `fromLayer (${from}) and toLayer (${to}) cannot be the same value; the range is half-open, so they must be at least one apart.`,
      {
        hint: `For layer ${from} alone pass fromLayer: ${from}, toLayer: ${from + 1}.`,
        details: { fromLayer: from, toLayer: to },
      },
    );
  }
  if (from > to) {
    throw new EccoError(
      'LAYER_RANGE_INVALID',
      `fromLayer (${from}) cannot be larger than toLayer (${to}).`,
      {
        hint: 'Swap them: the range is [fromLayer, toLayer).',
        details: { fromLayer: from, toLayer: to },
      },
    );
  }
  const layers: number[] = [];
  const missing: number[] = [];
  for (let l = from; l < to; l++) (captured.includes(l) ? layers : missing).push(l);
  if (missing.length > 0) {
    throw new EccoError(
      'LAYER_NOT_CAPTURED',
      `Not all layers between fromLayer (${from}) and toLayer (${to}) have recorded activations (missing: ${missing.join(', ')}). Layers with recorded activations are: ${captured.join(', ')}.`,
      {
        hint: 'Pick a range inside the captured layers, or capture the missing layers.',
        details: { fromLayer: from, toLayer: to, missing, available: [...captured] },
      },
    );
  }
  return { layers, fromLayer: from, toLayer: to };
}
