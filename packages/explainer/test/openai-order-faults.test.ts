import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeChatCompletions, startFakeChatCompletions } from '@explainable-ecco/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DiskCacheStore,
  explain,
  MemoryCacheStore,
  type ProgressEvent,
  type RetryPolicy,
} from '../src/node.js';
import { markerFactorization } from './helpers/factorizations.js';
import { markedFactor, standInOptions } from './helpers/fake-openai-server.js';

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, retries: 6 };
let server: FakeChatCompletions | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answer = (factor: number) => JSON.stringify({ explanation: `Fires on "w${factor}".` });

/**
 * Explains one factor whose first request is refused with `status` and Retry-After: 1 s, and
 * answered after that: the result, the progress events and the time between the two requests.
 */
async function explainAfterRetryAfter(status: 429 | 503, retry: RetryPolicy) {
  let calls = 0;
  const stand = await startFakeChatCompletions((req) =>
    calls++ === 0
      ? { kind: 'error', status, headers: { 'retry-after': '1' } }
      : { kind: 'ok', content: answer(markedFactor(req)) },
  );
  server = stand;
  const events: ProgressEvent[] = [];
  const [result] = await explain(markerFactorization(1), {
    ...standInOptions(stand),
    retry,
    onProgress: (e) => events.push(e),
  });
  const [first, second] = stand.requests;
  return { result: result!, events, gapMs: second!.receivedAt - first!.receivedAt };
}

