import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build, type Metafile } from 'esbuild';

export interface BrowserBundleOptions {
  /** Also write the bundle to this file, for a page that loads it by URL. */
  outfile?: string;
  /** Imports left out of the bundle (`node:*`, an optional peer, …). */
  external?: string[];
  /** package.json export conditions to resolve with (esbuild's `conditions`). */
  conditions?: string[];
}

export interface BrowserBundle {
  /** The bundled ES module. */
  code: string;
  /** Every input file esbuild read, with its imports: what the bundle pulled in. */
  metafile: Metafile;
  /** The paths of those inputs (relative to the working directory, or `ns:path`). */
  inputs: string[];
}

/**
 * Bundles `entry` into one ES module as a browser loads it (esbuild, platform browser), so a
 * test can check what it pulled in and run it in Chromium.
 */
export async function bundleForBrowser(
  entry: string,
  options: BrowserBundleOptions = {},
): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...(options.outfile === undefined ? {} : { outfile: options.outfile }),
    ...(options.external === undefined ? {} : { external: options.external }),
    ...(options.conditions === undefined ? {} : { conditions: options.conditions }),
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js')) ?? result.outputFiles[0];
  if (!code) throw new Error(`esbuild wrote no JavaScript for ${entry}`);
  if (options.outfile !== undefined) {
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
    }
  }
  return {
    code: code.text,
    metafile: result.metafile,
    inputs: Object.keys(result.metafile.inputs),
  };
}
