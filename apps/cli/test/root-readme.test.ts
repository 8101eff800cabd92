import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cliRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = resolve(cliRoot, '../../README.md');
const HEADING = '## The whole pipeline in one example';

/** The first ```ts block under the heading (before the next ## heading). */
function pipelineExample(): string {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(`${HEADING}\n`);
  if (start < 0) throw new Error(`The root README has no "${HEADING}" section.`);
  const section = readme.slice(start + HEADING.length).split(/\n## /)[0]!;
  const block = /```ts\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error(`"${HEADING}" has no \`\`\`ts block.`);
  return block[1]!;
}

describe('the root README: the whole pipeline in one example', () => {
  // Inside apps/cli (in its git-ignored node_modules), so the example's imports resolve from
  // this package's dependencies.
  const dir = mkdtempSync(join(cliRoot, 'node_modules', '.readme-example-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs as written and prints one line per factor with its explanation', async () => {
    const file = join(dir, 'pipeline.mjs');
    writeFileSync(file, pipelineExample());
    const env: NodeJS.ProcessEnv = { ...process.env };
    // The heuristic explainer is named in the example; keep any configured LLM out of it.
    delete env.OPENAI_API_KEY;
    delete env.OPENAI_BASE_URL;
    const child = spawn(process.execPath, [file], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    // nComponents: 2 in the example.
    expect(lines, stdout).toHaveLength(2);
    lines.forEach((line, i) => {
      // console.log(e.factor, e.text, e.score): "<factor> <text> <score>"
      const match = /^(\d+) (.+) (-?\d+(\.\d+)?(e-?\d+)?|null|undefined)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(Number(match![1])).toBe(i);
      expect(match![2]!.trim().length).toBeGreaterThan(10);
    });
  }, 120_000);
});
