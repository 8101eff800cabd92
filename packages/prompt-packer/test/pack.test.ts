import { afterEach, describe, expect, it } from 'vitest';
import {
  createOpenAiCounter,
  getTokenCounter,
  type PackExample,
  type PackOptions,
  pack,
  registerModel,
  resetModelRegistry,
  type TokenCounter,
  TRUNCATION_MARKER,
  truncateMiddle,
} from '../src/index.js';
import { expectEccoError, fixtureDir, LLAMA2_STYLE_TEMPLATE, repoModelDir } from './helpers.js';

afterEach(() => resetModelRegistry());

const words = (n: number, word = 'alpha') =>
  Array.from({ length: n }, (_, i) => `${word}${i % 10}`).join(' ');

const base = (over: Partial<PackOptions> = {}): PackOptions => ({
  model: 'gpt-4o',
  instructions: 'Explain what the neuron responds to.',
  examples: [],
  query: 'QUERY: the(9) cat(0)',
  maxOutputTokens: 100,
  format: 'chat',
  ...over,
});

describe('pack: layout', () => {
  it('builds [system], few-shot turns, then one user message with instructions, texts and query', async () => {
    const examples: PackExample[] = [
      { id: 'a', text: 'Example A' },
      {
        id: 'b',
        messages: [
          { role: 'user', content: 'Turn B question' },
          { role: 'assistant', content: 'Turn B answer' },
        ],
      },
      { id: 'c', text: 'Example C' },
    ];
    const result = await pack(base({ system: 'You are terse.', examples }));
    expect(result.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Turn B question' },
      { role: 'assistant', content: 'Turn B answer' },
      {
        role: 'user',
        content:
          'Explain what the neuron responds to.\n\nExample A\n\nExample C\n\nQUERY: the(9) cat(0)',
      },
    ]);
    expect(result.prompt).toBeUndefined();
    expect(result.included).toEqual(['a', 'b', 'c']);
    expect(result.dropped).toEqual([]);
    const counter = await getTokenCounter('gpt-4o');
    expect(result.usedTokens).toBe(counter.countChat!(result.messages!));
    expect(result.tokenizer).toEqual({ name: 'openai:o200k_base', exact: true });
  });

  it('concatenates the same parts into one prompt for completion models', async () => {
    const result = await pack(
      base({
        model: 'gpt-3.5-turbo-instruct',
        format: 'completion',
        system: 'SYS',
        examples: [
          { id: 'a', text: 'Example A' },
          {
            id: 't',
            messages: [
              { role: 'user', content: 'Q1' },
              { role: 'assistant', content: 'A1' },
            ],
          },
        ],
      }),
    );
    expect(result.prompt).toBe(
      'SYS\n\nQ1\n\nA1\n\nExplain what the neuron responds to.\n\nExample A\n\nQUERY: the(9) cat(0)',
    );
    const counter = await createOpenAiCounter('cl100k_base');
    expect(result.usedTokens).toBe(counter.count(result.prompt!));
    expect(result).toMatchObject({ contextWindow: 4_096, budget: 3_996 });
  });

  it('leaves out empty instructions without an empty paragraph', async () => {
    const result = await pack(base({ instructions: '', examples: [{ id: 'a', text: 'A' }] }));
    expect(result.messages!.at(-1)!.content).toBe('A\n\nQUERY: the(9) cat(0)');
  });
});

