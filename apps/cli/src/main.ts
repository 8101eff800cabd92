import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EccoError, isEccoError, redactSecrets } from '@explainable-ecco/core';
import { readStandaloneBundle } from '@explainable-ecco/visualizer/node';
import { renderReportHtml } from '@explainable-ecco/visualizer/report';
import { writeFileAtomic } from './atomic-write.js';
import { resolveJobs } from './inputs.js';
import { parseCliOptions, USAGE } from './options.js';
import { checkExplainerConfig, type PipelineRun, runPipeline } from './pipeline.js';
import { createProgressReporter, type ProgressReporter, type ProgressStream } from './progress.js';
import type { ResultFile } from './result.js';
import { renderTable } from './table.js';
import { oneLine } from './terminal-text.js';

export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Exit codes: 0 done, 1 failed, 2 bad usage, 130 cancelled. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

function resultFile(run: PipelineRun): ResultFile {
  return run.entries.length === 1 ? run.entries[0]! : run.entries;
}

/** All explanations failed: that is a failed run, reported by its first error. */
function throwIfNothingExplained(run: PipelineRun): void {
  const all = run.explanations.flat();
  if (all.length > 0 && all.every((e) => e.error)) {
    const first = all[0]!.error!;
    throw new EccoError(
      isEccoError({ name: 'EccoError', code: first.code })
        ? (first.code as EccoError['code'])
        : 'PROVIDER_ERROR',
      `No factor could be explained: ${first.message}`,
      {
        hint:
          first.code === 'PROVIDER_UNREACHABLE'
            ? 'Check that the server at --base-url is running and reachable, or use --explainer heuristic.'
            : undefined,
      },
    );
  }
}

async function writeOutputs(outDir: string, run: PipelineRun): Promise<void> {
  const report = renderReportHtml({
    title: 'ecco-explain report',
    description: `NMF factors of FFN activations and what each responds to (${run.entries
      .map((e) => e.source)
      .filter((s, i, a) => a.indexOf(s) === i)
      .join('; ')}).`,
    bundleSource: readStandaloneBundle(),
    factorizations: run.factorizations,
    explanations: run.explanations,
    headings: run.entries.map((e) => e.name),
  });
  await writeFileAtomic(
    join(outDir, 'result.json'),
    `${JSON.stringify(resultFile(run), null, 2)}\n`,
  );
  await writeFileAtomic(join(outDir, 'report.html'), report);
}

/** `ecco-explain` without process globals, so tests can drive it in-process. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const secrets = [io.env.OPENAI_API_KEY];
  let progress: ProgressReporter | undefined;
  try {
    const options = parseCliOptions(argv);
    if (options.help) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (options.version) {
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    checkExplainerConfig(options, io.env);
    progress = createProgressReporter(io.stderr, { quiet: options.quiet });
    const jobs = await resolveJobs(options, io.stdin, io.signal);
    const run = await runPipeline(options, jobs, progress, io.signal);
    progress.close();
    throwIfNothingExplained(run);

    const failed = run.explanations.flat().filter((e) => e.error).length;
    if (failed > 0)
      progress.notice(
        `${failed} factor explanation${failed === 1 ? '' : 's'} failed; see the error column.`,
      );
    if (options.outDir) {
      await writeOutputs(options.outDir, run);
      if (!options.quiet)
        io.stderr.write(
          `Wrote ${join(options.outDir, 'result.json')} and ${join(options.outDir, 'report.html')}\n`,
        );
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify(resultFile(run), null, 2)}\n`);
    } else {
      const width = io.stdout.columns ?? 100;
      io.stdout.write(`${run.entries.map((e) => renderTable(e, width)).join('\n\n')}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    progress?.close();
    const cancelled = isEccoError(error, 'ABORTED');
    const message = isEccoError(error)
      ? error.message
      : `unexpected error: ${(error as Error)?.message ?? String(error)} (set ECCO_DEBUG=1 for details)`;
    // One line, and nothing a remote server sent can drive the terminal.
    io.stderr.write(`ecco-explain: ${oneLine(redactSecrets(message, secrets))}\n`);
    if (io.env.ECCO_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${redactSecrets(error.stack, secrets)}\n`);
    if (cancelled) return EXIT.cancelled;
    return isEccoError(error, 'INVALID_OPTION') ? EXIT.usage : EXIT.failed;
  }
}
