import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoModelPath } from '@explainable-ecco/demo-model';
import { defaultClientConditions, defineConfig } from 'vite';
import { eccoAssets } from './vite/ecco-assets-plugin.js';
import { ISOLATION_HEADERS } from './vite/isolation-headers.js';
import { ortDistDir } from './vite/package-dir.js';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  // Relative, so the built app works from any folder of any static host.
  base: './',
  resolve: {
    // onnxruntime-web's "extern wasm" builds load the .wasm we serve from ort/ instead of
    // making Vite copy a second 27 MB copy next to the bundle.
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The worker carries onnxruntime-web and the tokenizers: large by nature, loaded once.
    chunkSizeWarningLimit: 4096,
  },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  plugins: [eccoAssets({ ortDir: ortDistDir(root), demoModelDir: demoModelPath })],
});
