import { EccoError } from '@explainable-ecco/core';
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

/** Checks that a remote host is an absolute http(s) URL, before any file URL is built from it. */
export function checkRemoteHost(remoteHost: unknown): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(String(remoteHost)).protocol;
  } catch {
    protocol = undefined;
  }
  if (typeof remoteHost !== 'string' || (protocol !== 'http:' && protocol !== 'https:')) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `env.remoteHost "${String(remoteHost)}" is not an absolute http(s) URL.`,
      {
        hint: 'Set env.remoteHost to a URL with its scheme, e.g. "https://huggingface.co/" (the default) or "http://127.0.0.1:8080/".',
        details: { remoteHost },
      },
    );
  }
}