describe('pack: budget', () => {
  it('skips an example that does not fit and still tries smaller, lower-ranked ones', async () => {
    const examples = [
      { id: 'small-1', text: words(20) },
      { id: 'huge', text: words(400) },
      { id: 'small-2', text: words(20) },
      { id: 'medium', text: words(120) },
      { id: 'small-3', text: words(20) },
    ];
    const result = await pack(base({ examples, contextWindow: 400, maxOutputTokens: 100 }));
    expect(result.included).toEqual(['small-1', 'small-2', 'small-3']);
    expect(result.dropped).toEqual([
      { id: 'huge', reason: 'budget' },
      { id: 'medium', reason: 'budget' },
    ]);
    expect(result.usedTokens).toBeLessThanOrEqual(300);
  });

  it('fills a budget almost to the token and never past it', async () => {
    const counter = await getTokenCounter('gpt-4o');
    const examples = Array.from({ length: 300 }, (_, i) => ({
      id: `e${i}`,
      text: `Explanation ${i}: ${words(5 + ((i * 37) % 60), 'w')}.`,
    }));
    for (const contextWindow of [1_000, 4_097, 20_000]) {
      const result = await pack(base({ examples, contextWindow, maxOutputTokens: 256 }));
      expect(result.usedTokens).toBe(counter.countChat!(result.messages!));
      expect(result.usedTokens).toBeLessThanOrEqual(result.budget);
      expect(result.usedTokens / result.budget).toBeGreaterThan(0.97);
    }
  });

  it('stops at maxExamples and says so', async () => {
    const examples = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `text ${id}` }));
    const result = await pack(base({ examples, maxExamples: 2 }));
    expect(result.included).toEqual(['a', 'b']);
    expect(result.dropped).toEqual([
      { id: 'c', reason: 'max-examples' },
      { id: 'd', reason: 'max-examples' },
    ]);
    expect((await pack(base({ examples, maxExamples: 0 }))).included).toEqual([]);
  });

  it('caps the budget at the input limit of models that have one (gpt-5: 272k)', async () => {
    const result = await pack(base({ model: 'gpt-5', maxOutputTokens: 1_000 }));
    expect(result).toMatchObject({ contextWindow: 400_000, budget: 272_000 });
  });

  it('backs off when the assembled prompt counts more than its parts', async () => {
    // A counter whose cost grows faster than length: the sum of parts always under-counts.
    const quadratic: TokenCounter = {
      name: 'test:quadratic',
      exact: true,
      count: (text) => Math.ceil(text.length ** 2 / 2_000),
    };
    const examples = Array.from({ length: 30 }, (_, i) => ({
      id: `q${i}`,
      text: 'x'.repeat(40 + i),
    }));
    const result = await pack(
      base({ model: undefined, tokenizer: quadratic, contextWindow: 800, format: 'completion' }),
    );
    expect(result.usedTokens).toBe(quadratic.count(result.prompt!));
    expect(result.usedTokens).toBeLessThanOrEqual(700);
    const withExamples = await pack(
      base({
        model: undefined,
        tokenizer: quadratic,
        contextWindow: 800,
        format: 'completion',
        examples,
      }),
    );
    expect(withExamples.included.length).toBeGreaterThan(0);
    expect(withExamples.usedTokens).toBe(quadratic.count(withExamples.prompt!));
    expect(withExamples.usedTokens).toBeLessThanOrEqual(700);
    expect(withExamples.dropped.every((d) => d.reason === 'budget')).toBe(true);
    // Summing the parts would have admitted more examples than really fit.
    let bySum = result.usedTokens;
    let admittedBySum = 0;
    for (const e of examples) {
      const part = quadratic.count(`\n\n${e.text}`);
      if (bySum + part <= 700) {
        bySum += part;
        admittedBySum++;
      }
    }
    expect(admittedBySum).toBeGreaterThan(withExamples.included.length);
  });
});

describe('pack: near-duplicates', () => {
  const examples = [
    { id: 'a', text: 'Fires on the word "the" at the start of a sentence in news text.' },
    { id: 'a-copy', text: 'Fires on the word "the" at the start of a sentence in news text!' },
    { id: 'b', text: 'Responds to closing brackets in JavaScript source code.' },
    { id: 'a-edit', text: 'fires on the word "the" at the start of a sentence in news TEXT' },
  ];

  it('keeps them unless diversity is asked for', async () => {
    expect((await pack(base({ examples }))).included).toEqual(['a', 'a-copy', 'b', 'a-edit']);
  });

  it('skips lower-ranked near-duplicates of included examples', async () => {
    const result = await pack(base({ examples, diversity: true }));
    expect(result.included).toEqual(['a', 'b']);
    expect(result.dropped).toEqual([
      { id: 'a-copy', reason: 'near-duplicate' },
      { id: 'a-edit', reason: 'near-duplicate' },
    ]);
  });

  it('honours a custom similarity threshold', async () => {
    const loose = [
      { id: 'x', text: 'one two three four five six seven eight' },
      { id: 'y', text: 'one two three four five six nine ten' },
    ];
    // 4 of 8 distinct 3-word shingles are shared: Jaccard 0.5.
    expect(
      (await pack(base({ examples: loose, diversity: { maxSimilarity: 0.5 } }))).included,
    ).toEqual(['x']);
    expect(
      (await pack(base({ examples: loose, diversity: { maxSimilarity: 0.6 } }))).included,
    ).toEqual(['x', 'y']);
  });
});

