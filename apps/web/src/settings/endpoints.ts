/** OpenAI's API, where the 'openai' choice sends requests. */
export const OPENAI_ENDPOINT = 'https://api.openai.com/v1';

/**
 * The http(s) URL a string names, normalised without a trailing slash; undefined when it is
 * not one. Credentials in the URL are refused: a key belongs in the key field, which is kept
 * only for this tab.
 */
export function normaliseEndpoint(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  url.hash = '';
  url.search = '';
  return url.href.replace(/\/+$/, '');
}
