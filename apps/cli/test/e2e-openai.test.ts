import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  explanationReply,
  type FakeChatCompletions,
  startFakeChatCompletions,
} from '@explainable-ecco/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultEntry } from '../src/result.js';
import { readTree, runCli, tempDir } from './helpers.js';

const KEY = 'sk-test-NEVERLEAK-4f9a8b7c6d5e4f3a2b1c';

describe('ecco-explain --explainer openai against an OpenAI-compatible server', () => {
  let server: FakeChatCompletions;
  beforeAll(async () => {
    server = await startFakeChatCompletions(() =>
      explanationReply('Commas that separate the numbers of a list.'),
    );
  });
  afterAll(() => server.close());

  it('explains through the server, caches, and never leaks the key', async () => {
    const out = tempDir();
    const cache = tempDir('ecco-cache-');
    const args = [
      '1,2,3,4,5,6,7,8,9,10',
      '--components',
      '2',
      '--explainer',
      'openai',
      '--llm',
      'gpt-4o-mini',
      '--base-url',
      server.baseURL,
      '--out',
      out,
    ];
    const env = { OPENAI_API_KEY: KEY, ECCO_CACHE_DIR: cache };
    const first = await runCli(args, { env });
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultEntry;
    expect(result.explanations.map((e) => [e.factor, e.provider, e.text])).toEqual([
      [0, 'openai', 'Commas that separate the numbers of a list.'],
      [1, 'openai', 'Commas that separate the numbers of a list.'],
    ]);
    const chatRequests = server.allRequests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(chatRequests.length).toBe(2);
    expect(server.requests).toHaveLength(2); // …all of them POSTs to <base URL>/chat/completions
    // The key went to the server it was meant for…
    expect(chatRequests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    const body = server.requests[0]!.body;
    expect(body.model).toBe('gpt-4o-mini');
    expect(JSON.stringify(body.messages)).toContain('factor_record');

    // …and nowhere else.
    const second = await runCli(args, { env });
    expect(second.code, second.stderr).toBe(0);
    expect(server.allRequests.filter((r) => r.path.endsWith('/chat/completions')).length).toBe(2); // served from the cache
    const places = [
      first.stdout,
      first.stderr,
      second.stdout,
      second.stderr,
      ...readTree(out).map((f) => f.text),
      ...readTree(cache).map((f) => f.text),
    ];
    expect(readTree(cache).length).toBeGreaterThan(0);
    for (const text of places) expect(text).not.toContain(KEY);
  }, 120_000);
});
