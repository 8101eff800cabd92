import { EccoError } from '@explainable-ecco/core';
import { type CachedCompletion, type CacheStore, isCachedCompletion } from './cache-store.js';

const STORE = 'completions';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Answers kept in the browser's IndexedDB (database `explainable-ecco` by default). */
export class IndexedDbCacheStore implements CacheStore {
  readonly #dbName: string;
  #db: Promise<IDBDatabase> | undefined;

  constructor(dbName = 'explainable-ecco') {
    this.#dbName = dbName;
  }

  /** True where IndexedDB exists (browsers and workers). */
  static available(): boolean {
    return typeof globalThis.indexedDB !== 'undefined';
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!IndexedDbCacheStore.available()) {
        reject(
          new EccoError('CACHE_ERROR', 'IndexedDB is not available here.', {
            hint: 'Use MemoryCacheStore, or the Node entry point (disk cache) outside browsers.',
          }),
        );
        return;
      }
      const open = globalThis.indexedDB.open(this.#dbName, 1);
      open.onupgradeneeded = () => {
        if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () =>
        reject(
          new EccoError('CACHE_ERROR', 'Could not open the IndexedDB cache.', {
            cause: open.error,
          }),
        );
    });
    return this.#db;
  }

  async get(key: string): Promise<CachedCompletion | undefined> {
    try {
      const db = await this.#open();
      const value: unknown = await request(
        db.transaction(STORE, 'readonly').objectStore(STORE).get(key),
      );
      return isCachedCompletion(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: CachedCompletion): Promise<void> {
    try {
      const db = await this.#open();
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(value, key);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } catch (cause) {
      throw new EccoError('CACHE_ERROR', 'Could not write the IndexedDB cache.', {
        hint: 'The browser may be out of storage; pass cache: false to skip caching.',
        cause,
      });
    }
  }
}
