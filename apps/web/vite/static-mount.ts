import { createReadStream, statSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { contentTypeOf } from './content-type.js';
import { ISOLATION_HEADERS } from './isolation-headers.js';

/** A directory of the file system that the app serves under a URL prefix. */
export interface StaticMount {
  /** Prefix under the app's base, with a trailing slash, e.g. `models/demo-gpt2/`. */
  urlPrefix: string;
  /** Absolute directory the files come from. */
  dir: string;
  /** Which files (paths relative to `dir`, `/`-separated) may be served and copied. */
  include: (file: string) => boolean;
}

/** The file a request maps to, or undefined when it is outside the mount or not included. */
export function mountedFile(mount: StaticMount, urlPath: string): string | undefined {
  if (!urlPath.startsWith(mount.urlPrefix)) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(urlPath.slice(mount.urlPrefix.length));
  } catch {
    return undefined;
  }
  const file = normalize(join(mount.dir, rest));
  // No escaping the directory with `..` or encoded separators.
  const inside = relative(mount.dir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  if (!mount.include(inside.split(sep).join('/'))) return undefined;
  return file;
}

type Next = (error?: unknown) => void;

/**
 * Connect middleware for Vite's dev and preview servers: serves the mounts' files, with the
 * isolation headers (Vite's `server.headers` do not reach middleware added before its own).
 */
export function mountMiddleware(mounts: readonly StaticMount[], base: string) {
  // A relative base ('./') is served from the server's root.
  const root = base.startsWith('/') ? base : '/';
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(root) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    const urlPath = path.slice(root.length);
    for (const mount of mounts) {
      const file = mountedFile(mount, urlPath);
      if (!file) continue;
      let size: number;
      try {
        const stat = statSync(file);
        if (!stat.isFile()) continue;
        size = stat.size;
      } catch {
        continue;
      }
      res.writeHead(200, {
        ...ISOLATION_HEADERS,
        'Content-Type': contentTypeOf(file),
        'Content-Length': String(size),
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      return;
    }
    next();
  };
}

/** Copies a mount's included files into `outDir/<urlPrefix>` (production builds). */
export async function copyMount(mount: StaticMount, outDir: string): Promise<void> {
  const target = join(outDir, mount.urlPrefix);
  await mkdir(target, { recursive: true });
  await cp(mount.dir, target, {
    recursive: true,
    filter: (source) => {
      const inside = relative(mount.dir, source).split(sep).join('/');
      if (inside === '') return true;
      try {
        if (statSync(source).isDirectory()) return true;
      } catch {
        return false;
      }
      return mount.include(inside);
    },
  });
}
