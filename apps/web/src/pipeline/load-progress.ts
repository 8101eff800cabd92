import type { LoadProgress } from '@explainable-ecco/activations/browser';

const MB = 1024 * 1024;

/** The line and fraction shown while a model's files arrive. */
export function describeLoad(progress: LoadProgress): { detail: string; fraction?: number } {
  const { status, file, loaded, total } = progress;
  if (status === 'ready') return { detail: 'Preparing the model', fraction: 1 };
  if (status === 'cached') return { detail: `${file} from the browser cache` };
  if (status === 'local') return { detail: `${file}` };
  const got = ((loaded ?? 0) / MB).toFixed(1);
  if (total && total > 0) {
    return {
      detail: `${file}: ${got} of ${(total / MB).toFixed(1)} MB`,
      fraction: Math.min(1, (loaded ?? 0) / total),
    };
  }
  return { detail: `${file}: ${got} MB` };
}
