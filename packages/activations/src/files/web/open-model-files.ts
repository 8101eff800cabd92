import { EccoError } from '@explainable-ecco/core';
import { env } from '../env.js';
import { hubFileUrl, isHubModelId, joinUrl, looksLikePath } from '../hub-id.js';
import type { ModelFiles } from '../model-files.js';
import type { ResolveOptions } from '../resolve-options.js';
import { UrlFiles } from './url-files.js';

function absolute(url: string): string {
  const base = typeof location !== 'undefined' ? location.href : undefined;
  return new URL(url, base).href;
}

/** `files`, answering `file` from bytes already read (the probe above), so it is fetched once. */
function withReadAhead(files: ModelFiles, file: string, bytes: Uint8Array): ModelFiles {
  return {
    source: files.source,
    kind: files.kind,
    read: (name, options) => (name === file ? Promise.resolve(bytes) : files.read(name, options)),
  };
}

/**
 * Browser: a URL or path ('/models/demo', './m', 'https://…') is fetched as a model folder; a Hub
 * id is looked for under env.localModelPath first (when set and env.allowLocalModels), then
 * downloaded from env.remoteHost through the Cache API.
 */
export async function openModelFilesWeb(
  idOrUrl: string,
  options: ResolveOptions = {},
): Promise<ModelFiles> {
  if (typeof idOrUrl !== 'string' || idOrUrl.trim() === '') {
    throw new EccoError('INVALID_ARGUMENT', 'fromPretrained needs a model URL or Hub id.', {
      hint: 'Pass e.g. "/models/my-model" or "Xenova/gpt2".',
    });
  }
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  if (looksLikePath(idOrUrl) || !isHubModelId(idOrUrl)) {
    return new UrlFiles({
      baseUrl: absolute(idOrUrl),
      source: idOrUrl,
      kind: 'url',
      fetch: fetchFn,
      allowRemote: true,
      onProgress: options.onProgress,
    });
  }
  if (env.allowLocalModels && env.localModelPath) {
    const base = absolute(joinUrl(env.localModelPath, idOrUrl));
    const local = new UrlFiles({
      baseUrl: base,
      source: base,
      kind: 'url',
      fetch: fetchFn,
      allowRemote: true,
      onProgress: options.onProgress,
    });
    // Like transformers.js: a model folder there (it has config.json) wins over the Hub.
    const config = await local.read('config.json', { optional: true }).catch(() => undefined);
    if (config) return withReadAhead(local, 'config.json', config);
  }
  const revision = options.revision ?? 'main';
  return new UrlFiles({
    baseUrl: absolute(hubFileUrl(env.remoteHost, env.remotePathTemplate, idOrUrl, revision, '')),
    source: revision === 'main' ? idOrUrl : `${idOrUrl}@${revision}`,
    kind: 'hub',
    fetch: fetchFn,
    cacheName: env.useCache ? env.browserCacheName : undefined,
    allowRemote: env.allowRemoteModels && !options.localFilesOnly,
    accessToken: options.accessToken,
    onProgress: options.onProgress,
  });
}
