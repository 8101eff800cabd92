import { lookupModel } from '@explainable-ecco/prompt-packer';

/** US dollars for these tokens at the model's list price, or undefined when the price is unknown. */
export function costUsd(
  model: string | undefined,
  promptTokens: number,
  completionTokens: number,
): number | undefined {
  if (!model) return undefined;
  const price = lookupModel(model)?.pricePer1M;
  if (!price) return undefined;
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}
