import { describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../src/settings/api-key-store.js';

/** An in-memory Storage with the Web Storage API's semantics, standing in for sessionStorage. */
class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}

describe('ApiKeyStore', () => {
  it('keeps one key per endpoint, so no key reaches another server', () => {
    const storage = new MemoryStorage();
    const keys = new ApiKeyStore(storage);
    keys.set('https://api.openai.com/v1', 'sk-openai');
    keys.set('http://localhost:11434/v1', 'local');
    expect(keys.get('https://api.openai.com/v1')).toBe('sk-openai');
    expect(keys.get('http://localhost:11434/v1')).toBe('local');
    expect(keys.get('http://other:1/v1')).toBe('');
    expect(keys.get(undefined)).toBe('');
  });

  it('forgets a key set to empty and ignores keys without an endpoint', () => {
    const storage = new MemoryStorage();
    const keys = new ApiKeyStore(storage);
    keys.set('https://api.openai.com/v1', 'sk-openai');
    keys.set('https://api.openai.com/v1', '');
    keys.set(undefined, 'orphan');
    expect(storage.length).toBe(0);
  });

  it('works without storage, and when storage throws', () => {
    expect(new ApiKeyStore(undefined).get('https://x')).toBe('');
    const broken = new MemoryStorage();
    broken.getItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    broken.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const keys = new ApiKeyStore(broken);
    expect(() => keys.set('https://x', 'k')).not.toThrow();
    expect(keys.get('https://x')).toBe('');
  });
});
