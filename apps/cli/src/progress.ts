import { terminalSafe } from './terminal-text.js';

/**
 * Progress on stderr: redrawn bars when stderr is a terminal, plain log lines otherwise
 * (CI logs, pipes), nothing with --quiet. stdout stays clean for --json.
 */
export interface ProgressStage {
  /** `done` of `total` units; `detail` replaces the stage's trailing text. */
  update(done: number, total?: number, detail?: string): void;
  finish(detail?: string): void;
}

export interface ProgressReporter {
  stage(name: string, total?: number): ProgressStage;
  /** A notice the user should see even without a bar (e.g. "components clamped to 17"). */
  notice(message: string): void;
  /**
   * Stops the spinner of a stage that did not finish and clears its half-drawn line, so an
   * error message starts on a clean line. Call it when the run ends, however it ends.
   */
  close(): void;
}

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR_WIDTH = 24;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** How often a running stage's spinner and elapsed time are redrawn on a terminal. */
export const SPINNER_INTERVAL_MS = 100;

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function createProgressReporter(
  stream: ProgressStream,
  options: { quiet?: boolean } = {},
): ProgressReporter {
  if (options.quiet) {
    const silent: ProgressStage = { update() {}, finish() {} };
    return { stage: () => silent, notice: () => {}, close: () => {} };
  }
  const tty = stream.isTTY === true;
  /** The line the running stage has drawn and not ended (TTY only). */
  let drawn = '';
  /** Stops the running stage's spinner (TTY only). */
  let stopActive: (() => void) | undefined;

  const drawLine = (text: string) => {
    stream.write(`\r\x1b[2K${text}`);
    drawn = text;
  };
  const endLine = (text: string) => {
    stream.write(`${drawn ? '\r\x1b[2K' : ''}${text}\n`);
    drawn = '';
  };

  return {
    notice(raw) {
      const message = terminalSafe(raw);
      if (!tty) {
        stream.write(`! ${message}\n`);
        return;
      }
      // Above the running stage's line, which is drawn again below it.
      const line = drawn;
      endLine(`\x1b[33m!\x1b[0m ${message}`);
      if (line) drawLine(line);
    },
    close() {
      stopActive?.();
      if (tty && drawn) {
        stream.write('\r\x1b[2K');
        drawn = '';
      }
    },
    stage(rawName, initialTotal) {
      const name = terminalSafe(rawName);
      const started = performance.now();
      let total = initialTotal;
      let done: number | undefined;
      let detail = '';
      let lastPlainPercent = -1;
      let lastDraw = 0;
      let frame = 0;
      let finished = false;
      let timer: ReturnType<typeof setInterval> | undefined;

      const draw = () => {
        const width = Math.max(40, (stream.columns ?? 80) - 1);
        const elapsed = formatSeconds(performance.now() - started);
        let line: string;
        if (total && done !== undefined) {
          const fraction = Math.min(1, done / total);
          const filled = Math.round(fraction * BAR_WIDTH);
          const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${Math.round(fraction * 100)}%`;
          line = `${name} ${bar} ${detail}`;
        } else {
          // Nothing countable yet (model load, inference, scoring): a spinner and the time.
          line = `${SPINNER[frame % SPINNER.length]} ${name} ${elapsed}${detail ? ` — ${detail}` : ''}`;
        }
        drawLine(line.slice(0, width));
        lastDraw = performance.now();
      };
      const stop = () => {
        if (timer !== undefined) clearInterval(timer);
        timer = undefined;
        if (stopActive === stop) stopActive = undefined;
      };

      if (tty) {
        // One stage runs at a time: one left unfinished stops spinning.
        stopActive?.();
        stopActive = stop;
        draw();
        timer = setInterval(() => {
          frame++;
          draw();
        }, SPINNER_INTERVAL_MS);
        // The spinner never keeps the process alive.
        (timer as { unref?: () => void }).unref?.();
      } else {
        stream.write(`… ${name}\n`);
      }
      return {
        update(newDone, newTotal, newDetail) {
          if (finished) return;
          if (newTotal !== undefined) total = newTotal;
          done = newDone;
          if (newDetail !== undefined) detail = terminalSafe(newDetail);
          if (tty) {
            const now = performance.now();
            // Redrawing on every NMF iteration would cost more than the iteration itself.
            if (now - lastDraw < 50 && (!total || newDone < total)) return;
            draw();
          } else if (total) {
            const percent = Math.floor((100 * newDone) / total / 25) * 25;
            if (percent > lastPlainPercent && percent < 100) {
              lastPlainPercent = percent;
              if (percent > 0)
                stream.write(`  ${name}: ${percent}%${detail ? ` (${detail})` : ''}\n`);
            }
          }
        },
        finish(rawDetail) {
          if (finished) return;
          finished = true;
          stop();
          const took = formatSeconds(performance.now() - started);
          const suffix = rawDetail ? ` — ${terminalSafe(rawDetail)}` : '';
          if (tty) endLine(`\x1b[32m✓\x1b[0m ${name} (${took})${suffix}`);
          else stream.write(`✓ ${name} (${took})${suffix}\n`);
        },
      };
    },
  };
}
