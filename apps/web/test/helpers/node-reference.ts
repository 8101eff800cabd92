import { EccoModel } from '@explainable-ecco/activations/node';
import { demoModelPath } from '@explainable-ecco/demo-model';
import { explain, scoreExplanations } from '@explainable-ecco/explainer/node';
import { runNmf } from '@explainable-ecco/nmf';

/** The same pipeline as the app's worker, run in Node through the packages' Node entries. */
export async function nodePipeline(
  text: string,
  options: { components: number; fromLayer?: number; toLayer?: number },
) {
  const lm = await EccoModel.fromPretrained(demoModelPath);
  try {
    const output = await lm.run(text);
    const factorization = await runNmf(output, {
      nComponents: options.components,
      fromLayer: options.fromLayer,
      toLayer: options.toLayer,
    });
    const explanations = await explain(factorization, { provider: 'heuristic', cache: false });
    const scored = await scoreExplanations(factorization, explanations, {
      simulator: 'heuristic',
      cache: false,
    });
    return { output, factorization, explanations: scored };
  } finally {
    await lm.dispose();
  }
}
