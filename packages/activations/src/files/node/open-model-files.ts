import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { EccoError } from '@explainable-ecco/core';
import { env } from '../env.js';
import { isHubModelId, looksLikePath } from '../hub-id.js';
import type { ModelFiles } from '../model-files.js';
import { checkRemoteHost, isHuggingFaceHost, type ResolveOptions } from '../resolve-options.js';
import { HubCacheFiles } from './hub-cache.js';
import { LocalDirectoryFiles } from './local-directory.js';

async function kindOf(path: string): Promise<'dir' | 'file' | undefined> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** Default download cache: $ECCO_CACHE_DIR, else ~/.cache/explainable-ecco. */
export function defaultCacheDir(): string {
  return process.env.ECCO_CACHE_DIR || join(homedir(), '.cache', 'explainable-ecco');
}

/**
 * Node: a local directory in the Hub layout (used as is, never the network), or a Hub id
 * (env.localModelPath first, then the cache, then a download into the cache).
 */
export async function openModelFilesNode(
  idOrPath: string,
  options: ResolveOptions = {},
): Promise<ModelFiles> {
  if (typeof idOrPath !== 'string' || idOrPath.trim() === '') {
    throw new EccoError('INVALID_ARGUMENT', 'fromPretrained needs a model directory or Hub id.', {
      hint: 'Pass e.g. "./models/my-model" or "Xenova/gpt2".',
    });
  }
  const expanded = idOrPath.startsWith('~/') ? join(homedir(), idOrPath.slice(2)) : idOrPath;
  const kind = await kindOf(resolve(expanded));
  if (kind === 'dir') return new LocalDirectoryFiles(expanded, options.onProgress);
  if (kind === 'file') {
    throw new EccoError(
      'MODEL_NOT_FOUND',
      `${resolve(expanded)} is a file, not a model directory.`,
      {
        hint: 'Pass the directory that holds config.json and onnx/ (use modelFile to pick an .onnx file).',
      },
    );
  }
  if (looksLikePath(idOrPath) || !isHubModelId(idOrPath)) {
    throw new EccoError(
      'MODEL_NOT_FOUND',
      `No model directory at ${resolve(expanded)}, and "${idOrPath}" is not a Hub id.`,
      {
        hint: 'Check the path, or pass a Hub id such as "Xenova/gpt2".',
      },
    );
  }
  if (env.allowLocalModels && env.localModelPath) {
    const local = join(env.localModelPath, idOrPath);
    if ((await kindOf(local)) === 'dir') return new LocalDirectoryFiles(local, options.onProgress);
  }
  checkRemoteHost(env.remoteHost);
  const fromEnv = isHuggingFaceHost(env.remoteHost)
    ? process.env.HF_TOKEN || process.env.HF_ACCESS_TOKEN
    : undefined;
  return new HubCacheFiles({
    id: idOrPath,
    revision: options.revision ?? 'main',
    cacheDir: options.cacheDir ?? env.cacheDir ?? defaultCacheDir(),
    remoteHost: env.remoteHost,
    remotePathTemplate: env.remotePathTemplate,
    allowRemoteModels: env.allowRemoteModels && !options.localFilesOnly,
    useCache: env.useCache,
    fetch: options.fetch ?? globalThis.fetch,
    accessToken: options.accessToken ?? fromEnv,
    onProgress: options.onProgress,
  });
}
