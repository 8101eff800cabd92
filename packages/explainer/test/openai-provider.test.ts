import { EccoError } from '@explainable-ecco/core';
import { lookupModel } from '@explainable-ecco/prompt-packer';
import { type FakeChatCompletions, startFakeChatCompletions } from '@explainable-ecco/test-kit';
import { BadRequestError, UnprocessableEntityError } from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CachedCompletion,
  type CacheStore,
  type ChatProvider,
  explain,
  MemoryCacheStore,
  type ProgressEvent,
  parseExplanationContent,
  REASONING_TOKEN_ALLOWANCE,
  rejectedParameter,
  retryAfterMs,
  scoreExplanations,
  type UsageReport,
} from '../src/node.js';
import { markerFactorization } from './helpers/factorizations.js';
import { factorReply, markedFactor, standInOptions } from './helpers/fake-openai-server.js';

let server: FakeChatCompletions | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
});

const SECRET = 'sk-proj-VERYSECRETkey0123456789abcdef';

/** A request body with the fields the stand-in's type leaves out. */
type Body = Record<string, unknown> & { messages: Array<{ role: string; content: string }> };
const bodyOf = (req: { body: unknown }) => req.body as Body;

/** Answers 400 the way OpenAI does for a parameter a reasoning model does not take. */
function reasoningModelRejection(body: Body) {
  if (body.max_tokens !== undefined) {
    return {
      kind: 'error' as const,
      status: 400,
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
      param: 'max_tokens',
      message:
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    };
  }
  if (body.temperature !== undefined && body.temperature !== 1) {
    return {
      kind: 'error' as const,
      status: 400,
      type: 'invalid_request_error',
      code: 'unsupported_value',
      param: 'temperature',
      message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
    };
  }
  return undefined;
}

/**
 * Explains `k` factors twice with gpt-4o-mini against a stand-in that reports 1000 prompt and 50
 * completion tokens per answer, both runs sharing one memory cache: the second is served from it.
 */
async function explainTwiceWithUsage(k: number) {
  const stand = await startFakeChatCompletions((req) => ({
    ...factorReply(req),
    usage: { prompt: 1000, completion: 50 },
  }));
  server = stand;
  const reports: UsageReport[] = [];
  const options = {
    ...standInOptions(stand),
    model: 'gpt-4o-mini',
    cache: new MemoryCacheStore(),
    onReport: (r: UsageReport) => reports.push(r),
  };
  const first = await explain(markerFactorization(k), options);
  const second = await explain(markerFactorization(k), options);
  return { first, second, reports };
}

