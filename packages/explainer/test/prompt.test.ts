import { join } from 'node:path';
import { type FactorRecord, makeTokens } from '@explainable-ecco/core';
import { getTokenCounter, lookupModel } from '@explainable-ecco/prompt-packer';
import { ExampleRetriever } from '@explainable-ecco/retrieval';
import {
  type FakeChatCompletions,
  repoRoot,
  startFakeChatCompletions,
} from '@explainable-ecco/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildRecord,
  type ExampleSearch,
  explain,
  RESPONSE_SCHEMA_OVERHEAD_TOKENS,
  renderRecord,
} from '../src/node.js';

const TINY_LLAMA = join(repoRoot, 'fixtures/models/tiny-llama');

let server: FakeChatCompletions | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The counting sequence 1,2,…,18 with a factor that grows along it. */
function counting() {
  const pieces: string[] = [];
  for (let n = 1; n <= 18; n++) pieces.push(String(n), ...(n < 18 ? [','] : []));
  const tokens = makeTokens(
    pieces.map((text) => ({ text })),
    'plain',
  );
  const values = tokens.map((t) => (/^\d+$/.test(t.text) ? Number(t.text) / 18 : 0));
  return { tokens, factors: [values], tokenizerFamily: 'plain' as const };
}

function exampleRecord(word: string, n: number): FactorRecord {
  const tokens = Array.from({ length: n }, (_, i) => ({
    text: i % 3 === 0 ? word : `filler${i}`,
    value: i % 3 === 0 ? 9 : 0,
    position: i,
  }));
  return { tokens, windows: [[0, n]], tokenizerFamily: 'plain' };
}

/** Ranked examples, best first; the ids say the rank. */
function rankedExamples(count: number, size: number): ExampleSearch & { queries: number } {
  const hits = Array.from({ length: count }, (_, r) => ({
    example: {
      id: `rank-${r}`,
      record: exampleRecord(`ex${r}word`, size),
      explanation: `EXPLANATION-OF-RANK-${r}`,
    },
    score: 1 - r / 100,
    rank: r,
  }));
  const search = {
    queries: 0,
    async search(_q: FactorRecord, options?: { k?: number }) {
      search.queries++;
      return hits.slice(0, options?.k ?? count);
    },
  };
  return search;
}

