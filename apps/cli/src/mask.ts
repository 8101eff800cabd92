import { EccoError } from '@explainable-ecco/core';
import type { ExplainOptions } from '@explainable-ecco/explainer';
import type { CliOptions } from './options.js';

export const MASK_STRATEGIES = ['absolute', 'relative', 'quantile', 'top-k', 'auto'] as const;

function invalid(message: string, hint: string): never {
  throw new EccoError('INVALID_OPTION', message, { hint });
}

/**
 * Maps --mask/--threshold onto the explainer's mask strategies, or fails with INVALID_OPTION.
 * Option parsing calls it, so a bad pair fails before any model is loaded.
 */
export function maskFromOptions(
  options: Pick<CliOptions, 'mask' | 'threshold'>,
): ExplainOptions['mask'] {
  const x = options.threshold;
  switch (options.mask ?? 'absolute') {
    case 'absolute':
      return { kind: 'absolute', threshold: x ?? 0.01 };
    case 'relative':
      if (x !== undefined && x > 1)
        invalid(
          `--threshold ${x} is out of range for --mask relative: it is a fraction of the maximum, 0–1.`,
          'For example --mask relative --threshold 0.2.',
        );
      return x === undefined ? { kind: 'relative' } : { kind: 'relative', fraction: x };
    case 'quantile':
      if (x !== undefined && x > 1)
        invalid(
          `--threshold ${x} is out of range for --mask quantile: it is a quantile, 0–1.`,
          'For example --mask quantile --threshold 0.9.',
        );
      return x === undefined ? { kind: 'quantile' } : { kind: 'quantile', q: x };
    case 'top-k':
      if (x !== undefined && (!Number.isInteger(x) || x < 1))
        invalid(
          `--threshold ${x} is not valid for --mask top-k: it is a whole number of tokens, at least 1.`,
          'For example --mask top-k --threshold 10.',
        );
      return x === undefined ? { kind: 'top-k' } : { kind: 'top-k', k: x };
    case 'auto':
      if (x !== undefined)
        invalid(
          '--threshold does not apply to --mask auto (it finds the threshold in the data).',
          'Drop --threshold, or pick --mask absolute, relative, quantile or top-k.',
        );
      return { kind: 'auto' };
    default:
      return invalid(
        `Unknown mask strategy "${options.mask}".`,
        `Use --mask ${MASK_STRATEGIES.join(', ').replace(/, (?=[^,]*$)/, ' or ')}.`,
      );
  }
}