describe('pack: query overflow', () => {
  const longQuery = `START ${words(3_000, 'rec')} END`;

  it('fails with QUERY_TOO_LONG by default, saying what to do', async () => {
    const error = await expectEccoError(
      () => pack(base({ query: longQuery, contextWindow: 1_000 })),
      'QUERY_TOO_LONG',
    );
    expect(error.message).toMatch(/truncate-middle/);
    expect(error.details).toMatchObject({ limit: 900 });
  });

  it('cuts the middle out of the query when asked, keeping both ends and filling the budget', async () => {
    const result = await pack(
      base({
        query: longQuery,
        contextWindow: 1_000,
        queryOverflow: 'truncate-middle',
        examples: [{ id: 'a', text: 'Example' }],
      }),
    );
    const user = result.messages!.at(-1)!.content;
    expect(result.queryTruncated).toBe(true);
    expect(user).toContain('START');
    expect(user).toContain('END');
    expect(user).toContain(TRUNCATION_MARKER);
    expect(result.usedTokens).toBeLessThanOrEqual(900);
    expect(result.usedTokens).toBeGreaterThan(890);
    expect(result.dropped).toEqual([{ id: 'a', reason: 'budget' }]);
  });

  it("uses the caller's truncation and re-verifies what it returns", async () => {
    const calls: number[] = [];
    const result = await pack(
      base({
        query: longQuery,
        contextWindow: 1_000,
        truncateQuery: (query, maxTokens, counter) => {
          calls.push(maxTokens);
          // Over-shoots on purpose on the first call: the packer must ask again for less.
          return truncateMiddle(query, calls.length === 1 ? maxTokens + 50 : maxTokens, counter);
        },
      }),
    );
    expect(calls.length).toBe(2);
    expect(calls[1]).toBeLessThan(calls[0]!);
    expect(result.queryTruncated).toBe(true);
    expect(result.usedTokens).toBeLessThanOrEqual(900);
  });

  it('refuses when system and instructions alone do not fit', async () => {
    const error = await expectEccoError(
      () =>
        pack(
          base({
            instructions: words(2_000),
            contextWindow: 1_000,
            queryOverflow: 'truncate-middle',
          }),
        ),
      'QUERY_TOO_LONG',
    );
    expect(error.message).toMatch(/system and instructions alone/);
  });
});

describe('pack: tokenizers', () => {
  it('packs for an open model with its Hugging Face tokenizer and chat template', async () => {
    const tokenizer = await getTokenCounter('tiny', { localModelPath: fixtureDir('tiny-bpe') });
    const examples = Array.from({ length: 150 }, (_, i) => ({
      id: `e${i}`,
      text: `hello world ${i}`,
    }));
    const result = await pack(base({ model: 'tiny', tokenizer, examples, maxOutputTokens: 112 }));
    expect(result.contextWindow).toBe(512); // from config.json
    expect(result.tokenizer).toEqual({ name: 'hf:tiny', exact: true });
    expect(result.usedTokens).toBe(tokenizer.countChat!(result.messages!));
    expect(result.usedTokens).toBeLessThanOrEqual(400);
    expect(result.usedTokens).toBeGreaterThan(390);
  });

  it('marks chat counts inexact for a tokenizer without a chat template', async () => {
    const tokenizer = await getTokenCounter('bert', {
      localModelPath: fixtureDir('tiny-wordpiece'),
    });
    const chat = await pack(base({ model: 'bert', tokenizer, maxOutputTokens: 28 }));
    expect(chat.tokenizer.exact).toBe(false);
    expect(chat.safetyMarginTokens).toBe(10);
    const completion = await pack(
      base({ model: 'bert', tokenizer, maxOutputTokens: 28, format: 'completion' }),
    );
    expect(completion.tokenizer.exact).toBe(true);
    expect(completion.usedTokens).toBe(tokenizer.countPrompt!(completion.prompt!));
  });

  it('estimates for unknown models, holding back a safety margin', async () => {
    const result = await pack(base({ model: 'my-local-llm', contextWindow: 2_000 }));
    expect(result.tokenizer.exact).toBe(false);
    expect(result.tokenizer.name).toMatch(/^estimate:/);
    expect(result).toMatchObject({ budget: 1_900, safetyMarginTokens: 190 });
    const noMargin = await pack(
      base({ model: 'my-local-llm', contextWindow: 2_000, safetyMargin: 0 }),
    );
    expect(noMargin.safetyMarginTokens).toBe(0);
  });

  it('uses registered models', async () => {
    registerModel({ name: 'gpt-4o', contextWindow: 1_000 });
    expect((await pack(base())).contextWindow).toBe(1_000);
  });
});

