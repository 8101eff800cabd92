/**
 * How a factor's loading mass splits across layers: Σ H[t, neurons of layer l] / Σ H[t, :].
 * Since the factor contributes W[:, t]·H[t, :] to the reconstruction, this is also the share
 * of its reconstructed activation that falls in each layer. A factor with no loading at all
 * gets a row of zeros.
 */
export function layerShare(
  H: Float32Array,
  k: number,
  layerCount: number,
  neuronsPerLayer: number,
): number[][] {
  const cols = layerCount * neuronsPerLayer;
  const shares: number[][] = [];
  for (let t = 0; t < k; t++) {
    const perLayer = new Array<number>(layerCount).fill(0);
    let total = 0;
    for (let l = 0; l < layerCount; l++) {
      let s = 0;
      const base = t * cols + l * neuronsPerLayer;
      for (let n = 0; n < neuronsPerLayer; n++) s += H[base + n];
      perLayer[l] = s;
      total += s;
    }
    shares.push(perLayer.map((s) => (total > 0 ? s / total : 0)));
  }
  return shares;
}
