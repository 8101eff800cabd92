import { EccoError } from '@explainable-ecco/core';
import { concatChunks, httpGet, readBody } from '../http.js';
import { joinUrl } from '../hub-id.js';
import type { ModelFiles, ProgressCallback } from '../model-files.js';

export interface UrlFilesOptions {
  /** URL of the model root (a Hub resolve URL or a folder served by any web server). */
  baseUrl: string;
  source: string;
  kind: 'hub' | 'url';
  fetch: typeof globalThis.fetch;
  /** Cache API cache to read and fill; undefined: no caching. */
  cacheName?: string | undefined;
  /** false: only the cache may be used. */
  allowRemote: boolean;
  accessToken?: string | undefined;
  onProgress?: ProgressCallback | undefined;
}

async function openCache(name: string | undefined): Promise<Cache | undefined> {
  if (!name || typeof caches === 'undefined') return undefined;
  try {
    return await caches.open(name);
  } catch {
    return undefined; // e.g. opaque origins and some private modes have no Cache API
  }
}

/** Browser (and any fetch runtime): model files over HTTP, optionally through the Cache API. */
export class UrlFiles implements ModelFiles {
  readonly kind: 'hub' | 'url';
  readonly source: string;

  constructor(private readonly o: UrlFilesOptions) {
    this.kind = o.kind;
    this.source = o.source;
  }

  async read(file: string, options: { optional?: boolean } = {}): Promise<Uint8Array | undefined> {
    const url = joinUrl(this.o.baseUrl, file);
    const cache = await openCache(this.o.cacheName);
    const cached = await cache?.match(url);
    if (cached) {
      const bytes = new Uint8Array(await cached.arrayBuffer());
      this.o.onProgress?.({ status: 'cached', file, loaded: bytes.length, total: bytes.length });
      return bytes;
    }
    if (!this.o.allowRemote) {
      throw new EccoError(
        'MODEL_OFFLINE',
        `${file} of ${this.source} is not in the browser cache and remote downloads are disabled.`,
        {
          hint: 'Enable downloads (env.allowRemoteModels = true, localFilesOnly: false) and load the model once while online.',
          details: { file, source: this.source },
        },
      );
    }
    const headers: Record<string, string> = {};
    if (this.o.accessToken) headers.Authorization = `Bearer ${this.o.accessToken}`;
    const response = await httpGet({
      url,
      file,
      source: this.source,
      fetch: this.o.fetch,
      headers,
      secrets: this.o.accessToken ? [this.o.accessToken] : [],
      optional: options.optional ?? false,
      offlineHint:
        'Check the network connection and the URL (or env.remoteHost); files loaded once are kept in the browser cache.',
    });
    if (!response) return undefined;
    const chunks: Uint8Array[] = [];
    const length = await readBody(
      response,
      { file, source: this.source },
      (chunk, loaded, total) => {
        chunks.push(chunk);
        this.o.onProgress?.({ status: 'download', file, loaded, ...(total ? { total } : {}) });
      },
    );
    const bytes = concatChunks(chunks, length);
    if (cache) {
      await cache
        .put(
          url,
          new Response(bytes as Uint8Array<ArrayBuffer>, {
            headers: { 'content-type': 'application/octet-stream' },
          }),
        )
        .catch(() => undefined); // a full quota must not fail the load
    }
    return bytes;
  }
}
