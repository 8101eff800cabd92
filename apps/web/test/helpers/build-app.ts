import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The app's directory (apps/web). */
export const appRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `vite build` of the app with its own config, into `outDir`. */
export async function buildApp(outDir: string): Promise<void> {
  await build({
    root: appRoot,
    configFile: join(appRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}
