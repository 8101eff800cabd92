import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from './helpers/build-app.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app built by `vite build` for this test run. */
    distDir: string;
  }
}

/** Builds the app once into a temporary directory and hands its path to the test files. */
export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'ecco-web-dist-'));
  await buildApp(outDir);
  project.provide('distDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
