/**
 * True when a path names a file inside the model folder: relative, and without '..' segments, so
 * neither a model file (an external-data location) nor an option can reach outside the model's
 * directory, cache folder or URL prefix.
 */
export function staysInsideModel(path: string): boolean {
  if (typeof path !== 'string' || path === '') return false;
  // '/x', '\\x', 'C:x', 'C:\\x', '//host/x'.
  if (/^([\\/]|[A-Za-z]:)/.test(path)) return false;
  return !path.split(/[\\/]/).includes('..');
}
