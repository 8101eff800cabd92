/** How a set of model layers reads in a progress line: "layer 3", "layers 0–3", "layers 2, 5". */
export function layerLabel(layers: readonly number[]): string {
  if (layers.length === 0) return 'no layers';
  if (layers.length === 1) return `layer ${layers[0]}`;
  const contiguous = layers.every((l, i) => i === 0 || l === layers[i - 1]! + 1);
  return contiguous
    ? `layers ${layers[0]}–${layers[layers.length - 1]}`
    : `layers ${layers.join(', ')}`;
}
