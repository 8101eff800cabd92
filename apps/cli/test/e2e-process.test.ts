import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../src/main.js';
import { binPath } from './helpers.js';

const offline = { ...process.env, NO_COLOR: '1' } as NodeJS.ProcessEnv;
delete offline.OPENAI_API_KEY;
delete offline.OPENAI_BASE_URL;

function collect(): { text: () => string; stream: { write: (c: string) => boolean } } {
  let text = '';
  return {
    text: () => text,
    stream: {
      write: (c: string) => {
        text += c;
        return true;
      },
    },
  };
}

describe('ecco-explain as a process', () => {
  it('exits cleanly when the reader of stdout goes away (ecco-explain --json | head -1)', async () => {
    const child = spawn(
      process.execPath,
      [binPath, '1,2,3,4,5,6', '--components', '2', '--json', '--no-cache'],
      { env: offline, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Close the read end at once: every write to stdout fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(code, stderr).toBe(0);
  }, 60_000);

  it('says it is cancelling on the first Ctrl-C during model loading, and exits 130', async () => {
    const child = spawn(
      process.execPath,
      [binPath, '1,2,3,4,5,6', '--components', '2', '--no-cache'],
      {
        env: offline,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!signalled && stderr.includes('… load model')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(signalled).toBe(true);
    expect(stderr).toContain('ecco-explain: cancelling… (Ctrl-C again to quit)\n');
    expect(stderr).toMatch(/ecco-explain: .*was cancelled\.\n$/);
    expect(stderr).not.toMatch(/✓ text: NMF|\n\s+at /);
    expect(stdout).toBe('');
    expect(code, stderr).toBe(EXIT.cancelled);
  }, 60_000);

  it('stops waiting for stdin when cancelled', async () => {
    const stdin = new PassThrough(); // a terminal or a pipe that never ends
    const controller = new AbortController();
    const stdout = collect();
    const stderr = collect();
    const done = main(['--file', '-', '--quiet'], {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin,
      env: {},
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect(await done).toBe(EXIT.cancelled);
    expect(stderr.text()).toBe('ecco-explain: Reading stdin was cancelled.\n');
    expect(stdout.text()).toBe('');
  }, 10_000);
});
