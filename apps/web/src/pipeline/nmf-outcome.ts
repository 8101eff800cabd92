import type { FactorizationSource } from '@explainable-ecco/core';

/**
 * How the NMF solve ended, from the factorization's source: "Converged after 37 iterations", or
 * "Stopped after 500 iterations (the limit)" when it ran out of iterations.
 */
export function nmfOutcome(source: FactorizationSource | undefined): string {
  const n = typeof source?.nIter === 'number' ? source.nIter : undefined;
  if (n === undefined) return 'Done';
  const iterations = `${n} iteration${n === 1 ? '' : 's'}`;
  return source?.converged === false
    ? `Stopped after ${iterations} (the limit)`
    : `Converged after ${iterations}`;
}
