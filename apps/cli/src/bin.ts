#!/usr/bin/env node
import { redactSecrets } from '@explainable-ecco/core';
import { EXIT, main } from './main.js';
import { oneLine } from './terminal-text.js';

const secrets = [process.env.OPENAI_API_KEY];

/** The last resort for what main() did not catch: one line, no stack, a failing exit code. */
function crash(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `ecco-explain: unexpected error: ${oneLine(redactSecrets(message, secrets))} (set ECCO_DEBUG=1 for details)\n`,
  );
  if (process.env.ECCO_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${redactSecrets(error.stack, secrets)}\n`);
  process.exit(EXIT.failed);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// `ecco-explain --json | head -1`: the reader has gone, so there is no one left to tell.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  crash(error);
});
process.stderr.on('error', () => {});

const controller = new AbortController();
// First Ctrl-C cancels cleanly (no half-written files); a second one exits at once.
process.once('SIGINT', () => {
  process.stderr.write(
    `${process.stderr.isTTY ? '\r\x1b[2K' : ''}ecco-explain: cancelling… (Ctrl-C again to quit)\n`,
  );
  controller.abort();
  process.once('SIGINT', () => process.exit(EXIT.cancelled));
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: controller.signal,
});
// Model loading and inference may still run in native threads, and stdin may still be open:
// a cancelled run does not wait for them.
if (code === EXIT.cancelled) process.exit(code);
process.exitCode = code;
