import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EccoError } from '@explainable-ecco/core';
import { httpGet, readBody } from '../http.js';
import { hubFileUrl } from '../hub-id.js';
import type { ModelFiles, ProgressCallback } from '../model-files.js';

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
    this.source = o.revision === 'main' ? o.id : `${o.id}@${o.revision}`;
  }

  /** Where a file of this model lives in the cache. */
  cachePath(file: string): string {
    return this.o.revision === 'main'
      ? join(this.o.cacheDir, this.o.id, file)
      : join(this.o.cacheDir, this.o.id, this.o.revision, file);
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
    await mkdir(dirname(path), { recursive: true });
    if (!response) {
      await writeFile(path + ABSENT_SUFFIX, '');
      return undefined;
    }
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
    const out = createWriteStream(temp);
    const written = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
    });
    try {
      await readBody(response, { file, source: this.source }, async (chunk, loaded, total) => {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        this.o.onProgress?.({ status: 'download', file, loaded, ...(total ? { total } : {}) });
      });
      out.end();
      await written;
      await rename(temp, path);
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      throw error;
    }
    return path;
  }

  async read(file: string, options: { optional?: boolean } = {}): Promise<Uint8Array | undefined> {
    const path = await this.ensure(file, options.optional ?? false);
    return path === undefined ? undefined : readFile(path);
  }

  async toDisk(file: string): Promise<string> {
    return (await this.ensure(file, false))!;
  }
}
