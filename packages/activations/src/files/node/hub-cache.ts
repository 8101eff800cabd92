import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { EccoError } from '@explainable-ecco/core';
import { httpGet, readBody } from '../http.js';
import { hubFileUrl } from '../hub-id.js';
import type { ModelFiles, ProgressCallback } from '../model-files.js';
import { staysInsideModel } from '../model-path.js';

export interface HubCacheOptions {
  id: string;
  revision: string;
  cacheDir: string;
  remoteHost: string;
  remotePathTemplate: string;
  allowRemoteModels: boolean;
  /** false: always download, overwriting what is cached. */
  useCache: boolean;
  fetch: typeof globalThis.fetch;
  /** Sent as a Bearer token; never logged. */
  accessToken?: string | undefined;
  onProgress?: ProgressCallback | undefined;
}

// An optional file the server does not have is remembered, so later loads need no request.
const ABSENT_SUFFIX = '.absent';

/** A file-system failure in the cache (read-only disk, a file where a folder belongs, …). */
function cacheError(what: string, path: string, cacheDir: string, cause: unknown): EccoError {
  const errno = (cause as { code?: unknown })?.code;
  const reason = typeof errno === 'string' ? ` (${errno})` : '';
  return new EccoError('CACHE_ERROR', `Could not ${what} ${path} in the model cache${reason}.`, {
    hint: `Make ${cacheDir} a writable directory, or choose another one (the cacheDir option, env.cacheDir or $ECCO_CACHE_DIR).`,
    details: { path, cacheDir, ...(typeof errno === 'string' ? { errno } : {}) },
    cause,
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Files of a Hub model, served from the file-system cache and downloaded into it on a miss.
 * Downloads go to a temporary file that is renamed into place when complete, so an interrupted
 * download never leaves a truncated file in the cache.
 */
export class HubCacheFiles implements ModelFiles {
  readonly kind = 'hub' as const;
  readonly source: string;

  constructor(private readonly o: HubCacheOptions) {
    // The revision becomes part of cache paths: '../..' would climb out of the cache.
    if (typeof o.revision !== 'string' || !staysInsideModel(o.revision)) {
      throw new EccoError('INVALID_ARGUMENT', `Invalid revision "${String(o.revision)}".`, {
        hint: 'Pass a branch, tag or commit of the repository (e.g. "main", "v1.0", a commit hash).',
        details: { revision: o.revision },
      });
    }
    this.source = o.revision === 'main' ? o.id : `${o.id}@${o.revision}`;
  }

  /** Where a file of this model lives in the cache; never outside the cache directory. */
  cachePath(file: string): string {
    const path =
      this.o.revision === 'main'
        ? join(this.o.cacheDir, this.o.id, file)
        : join(this.o.cacheDir, this.o.id, this.o.revision, file);
    if (!staysInsideModel(file) || !resolve(path).startsWith(resolve(this.o.cacheDir) + sep)) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `${file} of ${this.source} would be stored outside the cache (${this.o.cacheDir}).`,
        {
          hint: 'Model files are named relative to the model root, without ".." (e.g. "onnx/model.onnx").',
          details: { file, source: this.source },
        },
      );
    }
    return path;
  }

  private offlineHint(): string {
    return `Connect to the network (or fix env.remoteHost) and load it once; it is then cached in ${this.o.cacheDir} and works offline. Or pass a local directory in the Hub layout.`;
  }

  /** Downloads into the cache unless present; returns the path, or undefined for an absent optional file. */
  private async ensure(file: string, optional: boolean): Promise<string | undefined> {
    const path = this.cachePath(file);
    if (this.o.useCache) {
      if (await exists(path)) {
        const size = (await stat(path)).size;
        this.o.onProgress?.({ status: 'cached', file, loaded: size, total: size });
        return path;
      }
      if (optional && (await exists(path + ABSENT_SUFFIX))) return undefined;
    }
    if (!this.o.allowRemoteModels) {
      throw new EccoError(
        'MODEL_OFFLINE',
        `${file} of ${this.source} is not in the cache (${this.o.cacheDir}) and remote downloads are disabled.`,
        {
          hint: `Enable downloads (env.allowRemoteModels = true, localFilesOnly: false) and load the model once while online, or pass a local directory.`,
          details: { file, source: this.source },
        },
      );
    }
    const headers: Record<string, string> = {};
    if (this.o.accessToken) headers.Authorization = `Bearer ${this.o.accessToken}`;
    const url = hubFileUrl(
      this.o.remoteHost,
      this.o.remotePathTemplate,
      this.o.id,
      this.o.revision,
      file,
    );
    const response = await httpGet({
      url,
      file,
      source: this.source,
      fetch: this.o.fetch,
      headers,
      secrets: this.o.accessToken ? [this.o.accessToken] : [],
      optional,
      offlineHint: this.offlineHint(),
    });
    const fail = (what: string, at: string) => (cause: unknown) => {
      throw cacheError(what, at, this.o.cacheDir, cause);
    };
    try {
      await mkdir(dirname(path), { recursive: true }).catch(
        fail('create the folder', dirname(path)),
      );
      if (!response) {
        await writeFile(path + ABSENT_SUFFIX, '').catch(fail('write', path + ABSENT_SUFFIX));
        return undefined;
      }
    } catch (error) {
      await response?.body?.cancel().catch(() => undefined);
      throw error;
    }
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
    const out = createWriteStream(temp);
    const written = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
    });
    // Awaited below; an early failure (the file cannot be created) must not count as unhandled.
    written.catch(() => undefined);
    try {
      await readBody(response, { file, source: this.source }, async (chunk, loaded, total) => {
        if (!out.write(chunk)) {
          const drained = new Promise<void>((r) => out.once('drain', () => r()));
          await Promise.race([drained, written]).catch(fail('write', temp));
        }
        this.o.onProgress?.({ status: 'download', file, loaded, ...(total ? { total } : {}) });
      });
      out.end();
      await written.catch(fail('write', temp));
      await rename(temp, path).catch(fail('move the download to', path));
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    return path;
  }

  async read(file: string, options: { optional?: boolean } = {}): Promise<Uint8Array | undefined> {
    const path = await this.ensure(file, options.optional ?? false);
    if (path === undefined) return undefined;
    try {
      return await readFile(path);
    } catch (cause) {
      throw cacheError('read', path, this.o.cacheDir, cause);
    }
  }

  async toDisk(file: string): Promise<string> {
    return (await this.ensure(file, false))!;
  }
}
