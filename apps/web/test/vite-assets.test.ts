import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoModelPath } from '@explainable-ecco/demo-model';
import { createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isOrtRuntimeFile, ortFilesReferenced } from '../vite/ort-files.js';
import { ortDistDir } from '../vite/package-dir.js';
import { copyMount, mountedFile, type StaticMount } from '../vite/static-mount.js';
import { appRoot } from './helpers/build-app.js';

const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

describe('onnxruntime-web files', () => {
  it('finds the loaders a bundle refers to, with their .wasm', () => {
    const code = ['x="ort-wasm-simd-threaded.asyncify.mjs"', 'y=1', "'ort-wasm-simd-threaded.mjs'"];
    expect(ortFilesReferenced(code)).toEqual([
      'ort-wasm-simd-threaded.asyncify.mjs',
      'ort-wasm-simd-threaded.asyncify.wasm',
      'ort-wasm-simd-threaded.mjs',
      'ort-wasm-simd-threaded.wasm',
    ]);
    expect(ortFilesReferenced(['nothing here'])).toEqual([]);
  });

  it('serves only runtime files from the dist folder', () => {
    expect(isOrtRuntimeFile('ort-wasm-simd-threaded.jsep.wasm')).toBe(true);
    expect(isOrtRuntimeFile('ort.min.js')).toBe(false);
    expect(isOrtRuntimeFile('../package.json')).toBe(false);
  });

  it('are the copy the activations package imports', () => {
    const files = readdirSync(ortDistDir(appRoot));
    expect(files).toContain('ort-wasm-simd-threaded.asyncify.wasm');
  });
});

describe('static mounts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecco-mount-'));
  mkdirSync(join(dir, 'onnx'));
  writeFileSync(join(dir, 'config.json'), '{}');
  writeFileSync(join(dir, 'onnx/model.onnx'), 'x');
  writeFileSync(join(dir, 'secret.txt'), 'no');
  const mount: StaticMount = {
    urlPrefix: 'models/m/',
    dir,
    include: (f) => f === 'config.json' || f.startsWith('onnx/'),
  };

  it('maps URLs inside the mount and refuses escapes and excluded files', () => {
    expect(mountedFile(mount, 'models/m/config.json')).toBe(join(dir, 'config.json'));
    expect(mountedFile(mount, 'models/m/onnx/model.onnx')).toBe(join(dir, 'onnx/model.onnx'));
    expect(mountedFile(mount, 'models/m/secret.txt')).toBeUndefined();
    expect(mountedFile(mount, 'models/m/../m/config.json')).toBeUndefined();
    expect(mountedFile(mount, 'models/m/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(mountedFile(mount, 'models/m/%E0%A4%A')).toBeUndefined();
    expect(mountedFile(mount, 'other/config.json')).toBeUndefined();
  });

  it('copies only included files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ecco-out-'));
    await copyMount(mount, out);
    expect(readdirSync(join(out, 'models/m')).sort()).toEqual(['config.json', 'onnx']);
    expect(readdirSync(join(out, 'models/m/onnx'))).toEqual(['model.onnx']);
  });
});

describe('vite dev server', () => {
  let server: Awaited<ReturnType<typeof createServer>>;
  let base: string;

  beforeAll(async () => {
    server = await createServer({
      root: appRoot,
      configFile: join(appRoot, 'vite.config.ts'),
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
    });
    await server.listen();
    base = server.resolvedUrls!.local[0]!;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves the page cross-origin isolated', async () => {
    const response = await fetch(base);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<ecco-factors');
    for (const [name, value] of Object.entries(ISOLATION)) {
      expect(response.headers.get(name)).toBe(value);
    }
  });

  it('serves the demo model and onnxruntime-web wasm from their packages', async () => {
    const config = await fetch(new URL('models/demo-gpt2/config.json', base));
    expect(config.headers.get('content-type')).toMatch(/application\/json/);
    expect(await config.json()).toEqual(
      JSON.parse(readFileSync(join(demoModelPath, 'config.json'), 'utf8')),
    );
    expect(config.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const wasm = await fetch(new URL('ort/ort-wasm-simd-threaded.asyncify.wasm', base), {
      method: 'HEAD',
    });
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
  });

  it('does not serve files outside the mounts', async () => {
    const response = await fetch(new URL('ort/ort.node.min.mjs', base));
    expect(await response.text()).not.toContain('onnxruntime');
  });
});

describe('vite preview of the build', () => {
  it('serves the built app, model and wasm with the isolation headers', async () => {
    const server = await preview({
      root: appRoot,
      configFile: join(appRoot, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: inject('distDir') },
      preview: { port: 0, host: '127.0.0.1' },
    });
    try {
      const base = server.resolvedUrls!.local[0]!;
      for (const path of [
        '',
        'models/demo-gpt2/onnx/model.onnx',
        'ort/ort-wasm-simd-threaded.asyncify.wasm',
      ]) {
        const response = await fetch(new URL(path, base), { method: 'HEAD' });
        expect(response.status, path).toBe(200);
        expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
        expect(response.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp');
      }
    } finally {
      await server.close();
    }
  });
});
