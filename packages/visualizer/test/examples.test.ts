import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from './helpers/fixtures.js';

describe('README example', () => {
  it('examples/report.mjs writes a self-contained report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecco-vis-example-'));
    try {
      const out = join(dir, 'report.html');
      const log = execFileSync(process.execPath, ['examples/report.mjs', out], {
        cwd: packageRoot,
        encoding: 'utf8',
      });
      expect(log).toMatch(/^wrote .*report\.html \(\d+ KiB\)/);
      const html = readFileSync(out, 'utf8');
      const page = html.slice(0, html.indexOf('<script type="module">'));
      expect(page.match(/<ecco-factors /g)).toHaveLength(1);
      expect(html).toContain('male pronouns: he, him, his, himself');
      expect(html).toContain('<script type="module">');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
