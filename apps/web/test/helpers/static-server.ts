import {
  type StaticServer,
  type StaticServerOptions,
  serveStatic,
} from '@explainable-ecco/test-kit';
import { contentTypeOf } from '../../vite/content-type.js';
import { ISOLATION_HEADERS } from '../../vite/isolation-headers.js';

export type { StaticServer };

/**
 * Serves the built app from a directory on loopback, as any static host would, with the app's
 * own content types, recording every request. `isolated` (default) adds the app's COOP/COEP
 * headers, which make the page cross-origin isolated.
 */
export function serveDirectory(
  dir: string,
  options: { isolated?: boolean; delayMs?: StaticServerOptions['delayMs'] } = {},
): Promise<StaticServer> {
  const { isolated = true, delayMs } = options;
  return serveStatic(dir, {
    headers: isolated ? ISOLATION_HEADERS : {},
    contentType: contentTypeOf,
    ...(delayMs ? { delayMs } : {}),
  });
}
