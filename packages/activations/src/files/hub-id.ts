/**
 * A Hub model id: 'name' or 'owner/name' of word characters, '-', '.', without '--' or '..'
 * (the rule transformers.js applies before treating a string as an id).
 */
export function isHubModelId(value: string): boolean {
  return (
    /^([\w\-.]+\/)?[\w\-.]{1,96}$/.test(value) &&
    !value.includes('--') &&
    !value.includes('..') &&
    !value.startsWith('.') &&
    !value.startsWith('-')
  );
}

/** True for strings that can only be meant as a path or URL, never as a Hub id. */
export function looksLikePath(value: string): boolean {
  return (
    /^(\.{1,2}[\\/]|[\\/]|~|[A-Za-z]:[\\/]|https?:|file:|blob:)/.test(value) || value.includes('\\')
  );
}

function joinUrl(...parts: string[]): string {
  return parts
    .map((p, i) => (i === 0 ? p.replace(/\/+$/, '') : p.replace(/^\/+|\/+$/g, '')))
    .filter((p) => p !== '')
    .join('/');
}

/** The download URL of one file of a Hub model. */
export function hubFileUrl(
  remoteHost: string,
  pathTemplate: string,
  model: string,
  revision: string,
  file: string,
): string {
  const path = pathTemplate
    .replaceAll('{model}', model)
    .replaceAll('{revision}', encodeURIComponent(revision));
  return joinUrl(remoteHost, path, file);
}

export { joinUrl };
