import { lookupModel } from '@explainable-ecco/prompt-packer';
import { type FakeChatCompletions, startFakeChatCompletions } from '@explainable-ecco/test-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  explain,
  MemoryCacheStore,
  type ProgressEvent,
  parseExplanationContent,
  retryAfterMs,
  type UsageReport,
} from '../src/node.js';
import { markerFactorization } from './helpers/factorizations.js';
import { markedFactor } from './helpers/fake-openai-server.js';

let server: FakeChatCompletions | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
});

const SECRET = 'sk-proj-VERYSECRETkey0123456789abcdef';

describe('openai provider', () => {
  it('asks for a JSON-schema answer, and drops that for good when the server rejects it', async () => {
    server = await startFakeChatCompletions((req) =>
      req.body.response_format
        ? { kind: 'error', status: 400, message: "Unsupported parameter: 'response_format'" }
        : { kind: 'ok', content: `Explanation: it fires on "w${markedFactor(req)}"` },
    );
    const results = await explain(markerFactorization(3), {
      provider: 'openai',
      baseURL: server.baseURL,
      model: 'llama3.2',
      examples: false,
      cache: false,
      concurrency: 1,
    });
    expect(results.map((r) => r.text)).toEqual([
      'it fires on "w0"',
      'it fires on "w1"',
      'it fires on "w2"',
    ]);
    const formats = server.requests.map((r) => r.body.response_format?.type ?? 'none');
    // First request tries structured output, then never again.
    expect(formats).toEqual(['json_schema', 'none', 'none', 'none']);
    expect(server.requests.every((r) => r.body.model === 'llama3.2')).toBe(true);
  });

  it('reads answers with or without structured output', () => {
    expect(parseExplanationContent('{"explanation":"commas"}')).toBe('commas');
    expect(parseExplanationContent('```json\n{"explanation": "the token \\"the\\""}\n```')).toBe(
      'the token "the"',
    );
    expect(parseExplanationContent('Sure! {"explanation": "digits"} Hope that helps')).toBe(
      'digits',
    );
    expect(parseExplanationContent('{"explanation": "line starts and the word')).toBe(
      'line starts and the word',
    );
    expect(parseExplanationContent('Explanation: "periods"')).toBe('periods');
    expect(parseExplanationContent('Fires on years.')).toBe('Fires on years.');
    expect(() => parseExplanationContent('  ')).toThrow(
      expect.objectContaining({ code: 'INVALID_PROVIDER_RESPONSE' }),
    );
  });

  it('retries an empty answer instead of caching it', async () => {
    let calls = 0;
    server = await startFakeChatCompletions((req) =>
      calls++ === 0
        ? { kind: 'ok', content: '' }
        : { kind: 'ok', content: `{"explanation":"w${markedFactor(req)}"}` },
    );
    const cache = new MemoryCacheStore();
    const [r] = await explain(markerFactorization(1), {
      provider: 'openai',
      baseURL: server.baseURL,
      examples: false,
      cache,
      retry: { baseDelayMs: 1 },
    });
    expect(r!.text).toBe('w0');
    expect(server.requests).toHaveLength(2);
    expect(cache.size).toBe(1);
  });

  it('reads Retry-After as seconds, an HTTP date, or retry-after-ms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(
      3000,
    );
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(
      250,
    );
    expect(retryAfterMs(new Headers({}), now)).toBeUndefined();
  });

  it('never lets the API key reach errors, events, results, reports or logs', async () => {
    // A careless server that echoes the Authorization header back in its error message.
    server = await startFakeChatCompletions((req) => ({
      kind: 'error',
      status: 401,
      message: `Incorrect API key provided: ${req.headers.authorization}`,
    }));
    const logs: string[] = [];
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        logs.push(args.map(String).join(' '));
      }),
    );
    const events: ProgressEvent[] = [];
    let report: UsageReport | undefined;
    try {
      const results = await explain(markerFactorization(2), {
        provider: 'openai',
        baseURL: server.baseURL,
        apiKey: SECRET,
        examples: false,
        cache: false,
        onProgress: (e) => events.push(e),
        onReport: (r) => {
          report = r;
        },
      });
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(results[0]!.error?.code).toBe('PROVIDER_ERROR');
      expect(results[0]!.error?.message).toMatch(/401/);
      expect(results[0]!.error?.message).toContain('[redacted]');
      const everything = JSON.stringify({ results, events, report, logs });
      expect(everything).not.toContain('VERYSECRET');
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  it('reports requests, tokens and cost from the model registry, and nothing spent on a cached re-run', async () => {
    server = await startFakeChatCompletions((req) => ({
      kind: 'ok',
      content: `{"explanation":"w${markedFactor(req)}"}`,
      usage: { prompt: 1000, completion: 50 },
    }));
    const reports: UsageReport[] = [];
    const options = {
      provider: 'openai' as const,
      baseURL: server.baseURL,
      model: 'gpt-4o-mini',
      examples: false as const,
      cache: new MemoryCacheStore(),
      onReport: (r: UsageReport) => reports.push(r),
    };
    const results = await explain(markerFactorization(4), options);
    await explain(markerFactorization(4), options);
    const price = lookupModel('gpt-4o-mini')!.pricePer1M!;
    const expected = (4 * 1000 * price.input + 4 * 50 * price.output) / 1e6;
    expect(reports[0]).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      requests: 4,
      cached: 0,
      promptTokens: 4000,
      completionTokens: 200,
    });
    expect(reports[0]!.costUsd).toBeCloseTo(expected, 12);
    expect(results[0]!.usage).toMatchObject({ promptTokens: 1000, completionTokens: 50 });
    expect(results[0]!.usage!.costUsd).toBeCloseTo(expected / 4, 12);
    expect(reports[1]).toMatchObject({ requests: 0, cached: 4, promptTokens: 0, costUsd: 0 });
  });

  it('reports an unknown price as null, not as zero', async () => {
    server = await startFakeChatCompletions((req) => ({
      kind: 'ok',
      content: `{"explanation":"w${markedFactor(req)}"}`,
    }));
    let report: UsageReport | undefined;
    await explain(markerFactorization(1), {
      provider: 'openai',
      baseURL: server.baseURL,
      model: 'my-local-model',
      examples: false,
      cache: false,
      onReport: (r) => {
        report = r;
      },
    });
    expect(report).toMatchObject({ requests: 1, costUsd: null });
  });

  it('is the default provider when OPENAI_BASE_URL is set, the heuristic otherwise', async () => {
    server = await startFakeChatCompletions((req) => ({
      kind: 'ok',
      content: `{"explanation":"w${markedFactor(req)}"}`,
    }));
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', server.baseURL);
    const [viaEnv] = await explain(markerFactorization(1), { examples: false, cache: false });
    expect(viaEnv).toMatchObject({ provider: 'openai', text: 'w0' });
    vi.stubEnv('OPENAI_BASE_URL', '');
    const [offline] = await explain(markerFactorization(1));
    expect(offline!.provider).toBe('heuristic');
    expect(offline!.text).toMatch(/"w0"/);
  });
});