describe('explain with the openai provider against a loopback server', () => {
  it('keeps result[i] for factor i when answers finish in reverse order', async () => {
    const k = 10;
    // Hold every answer until all requests are in, then release them last factor first.
    const releases: Array<(content: string) => void> = [];
    const arrived: number[] = [];
    server = await startFakeChatCompletions((req) => {
      const f = markedFactor(req);
      arrived.push(f);
      const release = new Promise<string>((resolve) => {
        releases[f] = resolve;
      });
      if (arrived.length === k) {
        void (async () => {
          for (let g = k - 1; g >= 0; g--) {
            releases[g]!(answer(g));
            await new Promise((r) => setTimeout(r, 15));
          }
        })();
      }
      return { kind: 'deferred', release };
    });
    const done: number[] = [];
    const results = await explain(markerFactorization(k), {
      ...standInOptions(server),
      apiKey: 'test-key-not-secret',
      concurrency: k,
      onProgress: (e) => {
        if (e.type === 'done') done.push(e.factor);
      },
    });
    // The answers really did come back last-first…
    expect(done).toEqual([...Array(k).keys()].reverse());
    // …and every slot still holds its own factor.
    results.forEach((r, i) => {
      expect(r.factor).toBe(i);
      expect(r.text).toBe(`Fires on "w${i}".`);
      expect(r.provider).toBe('openai');
      expect(r.error).toBeUndefined();
    });
  });

  it('survives 30% faults (429 with Retry-After, 500, hangs): all explained, then a re-run makes no request', async () => {
    const k = 12;
    let calls = 0;
    const faults = { rateLimited: 0, serverError: 0, hang: 0 };
    server = await startFakeChatCompletions((req) => {
      const n = calls++;
      // A fixed pattern that faults 3 calls in every 10 (30%).
      switch (n % 10) {
        case 1:
          faults.rateLimited++;
          return {
            kind: 'error',
            status: 429,
            headers: { 'retry-after': '0' },
            message: 'slow down',
          };
        case 4:
          faults.serverError++;
          return { kind: 'error', status: 500, message: 'boom' };
        case 7:
          faults.hang++;
          return { kind: 'hang' };
        default:
          return { kind: 'ok', content: answer(markedFactor(req)), delayMs: 5 };
      }
    });
    const dir = mkdtempSync(join(tmpdir(), 'ecco-explainer-cache-'));
    try {
      const events: ProgressEvent[] = [];
      const options = {
        ...standInOptions(server),
        apiKey: 'test-key-not-secret',
        cache: new DiskCacheStore(dir),
        concurrency: 4,
        timeoutMs: 300,
        retry: FAST_RETRY,
        onProgress: (e: ProgressEvent) => events.push(e),
      };
      const first = await explain(markerFactorization(k), options);
      expect(faults.rateLimited + faults.serverError + faults.hang).toBeGreaterThanOrEqual(3);
      expect(faults.hang).toBeGreaterThanOrEqual(1);
      first.forEach((r, i) => {
        expect(r.factor).toBe(i);
        expect(r.error).toBeUndefined();
        expect(r.text).toBe(`Fires on "w${i}".`);
        expect(r.cached).toBe(false);
      });
      const retryCodes = new Set(
        events.flatMap((e) => (e.type === 'retrying' ? [e.error.code] : [])),
      );
      expect(retryCodes).toEqual(
        new Set(['PROVIDER_RATE_LIMITED', 'PROVIDER_ERROR', 'PROVIDER_TIMEOUT']),
      );
      for (let f = 0; f < k; f++) {
        expect(events.find((e) => e.factor === f)?.type).toBe('queued');
        expect(events.filter((e) => e.factor === f).at(-1)?.type).toBe('done');
      }

      const before = server.requests.length;
      const second = await explain(markerFactorization(k), { ...options, onProgress: undefined });
      expect(server.requests.length).toBe(before);
      second.forEach((r, i) => {
        expect(r.text).toBe(first[i]!.text);
        expect(r.cached).toBe(true);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records a factor that keeps failing as an error, loses no other, and re-runs only that one', async () => {
    const k = 6;
    let broken = true;
    server = await startFakeChatCompletions((req) => {
      const f = markedFactor(req);
      if (f === 3 && broken) return { kind: 'error', status: 503, message: 'unavailable' };
      return { kind: 'ok', content: answer(f) };
    });
    const cache = new MemoryCacheStore();
    const options = {
      ...standInOptions(server),
      cache,
      retry: { ...FAST_RETRY, retries: 2 },
    };
    const first = await explain(markerFactorization(k), options);
    expect(first.map((r) => r.factor)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(first[3]!.error?.code).toBe('PROVIDER_ERROR');
    expect(first[3]!.text).toBe('');
    expect(first.filter((r) => !r.error).map((r) => r.text)).toEqual(
      [0, 1, 2, 4, 5].map((f) => `Fires on "w${f}".`),
    );
    expect(server.requests.filter((r) => markedFactor(r) === 3)).toHaveLength(3); // 1 + 2 retries

    broken = false;
    const before = server.requests.length;
    const second = await explain(markerFactorization(k), options);
    expect(server.requests.slice(before).map(markedFactor)).toEqual([3]);
    expect(second.every((r) => !r.error)).toBe(true);
    expect(second.map((r) => r.cached)).toEqual([true, true, true, false, true, true]);
  });

  it('honours Retry-After in seconds before retrying a 429', async () => {
    const { result, events, gapMs } = await explainAfterRetryAfter(429, FAST_RETRY);
    expect(result.text).toBe('Fires on "w0".');
    const retry = events.find((e) => e.type === 'retrying');
    expect(retry).toMatchObject({
      type: 'retrying',
      attempt: 1,
      error: { code: 'PROVIDER_RATE_LIMITED' },
    });
    // Retry-After exactly, plus a jitter of at most 10 % of it.
    const delayMs = (retry as { delayMs: number }).delayMs;
    expect(delayMs).toBeGreaterThanOrEqual(1000);
    expect(delayMs).toBeLessThanOrEqual(1100);
    expect(gapMs).toBeGreaterThanOrEqual(1000);
  });

  it('honours Retry-After on a 503 too, instead of the (here 1 ms) backoff', async () => {
    const { result, events, gapMs } = await explainAfterRetryAfter(503, {
      baseDelayMs: 1,
      maxDelayMs: 1,
    });
    expect(result.text).toBe('Fires on "w0".');
    expect(events.find((e) => e.type === 'retrying')).toMatchObject({
      error: { code: 'PROVIDER_ERROR', message: expect.stringMatching(/503/) },
    });
    expect(gapMs).toBeGreaterThanOrEqual(1000);
  });

  it('holds every worker, not only the failing one, until Retry-After has passed', async () => {
    // The first request is rate limited; every other answer takes 300 ms, so without a shared
    // wait the three other workers would send factors 4, 5, … well within the second.
    server = await startFakeChatCompletions((req, index) =>
      index === 0
        ? { kind: 'error', status: 429, headers: { 'retry-after': '1' } }
        : { kind: 'ok', content: answer(markedFactor(req)), delayMs: 300 },
    );
    const results = await explain(markerFactorization(8), {
      ...standInOptions(server),
      concurrency: 4,
      retry: FAST_RETRY,
    });
    expect(results.map((r) => r.text)).toEqual(
      [...Array(8).keys()].map((f) => `Fires on "w${f}".`),
    );
    // The first four went out together; every later one waited out the 429's Retry-After.
    const [limited] = server.requests;
    const later = server.requests.slice(4);
    expect(later.length).toBe(5); // factors 4–7 and factor 0's retry
    for (const r of later) {
      expect(r.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(1000);
    }
  });

  it('gives up on a server that hangs on every attempt with PROVIDER_TIMEOUT', async () => {
    server = await startFakeChatCompletions(() => ({ kind: 'hang' }));
    const [r] = await explain(markerFactorization(1), {
      ...standInOptions(server),
      timeoutMs: 100,
      retry: { ...FAST_RETRY, retries: 1 },
    });
    expect(r!.error?.code).toBe('PROVIDER_TIMEOUT');
    expect(server.requests).toHaveLength(2);
  });

  it('rejects with ABORTED when the signal fires, without waiting for hung requests', async () => {
    server = await startFakeChatCompletions(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await expect(
      explain(markerFactorization(4), {
        ...standInOptions(server),
        timeoutMs: 30_000,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'EccoError', code: 'ABORTED' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('caches on disk without the API key, and content-addressed (one file per request)', async () => {
    const key = 'sk-test-THISISASECRETKEY0123456789';
    server = await startFakeChatCompletions((req) => ({
      kind: 'ok',
      content: answer(markedFactor(req)),
    }));
    const dir = mkdtempSync(join(tmpdir(), 'ecco-explainer-cache-'));
    try {
      await explain(markerFactorization(3), {
        ...standInOptions(server),
        apiKey: key,
        cache: new DiskCacheStore(dir),
      });
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);
      const files = readdirSync(dir, { recursive: true }).filter((f) =>
        String(f).endsWith('.json'),
      );
      expect(files).toHaveLength(3);
      for (const f of files) {
        expect(String(f)).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}\.json$/);
        const text = readFileSync(join(dir, String(f)), 'utf8');
        expect(text).not.toContain('THISISASECRETKEY');
        expect(JSON.parse(text)).toMatchObject({ content: expect.stringContaining('Fires on') });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
