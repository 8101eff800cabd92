import { EccoError, type Explanation } from '@explainable-ecco/core';

/**
 * Lines explanations up with factors: an explanation whose `factor` is a valid index goes
 * there; one without goes by its place in the list. Missing entries stay undefined.
 */
export function alignExplanations(
  explanations: unknown,
  factorCount: number,
): Array<Explanation | undefined> {
  const out: Array<Explanation | undefined> = new Array(factorCount).fill(undefined);
  if (explanations === null || explanations === undefined) return out;
  if (!Array.isArray(explanations)) {
    throw new EccoError('INVALID_ARGUMENT', '`explanations` must be an array of Explanation.', {
      hint: 'Pass the list the explainer returns: element i explains factor i.',
    });
  }
  explanations.forEach((e, i) => {
    if (e === null || e === undefined) return;
    if (typeof e !== 'object') {
      throw new EccoError('INVALID_ARGUMENT', `explanations[${i}] is not an object.`, {
        hint: 'Each entry needs at least {factor, text, provider}.',
        details: { index: i },
      });
    }
    const ex = e as Explanation;
    const slot = Number.isInteger(ex.factor) && ex.factor >= 0 ? ex.factor : i;
    if (slot < factorCount) out[slot] = ex;
  });
  return out;
}

/** The headline score of an explanation, or null when it has none. */
export function headlineScore(e: Explanation | undefined): number | null {
  if (!e) return null;
  if (typeof e.score === 'number' && Number.isFinite(e.score)) return e.score;
  const sim = e.scores?.simulation;
  return typeof sim === 'number' && Number.isFinite(sim) ? sim : null;
}
