/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EccoError } from '@explainable-ecco/core';

/** Where the standalone bundle (`dist/ecco-factors.standalone.js`) lies, as a file URL. */
export const standaloneBundleUrl: URL = new URL(
  '../dist/ecco-factors.standalone.js',
  import.meta.url,
);

/** Where the standalone bundle lies, as a file path. */
export const standaloneBundlePath: string = fileURLToPath(standaloneBundleUrl);

/**
 * The standalone bundle's source, to inline into a report with `renderReportHtml`.
 * @throws EccoError `INTERNAL` when the package was not built.
 */
export function readStandaloneBundle(): string {
  try {
    return readFileSync(standaloneBundleUrl, 'utf8');
  } catch (cause) {
    throw new EccoError(
      'INTERNAL',
      `The <ecco-factors> bundle is missing at ${standaloneBundlePath}.`,
      {
        hint: 'Build the package: npx turbo run build --filter=@explainable-ecco/visualizer (or reinstall it).',
        cause,
      },
    );
  }
}
