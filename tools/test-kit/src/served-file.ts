import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The regular file at `path` inside `root`, or undefined when there is none or `path` would
 * leave `root` (`..`, absolute paths): a test server must not serve the rest of the disk.
 */
export function fileUnder(root: string, path: string): string | undefined {
  const file = resolve(root, `.${sep}${path}`);
  const inside = relative(root, file);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Answers 200 with `file`'s bytes and length, plus `headers`. */
export function sendFile(
  res: ServerResponse,
  file: string,
  headers: Readonly<Record<string, string>>,
): void {
  res.writeHead(200, { ...headers, 'Content-Length': String(statSync(file).size) });
  createReadStream(file).pipe(res);
}
