/** The environment variable the openai provider reads its key from. */
export const API_KEY_ENV = 'OPENAI_API_KEY';

function env(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.[name];
  return value === '' ? undefined : value;
}

/**
 * Every secret a run may hold — the `apiKey` option and OPENAI_API_KEY from the environment —
 * for `redactSecrets` on anything that leaves a run: errors, warnings, events, results.
 */
export function runSecrets(options: { apiKey?: string } = {}): Array<string | undefined> {
  return [options.apiKey, env(API_KEY_ENV)];
}
