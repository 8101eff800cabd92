import { runInNewContext } from 'node:vm';
import { makeTokens } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { breaksOutOfScript, escapeHtml, jsonForScript, scriptSafe } from '../src/html-escape.js';
import { readStandaloneBundle, standaloneBundlePath } from '../src/node.js';
import { renderReportHtml } from '../src/report-html.js';
import { expectedFromFixture } from './helpers/expected.js';

const fx = expectedFromFixture();
const bundleSource = 'customElements.define("ecco-factors", class extends HTMLElement {});';

/** The JSON payloads of the report, parsed back. */
function payloads(html: string): Array<{
  data: { tokens: Array<{ text: string }>; factors: number[][] };
  explanations: Array<Record<string, unknown>>;
}> {
  return [...html.matchAll(/<script type="application\/json">([\s\S]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1]!),
  );
}

describe('escaping', () => {
  it('keeps JSON equal while no value can end the script', () => {
    const value = { t: '</script><script>alert(1)</script>', c: '<!-- & -->', l: '\u2028' };
    const text = jsonForScript(value);
    expect(breaksOutOfScript(text)).toBe(false);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('rewrites </script and <!-- in JavaScript without changing what it means', () => {
    const source = `var a = "</script>", b = '<!--', c = \`</SCRIPT \${1}\`, d = /<\\/script/.test("</script>"); // </script>
result = [a, b, c, d];`;
    const safe = scriptSafe(source);
    expect(breaksOutOfScript(safe)).toBe(false);
    const ctx: { result?: unknown[] } = {};
    runInNewContext(source, ctx);
    const original = ctx.result;
    runInNewContext(safe, ctx);
    expect(ctx.result).toEqual(original);
    expect(original).toEqual(['</script>', '<!--', '</SCRIPT 1', true]);
  });

  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

describe('renderReportHtml', () => {
  it('inlines the bundle and each factorization with its explanations', () => {
    const explanations = fx.factors.map((_, i) => ({
      factor: i,
      text: `pattern ${i}`,
      provider: 'openai',
      model: 'gpt-test',
      score: 0.5,
      record: { tokens: [{ text: 'x', value: 10 }] },
      usage: { promptTokens: 10, completionTokens: 2 },
    }));
    const html = renderReportHtml({
      title: 'T',
      bundleSource,
      factorizations: [fx.raw],
      explanations,
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<script type="module">\n${bundleSource}\n</script>`);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/\b(src|href)=/); // nothing to fetch
    const [view] = payloads(html);
    expect(view!.data.tokens.length).toBe(fx.n);
    expect(view!.data.factors).toEqual(fx.factors);
    // Only what the explorer shows travels: no records, no usage.
    expect(view!.explanations[3]).toEqual({
      factor: 3,
      text: 'pattern 3',
      provider: 'openai',
      model: 'gpt-test',
      score: 0.5,
    });
  });

  it('keeps hostile text inside its script and redacts secrets in explanations', () => {
    const tokens = makeTokens(
      [{ text: '</script><script>alert(1)</script>' }, { text: '<!--' }],
      'plain',
    );
    const html = renderReportHtml({
      title: '</title><script>alert(2)</script>',
      bundleSource: `${bundleSource} const s = "</script>";`,
      factorizations: [{ tokens, factors: [[1, 0]] }],
      explanations: [
        {
          factor: 0,
          text: 'ok',
          provider: 'openai',
          error: { code: 'PROVIDER_ERROR', message: 'bad key sk-abcdefghijklmnopqrstuvwxyz123456' },
        },
      ],
      headings: ['<b>heading</b>'],
    });
    // Exactly the page's own script elements: one JSON block and the module.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<!--');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>');
    expect(html).toContain('<h2 id="view-0">&lt;b&gt;heading&lt;/b&gt;</h2>');
    const [view] = payloads(html);
    expect(view!.data.tokens.map((t) => t.text)).toEqual([
      '</script><script>alert(1)</script>',
      '<!--',
    ]);
    expect(JSON.stringify(view!.explanations)).not.toContain('sk-abcdefghij');
    expect(view!.explanations[0]!.error).toEqual({
      code: 'PROVIDER_ERROR',
      message: 'bad key [redacted]',
    });
  });

  it('accepts one explanation list per factorization', () => {
    const html = renderReportHtml({
      title: 'two',
      bundleSource,
      factorizations: [fx.raw, fx.factorization],
      explanations: [undefined, [{ factor: 1, text: 'b', provider: 'h' }]],
    });
    const views = payloads(html);
    expect(views.map((v) => v.explanations.length)).toEqual([0, 1]);
    expect(html).toContain('>Text 2</h2>');
  });

  it('rejects what it cannot render with typed errors', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { code?: string }).code;
      }
      return 'no error';
    };
    expect(
      code(() => renderReportHtml({ title: 't', bundleSource: '', factorizations: [fx.raw] })),
    ).toBe('INVALID_ARGUMENT');
    expect(code(() => renderReportHtml({ title: 't', bundleSource, factorizations: [] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      code(() =>
        renderReportHtml({
          title: 't',
          bundleSource,
          factorizations: [fx.raw, fx.raw],
          explanations: [{ factor: 0, text: 'flat', provider: 'h' }],
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      code(() =>
        renderReportHtml({
          title: 't',
          bundleSource,
          factorizations: [{ tokens: [], factors: [[[1]]] } as never],
        }),
      ),
    ).toBe('INVALID_ECCO_JSON');
  });
});

describe('the built standalone bundle', () => {
  it('is one ES module with Lit inside, safe to inline in a script element', () => {
    const source = readStandaloneBundle();
    expect(standaloneBundlePath.endsWith('dist/ecco-factors.standalone.js')).toBe(true);
    expect(breaksOutOfScript(source)).toBe(false);
    expect(source).toContain('ecco-factors');
    // No module left to fetch: no static or dynamic import, no require.
    expect(source).not.toMatch(/(?:^|[;}\n])\s*import\s*(?:[{*"']|\w+\s*(?:,|from))/);
    expect(source).not.toMatch(/\bimport\s*\(|\brequire\s*\(/);
    expect(source).toMatch(/export\s*\{/);
    expect(source).not.toMatch(/https?:\/\/(?!www\.w3\.org)[\w.-]+/); // no CDN
  });
});
