import type { ChatProvider, ChatRequest } from '../providers/types.js';

const KEY_VERSION = 1;

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 (Web Crypto, so the same in Node and browsers) of a string, as hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return hex(digest);
}

/**
 * The content address of one request: provider, server, model, messages and every parameter
 * that changes the answer. Credentials are not part of it — the key must never reach the cache,
 * and answers do not depend on whose key paid for them.
 */
export function cacheKey(provider: ChatProvider, request: ChatRequest): Promise<string> {
  const canonical = JSON.stringify([
    KEY_VERSION,
    provider.id,
    provider.endpoint ?? null,
    provider.model,
    request.messages.map((m) => [m.role, m.content]),
    request.maxOutputTokens,
    request.temperature,
    request.responseSchema ?? null,
  ]);
  return sha256Hex(canonical);
}
