const PREFIX = 'explainable-ecco:api-key:';

/**
 * API keys in `sessionStorage` (this tab only, gone when it closes), one per endpoint: a key
 * typed for one server is never offered to another. Never localStorage, never a cookie.
 */
export class ApiKeyStore {
  constructor(private readonly storage: Storage | undefined) {}

  /** The key kept for an endpoint, or ''. */
  get(endpoint: string | undefined): string {
    if (!endpoint) return '';
    try {
      return this.storage?.getItem(PREFIX + endpoint) ?? '';
    } catch {
      return ''; // storage can be disabled; then keys live in the field only
    }
  }

  /** Keeps (or, for '', forgets) the key for an endpoint. */
  set(endpoint: string | undefined, key: string): void {
    if (!endpoint) return;
    try {
      if (key) this.storage?.setItem(PREFIX + endpoint, key);
      else this.storage?.removeItem(PREFIX + endpoint);
    } catch {
      // Quota or disabled storage: the key still works for this page's runs.
    }
  }
}

/** The tab's sessionStorage, or undefined where the browser refuses it. */
export function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
