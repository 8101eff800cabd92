/** A model answer as the cache keeps it: what came back, never what was sent or the key. */
export interface CachedCompletion {
  content: string;
  usage?: { promptTokens: number; completionTokens: number };
  model?: string;
  /** ISO time the answer was received. */
  createdAt: string;
}

/**
 * Where answers are kept between runs, by content address (see `cacheKey`).
 * `get` resolves undefined for a miss or an unreadable entry; `set` may reject with
 * `CACHE_ERROR` (the explainer then keeps going without caching that answer).
 */
export interface CacheStore {
  get(key: string): Promise<CachedCompletion | undefined>;
  set(key: string, value: CachedCompletion): Promise<void>;
}

/** Keeps answers for the life of the object: the default where no persistent store exists. */
export class MemoryCacheStore implements CacheStore {
  readonly #entries = new Map<string, CachedCompletion>();

  async get(key: string): Promise<CachedCompletion | undefined> {
    return this.#entries.get(key);
  }

  async set(key: string, value: CachedCompletion): Promise<void> {
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** True when a stored value has the shape of a cached answer (files may be hand-edited). */
export function isCachedCompletion(value: unknown): value is CachedCompletion {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.content === 'string' && typeof v.createdAt === 'string';
}
