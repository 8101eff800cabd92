import {
  EccoError,
  type Explanation,
  type Factorization,
  type FactorizationInput,
  redactSecrets,
  toFactorization,
} from '@explainable-ecco/core';
import { escapeHtml, jsonForScript, scriptSafe } from './html-escape.js';

/** Options of {@link renderReportHtml}. */
export interface ReportHtmlOptions {
  /** Page title, also the main heading. */
  title: string;
  /**
   * The standalone bundle's source (`@explainable-ecco/visualizer/standalone`, i.e.
   * `dist/ecco-factors.standalone.js`), inlined so the page needs no network.
   */
  bundleSource: string;
  /** One explorer per entry: core Factorizations or ecco printJson data. */
  factorizations: ReadonlyArray<FactorizationInput>;
  /**
   * Explanations for each factorization, in the same order. With a single factorization a
   * flat `Explanation[]` is accepted too.
   */
  explanations?:
    | ReadonlyArray<ReadonlyArray<Explanation> | null | undefined>
    | ReadonlyArray<Explanation>;
  /** A heading per factorization (default: "Text 1", "Text 2", … plus the model when known). */
  headings?: ReadonlyArray<string>;
  /** A paragraph under the title. */
  description?: string;
  /** Page language (BCP 47), default "en". */
  lang?: string;
}

function isExplanationList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((e) => e === null || (typeof e === 'object' && !Array.isArray(e)))
  );
}

/** Explanations per view, whichever of the two accepted shapes came in. */
function explanationsPerView(
  explanations: ReportHtmlOptions['explanations'],
  views: number,
): Array<ReadonlyArray<Explanation> | undefined> {
  if (!explanations) return new Array(views).fill(undefined);
  if (!Array.isArray(explanations)) {
    throw new EccoError('INVALID_ARGUMENT', '`explanations` must be an array.', {
      hint: 'Pass one Explanation[] per factorization (or a flat Explanation[] for a single one).',
    });
  }
  const flat =
    explanations.length > 0 &&
    explanations.every((e) => !Array.isArray(e) && e !== null && e !== undefined);
  if (flat) {
    if (views !== 1) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `A flat explanations list is ambiguous with ${views} factorizations.`,
        { hint: 'Pass one Explanation[] per factorization, in the same order.' },
      );
    }
    return [explanations as ReadonlyArray<Explanation>];
  }
  return Array.from({ length: views }, (_, i) => {
    const list = explanations[i];
    if (list === null || list === undefined) return undefined;
    if (!isExplanationList(list)) {
      throw new EccoError('INVALID_ARGUMENT', `explanations[${i}] is not a list of explanations.`, {
        hint: 'Each entry must be the Explanation[] for the factorization at the same index.',
      });
    }
    return list as ReadonlyArray<Explanation>;
  });
}

/** What the page embeds of a factorization: what the explorer draws, no neuron loadings. */
function slimFactorization(f: Factorization): Partial<Factorization> {
  const out: Partial<Factorization> = {
    tokens: f.tokens.map((t) => ({ ...t })),
    factors: f.factors.map((row) => Array.from(row)),
  };
  if (f.tokenizerFamily) out.tokenizerFamily = f.tokenizerFamily;
  if (f.layers) out.layers = [...f.layers];
  if (f.layerShare) out.layerShare = f.layerShare.map((row) => Array.from(row));
  if (f.source) out.source = { ...f.source };
  return out;
}

/** What the page embeds of an explanation: what the explorer shows, secrets redacted. */
function slimExplanation(e: Explanation): Partial<Explanation> {
  const out: Partial<Explanation> = {
    factor: e.factor,
    text: redactSecrets(String(e.text ?? '')),
    provider: e.provider,
  };
  if (e.model !== undefined) out.model = e.model;
  if (e.score !== undefined) out.score = e.score;
  if (e.scores !== undefined) out.scores = e.scores;
  if (e.error) out.error = { code: e.error.code, message: redactSecrets(e.error.message) };
  return out;
}

function defaultHeading(f: Factorization, i: number): string {
  const model = typeof f.source?.model === 'string' ? ` — ${f.source.model}` : '';
  return `Text ${i + 1}${model}`;
}

const PAGE_STYLE = `
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{margin:0;background:#fff;color:#1a1a1a}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .75rem}
.description{margin:0 0 1rem;color:#474747}
footer{margin:2.5rem 0 1rem;font-size:.85rem;color:#595959}
@media (prefers-color-scheme:dark){body{background:#1b1b1f;color:#ececec}.description,footer{color:#b4b4b4}}
`;

/**
 * A self-contained HTML report: every factorization as an `<ecco-factors>` with its
 * explanations, the component bundle and the data inlined, no request to any network (the
 * page's Content-Security-Policy forbids them). Data travels as JSON in
 * `<script type="application/json">`, escaped so no token text can end the script or run.
 * Works in Node and browsers (no Node APIs).
 *
 * @throws EccoError `INVALID_ARGUMENT` for missing options, `INVALID_FACTORIZATION` or
 *   `INVALID_ECCO_JSON` for unusable data.
 */
export function renderReportHtml(options: ReportHtmlOptions): string {
  if (!options || typeof options !== 'object') {
    throw new EccoError('INVALID_ARGUMENT', 'renderReportHtml needs an options object.', {
      hint: 'Call renderReportHtml({ title, bundleSource, factorizations, explanations }).',
    });
  }
  const { title, bundleSource, factorizations } = options;
  if (typeof bundleSource !== 'string' || !bundleSource.includes('ecco-factors')) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      '`bundleSource` must be the text of the <ecco-factors> standalone bundle.',
      {
        hint: "Read it with readStandaloneBundle() from '@explainable-ecco/visualizer/node', or import '@explainable-ecco/visualizer/standalone?raw' in Vite.",
      },
    );
  }
  if (!Array.isArray(factorizations) || factorizations.length === 0) {
    throw new EccoError('INVALID_ARGUMENT', '`factorizations` must be a non-empty array.', {
      hint: 'Pass at least one Factorization (or ecco printJson data) to show.',
    });
  }
  const perView = explanationsPerView(options.explanations, factorizations.length);
  const pageTitle = String(title ?? '').trim() || 'Factor explanations';
  const sections = factorizations.map((input, i) => {
    const f = toFactorization(input);
    const heading = options.headings?.[i] ?? defaultHeading(f, i);
    const payload = {
      data: slimFactorization(f),
      explanations: perView[i]?.map((e) => (e ? slimExplanation(e) : null)) ?? [],
    };
    return `<section aria-labelledby="view-${i}">
<h2 id="view-${i}">${escapeHtml(heading)}</h2>
<ecco-factors label="${escapeHtml(heading)}"><script type="application/json">${jsonForScript(payload)}</script></ecco-factors>
</section>`;
  });
  const description = options.description
    ? `<p class="description">${escapeHtml(options.description)}</p>\n`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="explainable-ecco">
<title>${escapeHtml(pageTitle)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(pageTitle)}</h1>
${description}${sections.join('\n')}
<footer>Made with explainable-ecco. This file is self-contained and works offline.</footer>
</main>
<script type="module">
${scriptSafe(bundleSource)}
</script>
</body>
</html>
`;
}
