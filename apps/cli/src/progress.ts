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
}

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR_WIDTH = 24;

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function createProgressReporter(
  stream: ProgressStream,
  options: { quiet?: boolean } = {},
): ProgressReporter {
  if (options.quiet) {
    const silent: ProgressStage = { update() {}, finish() {} };
    return { stage: () => silent, notice: () => {} };
  }
  const tty = stream.isTTY === true;
  return {
    notice(message) {
      stream.write(`${tty ? '\x1b[33m!\x1b[0m' : '!'} ${message}\n`);
    },
    stage(name, initialTotal) {
      const started = performance.now();
      let total = initialTotal;
      let lastPlainPercent = -1;
      let lastDraw = 0;
      let finished = false;
      if (!tty) stream.write(`… ${name}\n`);
      const draw = (done: number, detail = '') => {
        const width = Math.max(40, (stream.columns ?? 80) - 1);
        const fraction = total ? Math.min(1, done / total) : 0;
        const filled = Math.round(fraction * BAR_WIDTH);
        const bar = total
          ? `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${Math.round(fraction * 100)}%`
          : '';
        const line = `${name} ${bar} ${detail}`.slice(0, width);
        stream.write(`\r\x1b[2K${line}`);
      };
      return {
        update(done, newTotal, detail) {
          if (finished) return;
          if (newTotal !== undefined) total = newTotal;
          if (tty) {
            const now = performance.now();
            // Redrawing on every NMF iteration would cost more than the iteration itself.
            if (now - lastDraw < 50 && (!total || done < total)) return;
            lastDraw = now;
            draw(done, detail);
          } else if (total) {
            const percent = Math.floor((100 * done) / total / 25) * 25;
            if (percent > lastPlainPercent && percent < 100) {
              lastPlainPercent = percent;
              if (percent > 0)
                stream.write(`  ${name}: ${percent}%${detail ? ` (${detail})` : ''}\n`);
            }
          }
        },
        finish(detail) {
          if (finished) return;
          finished = true;
          const took = formatSeconds(performance.now() - started);
          const suffix = detail ? ` — ${detail}` : '';
          stream.write(
            tty
              ? `\r\x1b[2K\x1b[32m✓\x1b[0m ${name} (${took})${suffix}\n`
              : `✓ ${name} (${took})${suffix}\n`,
          );
        },
      };
    },
  };
}
