const REDACTED = '[redacted]';

/** Patterns of common API-key shapes, so a key leaks nowhere even when we were not told it. */
const KEY_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}\b/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{12,}/gi,
  /\bhf_[A-Za-z0-9]{20,}\b/g,
];

/**
 * Removes secrets from text that may reach logs, errors, reports or caches:
 * every given secret verbatim, and anything shaped like a known API key.
 */
export function redactSecrets(
  text: string,
  secrets: ReadonlyArray<string | undefined> = [],
): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary text; they are not real keys.
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of KEY_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}
