import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { isOrtRuntimeFile, ortFilesReferenced } from './ort-files.js';
import { copyMount, mountMiddleware, type StaticMount } from './static-mount.js';

export interface EccoAssetsOptions {
  /** onnxruntime-web's dist/ directory (see `ortDistDir`). */
  ortDir: string;
  /** The bundled demo model's directory (Hub layout). */
  demoModelDir: string;
}

/** Where the app serves onnxruntime-web's runtime files, under its base. */
export const ORT_PREFIX = 'ort/';
/** Where the app serves the bundled demo model, under its base. */
export const DEMO_MODEL_PREFIX = 'models/demo-gpt2/';

const MODEL_FILE = /^(?:[\w.-]+\.json|README\.md|onnx\/[\w.-]+\.onnx(?:_data)?)$/;

/**
 * Serves onnxruntime-web's .wasm/.mjs files and the demo model from their packages in dev and
 * preview, and copies them into the build — so the app needs no CDN and nothing is duplicated
 * into git. Only the runtime files the bundle refers to are copied.
 */
export function eccoAssets(options: EccoAssetsOptions): Plugin {
  const model: StaticMount = {
    urlPrefix: DEMO_MODEL_PREFIX,
    dir: options.demoModelDir,
    include: (file) => MODEL_FILE.test(file),
  };
  const ort: StaticMount = {
    urlPrefix: ORT_PREFIX,
    dir: options.ortDir,
    include: isOrtRuntimeFile,
  };
  let config: ResolvedConfig;
  const chunkCode: string[] = [];
  return {
    name: 'ecco-assets',
    configResolved(resolved) {
      config = resolved;
      if (!existsSync(join(options.demoModelDir, 'config.json'))) {
        const message = `ecco-assets: the demo model is missing (no config.json in ${options.demoModelDir}). The page's default model will not load; install @explainable-ecco/demo-model with its model/ files (or rebuild them: /usr/bin/python3 tools/models/build_all.py).`;
        if (resolved.command === 'build') throw new Error(message);
        resolved.logger.warn(message);
      }
    },
    configureServer(server) {
      server.middlewares.use(mountMiddleware([model, ort], config.base));
    },
    configurePreviewServer(server) {
      server.middlewares.use(mountMiddleware([model, ort], config.base));
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') chunkCode.push(output.code);
        // Worker bundles arrive as assets of the page's bundle.
        else if (output.fileName.endsWith('.js')) chunkCode.push(String(output.source));
      }
    },
    async closeBundle() {
      if (config.command !== 'build' || chunkCode.length === 0) return;
      const outDir = resolve(config.root, config.build.outDir);
      await copyMount(model, outDir);
      const files = ortFilesReferenced(chunkCode);
      if (files.length === 0) {
        throw new Error(
          'ecco-assets: the bundle refers to no onnxruntime-web loader (ort-wasm-simd-threaded*.mjs); cannot tell which .wasm files to copy.',
        );
      }
      await mkdir(join(outDir, ORT_PREFIX), { recursive: true });
      for (const file of files) {
        await copyFile(join(options.ortDir, file), join(outDir, ORT_PREFIX, file));
      }
    },
  };
}