describe('pack: determinism', () => {
  it('gives the same result for the same input', async () => {
    const examples = Array.from({ length: 80 }, (_, i) => ({
      id: `e${i}`,
      text: words(3 + (i % 17)),
    }));
    const options = base({ examples, contextWindow: 900, diversity: true });
    expect(await pack(options)).toEqual(await pack(options));
  });
});

describe('pack: bad input', () => {
  it.each([
    [{ query: '  ' }, 'EMPTY_QUERY'],
    [{ format: 'xml' as 'chat' }, 'INVALID_ARGUMENT'],
    [{ instructions: undefined as unknown as string }, 'INVALID_ARGUMENT'],
    [
      {
        examples: [
          { id: 'a', text: 'x' },
          { id: 'a', text: 'y' },
        ],
      },
      'INVALID_EXAMPLE',
    ],
    [{ examples: [{ id: '', text: 'x' }] }, 'INVALID_EXAMPLE'],
    [{ examples: [{ id: 'a' }] }, 'INVALID_EXAMPLE'],
    [
      {
        examples: [
          { id: 'a', messages: [{ role: 'tool', content: 'x' }] },
        ] as unknown as PackExample[],
      },
      'INVALID_EXAMPLE',
    ],
    [{ maxExamples: -1 }, 'INVALID_ARGUMENT'],
    [{ diversity: { maxSimilarity: 0 } }, 'INVALID_ARGUMENT'],
    [{ queryOverflow: 'drop' as 'error' }, 'INVALID_ARGUMENT'],
    [{ maxOutputTokens: 0 }, 'INVALID_BUDGET'],
    [{ maxOutputTokens: 20_000 }, 'INVALID_BUDGET'],
    [{ contextWindow: 100, maxOutputTokens: 100 }, 'INVALID_BUDGET'],
    [{ contextWindow: 1.5 }, 'INVALID_BUDGET'],
    [{ model: 'mystery-model' }, 'INVALID_BUDGET'],
    [{ safetyMargin: 1 }, 'INVALID_BUDGET'],
    [{ model: 'text-davinci-003', format: 'chat' as const }, 'INVALID_ARGUMENT'],
    [{ format: 'completion' as const }, 'INVALID_ARGUMENT'],
    [{ tokenizer: {} as TokenCounter }, 'INVALID_ARGUMENT'],
    [{ truncateQuery: 'middle' as unknown as PackOptions['truncateQuery'] }, 'INVALID_ARGUMENT'],
  ])('rejects %j with %s', async (over, code) => {
    const error = await expectEccoError(() => pack(base(over as Partial<PackOptions>)), code);
    expect(error.message.length).toBeGreaterThan(20);
  });
});

describe('pack: few-shot turns through a strict chat template', () => {
  it('packs alternating example turns under a Llama-2-style template and counts them exactly', async () => {
    const tokenizer = await getTokenCounter('tiny-llama', {
      localModelPath: repoModelDir('tiny-llama'),
      chatTemplate: LLAMA2_STYLE_TEMPLATE,
    });
    const examples = Array.from({ length: 30 }, (_, i) => ({
      id: `shot${i}`,
      messages: [
        { role: 'user' as const, content: `the(${i % 10}) cat(0)` },
        { role: 'assistant' as const, content: `Articles, shot ${i}.` },
      ],
    }));
    const result = await pack(
      base({ model: 'tiny-llama', tokenizer, system: 'Explain.', examples, maxOutputTokens: 8 }),
    );
    expect(result.budget).toBe(120);
    expect(result.included.length).toBeGreaterThan(0);
    expect(result.dropped.length).toBeGreaterThan(0);
    expect(result.usedTokens).toBe(tokenizer.countChat!(result.messages!));
    expect(result.usedTokens).toBeLessThanOrEqual(120);
    expect(result.messages!.map((m) => m.role)).toEqual([
      'system',
      ...result.included.flatMap(() => ['user', 'assistant']),
      'user',
    ]);
  });
});