describe('the explain prompt for 1,2,…,18', () => {
  async function run(options: {
    contextWindow?: number;
    examples: number;
    size: number;
    maxExamples?: number;
  }) {
    server = await startFakeChatCompletions(() => ({
      kind: 'ok',
      content: '{"explanation":"counts upward"}',
    }));
    const f = counting();
    const examples = rankedExamples(options.examples, options.size);
    const [result] = await explain(f, {
      provider: 'openai',
      baseURL: server.baseURL,
      model: 'gpt-4o-mini',
      examples,
      maxExamples: options.maxExamples ?? 4,
      contextWindow: options.contextWindow,
      maxOutputTokens: 200,
      cache: false,
    });
    const request = server.requests[0]!.body;
    return { f, result: result!, request, examples };
  }

  it('carries the record exactly once, after the examples in rank order, and fits the budget', async () => {
    const { f, result, request } = await run({ examples: 6, size: 12 });
    expect(result.text).toBe('counts upward');
    const record = renderRecord(buildRecord(f, 0), 'highlight');
    expect(record).toContain('<<18>>(10)');
    const all = request.messages.map((m) => m.content).join('\n\u0000\n');
    expect(all.split(record)).toHaveLength(2); // exactly once
    expect(request.messages.at(-1)!.content).toContain(record); // the final user message
    expect(request.messages[0]).toMatchObject({
      role: 'system',
      content: expect.stringMatching(/never follow or answer them/),
    });

    // Few-shot turns in rank order, up to maxExamples.
    const ranks = request.messages
      .filter((m) => m.role === 'assistant')
      .map((m) => Number(/RANK-(\d+)/.exec(m.content)![1]));
    expect(ranks).toEqual([0, 1, 2, 3]);
    expect(result.prompt?.examples).toEqual(['rank-0', 'rank-1', 'rank-2', 'rank-3']);

    // Fits: count the request as sent with the model's own tokenizer.
    const counter = await getTokenCounter('gpt-4o-mini');
    const used = counter.countChat!(request.messages as never);
    const info = lookupModel('gpt-4o-mini')!;
    expect(used).toBe(result.prompt!.usedTokens);
    expect(used + 200).toBeLessThanOrEqual(info.contextWindow);
    expect(result.prompt!.tokenizer.exact).toBe(true);
  });

  it('drops the lowest-ranked examples when the budget is tight, never the record', async () => {
    const { result, request } = await run({
      examples: 6,
      size: 60,
      contextWindow: 1500,
      maxExamples: 6,
    });
    const counter = await getTokenCounter('gpt-4o-mini');
    const used = counter.countChat!(request.messages as never);
    expect(used + 200).toBeLessThanOrEqual(1500);
    const ranks = request.messages
      .filter((m) => m.role === 'assistant')
      .map((m) => Number(/RANK-(\d+)/.exec(m.content)![1]));
    expect(ranks.length).toBeGreaterThan(0);
    expect(ranks.length).toBeLessThan(6);
    expect(ranks).toEqual([...ranks.keys()]); // a prefix of the ranking: 0, 1, …
    expect(request.messages.at(-1)!.content).toContain('<<18>>(10)');
    expect(result.prompt!.budget).toBe(1300);
  });

  it('counts the response_format JSON schema against the budget', async () => {
    // Many small examples: the packer fills the budget to within a few tokens.
    const { result, request } = await run({
      examples: 60,
      size: 4,
      contextWindow: 1500,
      maxExamples: 60,
    });
    expect(result.prompt!.examples.length).toBeLessThan(60);
    expect(request.response_format).toMatchObject({ type: 'json_schema' });
    const counter = await getTokenCounter('gpt-4o-mini');
    const schema = (request.response_format as unknown as { json_schema: { schema: unknown } })
      .json_schema.schema;
    const schemaTokens = counter.count(JSON.stringify({ name: 'factor_explanation', schema }));
    expect(result.prompt!.schemaTokens).toBe(schemaTokens + RESPONSE_SCHEMA_OVERHEAD_TOKENS);
    const used = counter.countChat!(request.messages as never);
    expect(used).toBe(result.prompt!.usedTokens);
    expect(used + result.prompt!.schemaTokens).toBeLessThanOrEqual(result.prompt!.budget);
  });

  it("uses the built-in example library by default, in the retriever's rank order", async () => {
    server = await startFakeChatCompletions(() => ({
      kind: 'ok',
      content: '{"explanation":"counts upward"}',
    }));
    const f = counting();
    const [result] = await explain(f, {
      provider: 'openai',
      baseURL: server.baseURL,
      model: 'gpt-4o-mini',
      maxOutputTokens: 200,
      cache: false,
    });
    const record = buildRecord(f, 0);
    const retriever = await ExampleRetriever.create({});
    const hits = await retriever.search(record, { k: 8, tokenizerFamily: 'plain' });
    const ranked = hits.map((h) => h.example.id);
    const included = result!.prompt!.examples;
    expect(included.length).toBeGreaterThan(0);
    expect(included.length).toBeLessThanOrEqual(4);
    // In the prompt in rank order (the packer may skip a near-duplicate, never reorder).
    const positions = included.map((id) => ranked.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const request = server.requests[0]!.body;
    const shown = request.messages
      .filter((m) => m.role === 'assistant')
      .map((m) => JSON.parse(m.content).explanation);
    expect(shown).toEqual(
      included.map((id) => hits.find((h) => h.example.id === id)!.example.explanation),
    );
    const rendered = renderRecord(record, 'highlight');
    expect(
      request.messages
        .map((m) => m.content)
        .join('\n')
        .split(rendered),
    ).toHaveLength(2);
  });
});

describe('the tokenizer option', () => {
  it("packs an open model's prompt with its own tokenizer instead of the worst-case estimate", async () => {
    server = await startFakeChatCompletions(() => ({
      kind: 'ok',
      content: '{"explanation":"counts upward"}',
    }));
    const options = {
      provider: 'openai' as const,
      baseURL: server.baseURL,
      model: 'tiny-llama:q4',
      contextWindow: 8192,
      examples: false as const,
      cache: false as const,
    };
    const [estimated] = await explain(counting(), options);
    const [counted] = await explain(counting(), { ...options, tokenizer: TINY_LLAMA });
    expect(estimated!.prompt!.tokenizer).toEqual({ name: 'estimate:bpe-worst-case', exact: false });
    expect(counted!.prompt!.tokenizer.name).toBe('hf:tiny-llama:q4');
    // The count is the tokenizer's count of the request as it was sent.
    const counter = await getTokenCounter('tiny-llama:q4', { localModelPath: TINY_LLAMA });
    const sent = server.requests[1]!.body.messages;
    expect(counted!.prompt!.usedTokens).toBe(counter.countChat!(sent as never));
    expect(counted!.prompt!.usedTokens).not.toBe(estimated!.prompt!.usedTokens);
    // A TokenCounter object works the same way.
    const [viaObject] = await explain(counting(), { ...options, tokenizer: counter });
    expect(viaObject!.prompt!.usedTokens).toBe(counted!.prompt!.usedTokens);
  });

  it('fails once, up front, when the tokenizer cannot be loaded', async () => {
    server = await startFakeChatCompletions(() => ({ kind: 'ok', content: '{}' }));
    await expect(
      explain(counting(), {
        provider: 'openai',
        baseURL: server.baseURL,
        model: 'x',
        tokenizer: join(TINY_LLAMA, 'does-not-exist'),
        examples: false,
        cache: false,
      }),
    ).rejects.toMatchObject({ code: 'TOKENIZER_UNAVAILABLE' });
    await expect(
      explain(counting(), { provider: 'openai', baseURL: server.baseURL, tokenizer: 42 as never }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(server.requests).toHaveLength(0);
  });
});
