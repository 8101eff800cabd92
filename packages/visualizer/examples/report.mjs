// Writes a self-contained HTML report of ecco's BERT factors, with two sample explanations.
// Run from packages/visualizer after building:  node examples/report.mjs [out.html]
import { readFileSync, writeFileSync } from 'node:fs';
import { readStandaloneBundle } from '@explainable-ecco/visualizer/node';
import { renderReportHtml } from '@explainable-ecco/visualizer/report';

const fixture = new URL(
  '../../../../shared/fixtures/ecco/bert-base-uncased-nmf8.json',
  import.meta.url,
);
const ecco = JSON.parse(readFileSync(fixture, 'utf8'));
const explanations = [
  { factor: 0, text: 'the word "the" and other determiners', provider: 'example', score: 0.61 },
  { factor: 2, text: 'male pronouns: he, him, his, himself', provider: 'example', score: 0.74 },
];
const html = renderReportHtml({
  title: 'bert-base-uncased: 8 NMF factors',
  description: 'Hover a factor to see where it fires; click to lock it.',
  bundleSource: readStandaloneBundle(),
  factorizations: [ecco],
  explanations,
});
const out = process.argv[2] ?? 'ecco-report.html';
writeFileSync(out, html);
console.log(`wrote ${out} (${(html.length / 1024).toFixed(0)} KiB)`);
