import type { Explanation } from '@explainable-ecco/core';
import { renderReportHtml } from '@explainable-ecco/visualizer';
import type { FactorsPayload } from '../pipeline/protocol.js';

/**
 * A self-contained HTML report of a run: `<ecco-factors>` with the data, explanations and the
 * component's standalone bundle inlined, so it opens offline with no request.
 * The bundle (~55 KiB) is fetched from the app only when a report is asked for.
 */
export async function buildReport(options: {
  title: string;
  description: string;
  heading: string;
  factorization: FactorsPayload;
  explanations: readonly Explanation[];
}): Promise<string> {
  const { default: bundleSource } = await import('@explainable-ecco/visualizer/standalone.js?raw');
  return renderReportHtml({
    title: options.title,
    description: options.description,
    bundleSource,
    factorizations: [options.factorization],
    explanations: [options.explanations],
    headings: [options.heading],
  });
}
