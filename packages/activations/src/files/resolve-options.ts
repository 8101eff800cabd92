import type { ProgressCallback } from './model-files.js';

/** Per-call overrides of `env` for finding and downloading a model. */
export interface ResolveOptions {
  /** Hub branch, tag or commit. Default 'main'. */
  revision?: string;
  /** Node: cache directory for downloads (overrides env.cacheDir). */
  cacheDir?: string;
  /** Never download; use the cache or a local directory only. */
  localFilesOnly?: boolean;
  /** Hub access token for private or gated models. Sent only as a header; never logged or cached. */
  accessToken?: string;
  /** The fetch to download with (proxies, tests). Default globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  onProgress?: ProgressCallback;
}

/** True for the Hugging Face hosts that may receive a token from the environment. */
export function isHuggingFaceHost(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'huggingface.co' || host === 'hf.co' || host.endsWith('.huggingface.co');
  } catch {
    return false;
  }
}
