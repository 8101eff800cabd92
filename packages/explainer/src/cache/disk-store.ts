/// <reference types="node" />
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EccoError } from '@explainable-ecco/core';
import { type CachedCompletion, type CacheStore, isCachedCompletion } from './cache-store.js';

/**
 * The default cache folder: $ECCO_CACHE_DIR, else $XDG_CACHE_HOME/explainable-ecco/explanations,
 * else ~/.cache/explainable-ecco/explanations.
 */
export function defaultCacheDir(): string {
  if (process.env.ECCO_CACHE_DIR) return process.env.ECCO_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'explainable-ecco', 'explanations');
}

/** One JSON file per answer under `dir/<first two hex digits>/<key>.json` (Node only). */
export class DiskCacheStore implements CacheStore {
  readonly dir: string;

  constructor(dir: string = defaultCacheDir()) {
    this.dir = dir;
  }

  #path(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) {
      throw new EccoError('CACHE_ERROR', 'Cache keys are SHA-256 hex digests.', {
        details: { key },
      });
    }
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CachedCompletion | undefined> {
    try {
      const value: unknown = JSON.parse(await readFile(this.#path(key), 'utf8'));
      return isCachedCompletion(value) ? value : undefined;
    } catch {
      return undefined; // a miss, or an unreadable entry that the next answer overwrites
    }
  }

  async set(key: string, value: CachedCompletion): Promise<void> {
    const path = this.#path(key);
    // Write then rename, so a crash or a parallel run never leaves half a file.
    const tmp = `${path}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
      await writeFile(tmp, JSON.stringify(value));
      await rename(tmp, path);
    } catch (cause) {
      throw new EccoError('CACHE_ERROR', `Could not write the explanation cache in ${this.dir}.`, {
        hint: 'Check that the folder is writable, pass another cacheDir, or cache: false.',
        cause,
      });
    }
  }
}
