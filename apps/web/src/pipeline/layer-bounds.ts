import type { LayerChoice } from './protocol.js';

/**
 * runNmf's `fromLayer`/`toLayer` for a layer choice over the captured layers. Ranges pass
 * through unchecked: runNmf rejects bad ones with a typed error that lists the captured layers.
 */
export function layerBounds(
  choice: LayerChoice,
  captured: readonly number[],
): { fromLayer?: number; toLayer?: number } {
  if (choice.kind === 'all') return {};
  if (choice.kind === 'last') {
    const last = captured[captured.length - 1];
    return last === undefined ? {} : { fromLayer: last, toLayer: last + 1 };
  }
  return { fromLayer: choice.from, toLayer: choice.to };
}
