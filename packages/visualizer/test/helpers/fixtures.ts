import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const packageRoot = resolve(here, '../..');
export const artifactsDir = resolve(packageRoot, 'test-artifacts');
export const bundlePath = resolve(packageRoot, 'dist/ecco-factors.standalone.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

/**
 * The built standalone bundle: the tests run what ships. Fails with a hint when it is missing
 * or older than the sources (turbo builds it before `test`).
 */
export function readBundle(): string {
  let built: number;
  try {
    built = statSync(bundlePath).mtimeMs;
  } catch {
    throw new Error(
      `${bundlePath} is missing: build first (npx turbo run build --filter=@explainable-ecco/visualizer).`,
    );
  }
  if (newestMtime(resolve(packageRoot, 'src')) > built) {
    throw new Error(
      `${bundlePath} is older than src/: rebuild (npx turbo run build --filter=@explainable-ecco/visualizer).`,
    );
  }
  return readFileSync(bundlePath, 'utf8');
}

/** A page with the bundle inlined as a module (as the CLI report does), then `body`. */
export function pageWith(bundle: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ecco-factors test</title></head>
<body>${body}
<script type="module">${bundle}
${script}</script></body></html>`;
}
