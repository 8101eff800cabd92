// Runnable README example: `pnpm --filter @explainable-ecco/activations build`, then
// `npx tsx packages/activations/examples/capture.ts` from the repository root.
import { fileURLToPath } from 'node:url';
import { EccoModel } from '@explainable-ecco/activations';
import { layerActivations } from '@explainable-ecco/core';

const modelDir = fileURLToPath(new URL('../../../fixtures/models/tiny-llama', import.meta.url));
const lm = await EccoModel.fromPretrained(modelDir);
console.log(lm.config.modelType, 'layers', lm.layers, 'captured by', lm.capturePlan.method);

const out = await lm.run('The river runs beneath the hill.');
console.log(out.tokens.map((t) => `${t.display}/${t.kind}`).join(' '));
const { layers, neurons, positions } = out.activations;
console.log({ layers, neurons, positions });
const layer1 = layerActivations(out.activations, 1); // neurons × positions, a view
console.log(
  'neuron 0 of layer 1:',
  Array.from(layer1.subarray(0, positions), (v) => v.toFixed(3)).join(' '),
);

const gen = await lm.generate('The river', {
  maxNewTokens: 8,
  temperature: 0.8,
  seed: 1,
  stopAtEos: false,
});
console.log(JSON.stringify(gen.outputText), 'positions captured:', gen.activations.positions);
await lm.dispose();
