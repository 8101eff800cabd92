import { EccoModel } from '@explainable-ecco/activations/node';
import { demoModelPath } from '@explainable-ecco/demo-model';
import { explain, scoreExplanations } from '@explainable-ecco/explainer/node';
import { runNmf } from '@explainable-ecco/nmf';

export interface NodeMeasure {
  loadMs: number;
  /** Text → factors, with the model loaded. */
  factorsMs: number;
  /** Text → scored explanations, with the model loaded. */
  completeMs: number;
}

/**
 * The reference: the same packages doing the same job in Node (onnxruntime-node), timed the
 * same way: model load, then text → factors → scored explanations.
 */
export async function nodeRun(
  text: string,
  options: { components: number; truncation: boolean },
): Promise<NodeMeasure> {
  const t0 = performance.now();
  const lm = await EccoModel.fromPretrained(demoModelPath);
  const t1 = performance.now();
  try {
    const output = await lm.run(text, { truncation: options.truncation });
    const factorization = await runNmf(output, { nComponents: options.components });
    const t2 = performance.now();
    const explanations = await explain(factorization, { provider: 'heuristic', cache: false });
    await scoreExplanations(factorization, explanations, { simulator: 'heuristic', cache: false });
    const t3 = performance.now();
    return { loadMs: t1 - t0, factorsMs: t2 - t1, completeMs: t3 - t1 };
  } finally {
    await lm.dispose();
  }
}

/** Token count of a text with the demo model's tokenizer (special tokens included). */
export async function demoTokenCounter(): Promise<(text: string) => number> {
  const lm = await EccoModel.fromPretrained(demoModelPath);
  const tokenizer = lm.tokenizer;
  await lm.dispose(); // the tokenizer does not need the onnxruntime session
  return (text: string) => tokenizer.encode(text).length;
}
