import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));
/** The Node entry and its threads are the only files allowed to touch Node built-ins. */
const nodeOnly = new Set(['node.ts', 'node-threads.ts']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('browser-safe core', () => {
  it('imports no Node built-in or onnxruntime-node outside the Node entry', () => {
    const imports = (f: string) =>
      ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
    const all = files(src).flatMap((f) =>
      imports(f).map((name) => `${relative(src, f)} → ${name}`),
    );
    // The scan sees imports at all (the Node entry's are allowed)…
    expect(all).toContain('node-threads.ts → node:worker_threads');
    // …and none elsewhere.
    const offenders = all.filter(
      (line) => !nodeOnly.has(line.split(' → ')[0]) && /→ (node:|onnxruntime-node$)/.test(line),
    );
    expect(offenders).toEqual([]);
  });
});