describe('openai provider', () => {
  it('asks for a JSON-schema answer, and drops that for good when the server rejects it', async () => {
    server = await startFakeChatCompletions((req) =>
      req.body.response_format
        ? { kind: 'error', status: 400, message: "Unsupported parameter: 'response_format'" }
        : { kind: 'ok', content: `Explanation: it fires on "w${markedFactor(req)}"` },
    );
    const results = await explain(markerFactorization(3), {
      ...standInOptions(server),
      model: 'llama3.2',
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
      calls++ === 0 ? { kind: 'ok', content: '' } : factorReply(req),
    );
    const cache = new MemoryCacheStore();
    const [r] = await explain(markerFactorization(1), {
      ...standInOptions(server),
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
        ...standInOptions(server),
        apiKey: SECRET,
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
    const { first: results, reports } = await explainTwiceWithUsage(4);
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
    server = await startFakeChatCompletions(factorReply);
    let report: UsageReport | undefined;
    await explain(markerFactorization(1), {
      ...standInOptions(server),
      model: 'my-local-model',
      onReport: (r) => {
        report = r;
      },
    });
    expect(report).toMatchObject({ requests: 1, costUsd: null });
  });

  it('is the default provider when OPENAI_BASE_URL is set, the heuristic otherwise', async () => {
    server = await startFakeChatCompletions(factorReply);
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

describe('openai provider: reasoning models and rejected parameters', () => {
  it('sends max_completion_tokens and no temperature to registry reasoning models (o3-mini)', async () => {
    server = await startFakeChatCompletions(
      (req) => reasoningModelRejection(bodyOf(req)) ?? factorReply(req),
    );
    const results = await explain(markerFactorization(3), {
      ...standInOptions(server),
      model: 'o3-mini-2025-01-31',
      concurrency: 1,
    });
    expect(results.map((r) => r.error ?? r.text)).toEqual(['w0', 'w1', 'w2']);
    expect(server.requests).toHaveLength(3); // nothing rejected
    for (const req of server.requests) {
      const body = bodyOf(req);
      expect(body.max_tokens).toBeUndefined();
      expect(body.temperature).toBeUndefined();
      expect(body.max_completion_tokens).toBe(256 + REASONING_TOKEN_ALLOWANCE);
      // Structured output is still asked for: that 400 never concerned it.
      expect((body.response_format as { type: string }).type).toBe('json_schema');
    }
    // The reply reserve the packer kept back includes the reasoning allowance.
    expect(results[0]!.prompt!.budget).toBe(200_000 - 256 - REASONING_TOKEN_ALLOWANCE);
  });

  it('folds the system message into the first user turn for o1-mini', async () => {
    server = await startFakeChatCompletions((req) => {
      const body = bodyOf(req);
      const system = body.messages.findIndex((m) => m.role === 'system');
      if (system >= 0) {
        return {
          kind: 'error',
          status: 400,
          type: 'invalid_request_error',
          code: 'unsupported_value',
          message: `Unsupported value: 'messages[${system}].role' does not support 'system' with this model.`,
        };
      }
      return reasoningModelRejection(body) ?? factorReply(req);
    });
    const [r] = await explain(markerFactorization(1), {
      ...standInOptions(server),
      model: 'o1-mini',
    });
    expect(r!.text).toBe('w0');
    expect(server.requests).toHaveLength(1);
    const { messages } = bodyOf(server.requests[0]!);
    expect(messages.map((m) => m.role)).toEqual(['user']);
    expect(messages[0]!.content).toMatch(/^You are an interpretability researcher/);
    expect(messages[0]!.content).toContain('<<w0>>');
    expect(bodyOf(server.requests[0]!).max_completion_tokens).toBe(256 + REASONING_TOKEN_ALLOWANCE);
  });

  it('switches to max_completion_tokens for the run when an unknown model rejects max_tokens', async () => {
    server = await startFakeChatCompletions(
      (req) => reasoningModelRejection(bodyOf(req)) ?? factorReply(req),
    );
    const results = await explain(markerFactorization(3), {
      ...standInOptions(server),
      model: 'some-new-reasoner',
      concurrency: 1,
    });
    expect(results.map((r) => r.error ?? r.text)).toEqual(['w0', 'w1', 'w2']);
    const sent = server.requests.map((r) => ('max_tokens' in bodyOf(r) ? 'max_tokens' : 'mct'));
    // One rejected request, then the shape that works for the rest of the run.
    expect(sent).toEqual(['max_tokens', 'mct', 'mct', 'mct']);
    expect(server.requests.slice(1).every((r) => bodyOf(r).temperature === undefined)).toBe(true);
  });

  it('keeps non-reasoning models (and unknown local ones) on max_tokens and temperature', async () => {
    server = await startFakeChatCompletions(factorReply);
    for (const model of ['gpt-4o-mini', 'llama3.2']) {
      await explain(markerFactorization(1), {
        ...standInOptions(server),
        model,
      });
    }
    for (const req of server.requests) {
      expect(bodyOf(req)).toMatchObject({ max_tokens: 256, temperature: 0 });
      expect(bodyOf(req).max_completion_tokens).toBeUndefined();
    }
  });

  it('keeps structured output and reports the original error when a 400 is not about it', async () => {
    server = await startFakeChatCompletions((req) =>
      markedFactor(req) === 1
        ? {
            kind: 'error',
            status: 400,
            type: 'invalid_request_error',
            code: 'context_length_exceeded',
            message:
              "This model's maximum context length is 4096 tokens. However, your messages resulted in 5000 tokens.",
          }
        : factorReply(req),
    );
    const results = await explain(markerFactorization(3), {
      ...standInOptions(server),
      model: 'llama3.2',
      concurrency: 1,
    });
    expect(results[0]!.text).toBe('w0');
    expect(results[1]!.error).toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringContaining('maximum context length is 4096 tokens'),
    });
    expect(results[2]!.text).toBe('w2');
    // No resend without the schema, and the schema is still asked for afterwards.
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.body.response_format?.type === 'json_schema')).toBe(true);
  });

  it('tells a rejected response_format (by param or wording) from other rejections', () => {
    const headers = new Headers();
    const error = (status: 400 | 422, message: string, param?: string) =>
      status === 400
        ? new BadRequestError(400, { message, param }, message, headers)
        : new UnprocessableEntityError(422, { message, param }, message, headers);
    expect(rejectedParameter(error(400, 'Invalid schema.', 'response_format'))).toBe(
      'response_format',
    );
    expect(rejectedParameter(error(422, "Unknown field 'json_schema'"))).toBe('response_format');
    expect(rejectedParameter(error(400, 'Too long.', 'messages'))).toBeUndefined();
    expect(
      rejectedParameter(error(400, 'max_tokens must be ≤ 4096 (response_format ok)', 'max_tokens')),
    ).toBe('max_tokens');
    expect(rejectedParameter(error(400, 'Bad value.', 'temperature'))).toBe('temperature');
    expect(rejectedParameter(error(400, 'context length exceeded'))).toBeUndefined();
  });

  it('refuses completion-only models once, before any request', async () => {
    server = await startFakeChatCompletions(() => ({ kind: 'ok', content: '{}' }));
    for (const model of ['gpt-3.5-turbo-instruct', 'davinci-002']) {
      await expect(
        explain(markerFactorization(2), {
          ...standInOptions(server),
          model,
        }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { endpoint: 'completion' } });
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('openai provider: secrets and cached usage', () => {
  // Not shaped like an OpenAI key, so only knowing the key can redact it.
  const ENV_KEY = 'proxy-token-ENVSECRET-42';

  it('redacts OPENAI_API_KEY from the environment in scoring errors and cache warnings', async () => {
    vi.stubEnv('OPENAI_API_KEY', ENV_KEY);
    server = await startFakeChatCompletions(factorReply);
    // A cache whose write fails with a message that quotes the key (e.g. a signed URL).
    const leakyCache: CacheStore = {
      get: async () => undefined,
      set: async (_key: string, _value: CachedCompletion) => {
        throw new EccoError('CACHE_ERROR', `cannot write https://cache.example/?token=${ENV_KEY}`);
      },
    };
    const events: ProgressEvent[] = [];
    const explanations = await explain(markerFactorization(2), {
      ...standInOptions(server),
      cache: leakyCache,
      onProgress: (e) => events.push(e),
    });
    expect(events.some((e) => e.type === 'done' && e.warning?.includes('[redacted]'))).toBe(true);
    // A provider that reads the key itself and echoes it in its failures.
    const echoing: ChatProvider = {
      kind: 'chat',
      id: 'proxy',
      model: 'proxy-model',
      complete: async () => {
        throw new Error(`proxy refused token ${process.env.OPENAI_API_KEY}`);
      },
    };
    const scoreEvents: ProgressEvent[] = [];
    const scored = await scoreExplanations(markerFactorization(2), explanations, {
      simulator: 'provider',
      provider: echoing,
      cache: false,
      onProgress: (e) => scoreEvents.push(e),
    });
    expect(scored[0]!.scoring.error?.message).toContain('[redacted]');
    const everything = JSON.stringify({ explanations, events, scored, scoreEvents });
    expect(everything).not.toContain('ENVSECRET');
  });

  it('marks answers served from the cache as costing nothing, as the report does', async () => {
    const { first, second, reports } = await explainTwiceWithUsage(2);
    expect(first[0]!.usage!.costUsd).toBeGreaterThan(0);
    expect(first[0]!.usage!.cached).toBeUndefined();
    for (const r of second) {
      expect(r.cached).toBe(true);
      expect(r.usage).toMatchObject({
        promptTokens: 1000,
        completionTokens: 50,
        costUsd: 0,
        cached: true,
      });
    }
    const summed = second.reduce((sum, r) => sum + (r.usage?.costUsd ?? 0), 0);
    expect(summed).toBe(reports[1]!.costUsd);
  });
});
