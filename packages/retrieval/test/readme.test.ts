import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README', () => {
  it('runs the quick start as written', async () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Quick start'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = resolve(root, 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    const file = resolve(dir, 'readme-quick-start.ts');
    writeFileSync(file, code.replace("'@explainable-ecco/retrieval'", "'../src/index.js'"));
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.join(' '));
    });
    await import(file);
    const ranked = printed.filter((line) => /^\d+ hybrid /.test(line));
    expect(ranked).toHaveLength(3);
    expect(ranked[0]).toMatch(/closing-bracket/);
    expect(printed.at(-1)).toMatch(/^excerpt: print\(len\(rows⟪\)⟫⟪\)⟫/);
  });
});
