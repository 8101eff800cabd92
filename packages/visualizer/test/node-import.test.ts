import { describe, expect, it } from 'vitest';

describe('importing the package in Node', () => {
  it('loads the entry (for the CLI) without a DOM and exposes the report helper', async () => {
    const entry = await import('../src/index.js');
    expect(typeof entry.renderReportHtml).toBe('function');
    expect(typeof entry.EccoFactors).toBe('function');
    const report = await import('../src/report-html.js');
    expect(report.renderReportHtml).toBe(entry.renderReportHtml);
  });
});
