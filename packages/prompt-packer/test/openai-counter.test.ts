import { encodeChat as encodeChatCl100k } from 'gpt-tokenizer/model/gpt-4';
import { encodeChat as encodeChatO200k, encode as encodeO200k } from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import { type ChatMessage, createOpenAiCounter, getTokenCounter } from '../src/index.js';

// The example conversation of OpenAI's cookbook "How to count tokens with tiktoken", whose
// prompt_tokens the API reported as 129 (gpt-3.5-turbo-0125, gpt-4-0613), 124 (gpt-4o,
// gpt-4o-mini) and, in the cookbook's earlier edition, 127 (gpt-3.5-turbo-0301: 4 tokens per
// message, −1 for a name).
const COOKBOOK: ChatMessage[] = [
  {
    role: 'system',
    content:
      'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  {
    role: 'system',
    name: 'example_user',
    content: 'New synergies will help drive top-line growth.',
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: 'Things working well together will increase revenue.',
  },
  {
    role: 'system',
    name: 'example_user',
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: 'user',
    content:
      "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

describe('OpenAI counters', () => {
  it('reproduce the prompt_tokens the OpenAI API reported for the cookbook conversation', async () => {
    for (const [model, expected] of [
      ['gpt-4o', 124],
      ['gpt-4o-mini', 124],
      ['gpt-4-0613', 129],
      ['gpt-3.5-turbo-0125', 129],
      ['gpt-3.5-turbo-0301', 127],
    ] as const) {
      const counter = await getTokenCounter(model);
      expect(counter.exact).toBe(true);
      expect(counter.countChat!(COOKBOOK), model).toBe(expected);
    }
  });

  it("agree with gpt-tokenizer's own chat encoding for gpt-4o and gpt-4", async () => {
    const chat: ChatMessage[] = [
      { role: 'system', content: 'You explain neurons.' },
      { role: 'user', content: 'Tokens: the(9) cat(0) sat(3)' },
      { role: 'assistant', content: 'Fires on "the" at sentence starts.' },
      { role: 'user', content: 'Now explain: 日本語のテキスト and emoji 🧠 too.\n\nDone.' },
    ];
    const o200k = await createOpenAiCounter('o200k_base');
    const cl100k = await createOpenAiCounter('cl100k_base');
    expect(o200k.countChat!(chat)).toBe(encodeChatO200k(chat, 'gpt-4o').length);
    expect(cl100k.countChat!(chat)).toBe(encodeChatCl100k(chat, 'gpt-4').length);
  });

  it('counts text exactly and round-trips through encode/decode', async () => {
    const counter = await createOpenAiCounter('o200k_base');
    const text = 'Factor 3 lights up on closing brackets ) ] } in code.';
    expect(counter.count(text)).toBe(encodeO200k(text).length);
    expect(counter.decode!(counter.encode!(text))).toBe(text);
    expect(counter.count('')).toBe(0);
  });

  it('treats special-token text inside examples as ordinary text instead of throwing', async () => {
    const counter = await createOpenAiCounter('cl100k_base');
    const n = counter.count('before <|endoftext|> after');
    expect(n).toBeGreaterThan(3);
    expect(counter.decode!(counter.encode!('a<|endoftext|>b'))).toBe('a<|endoftext|>b');
  });

  it('uses p50k_base for text-davinci-003 and r50k_base for davinci', async () => {
    const p50k = await getTokenCounter('text-davinci-003');
    const r50k = await getTokenCounter('davinci');
    expect(p50k.name).toBe('openai:p50k_base');
    expect(r50k.name).toBe('openai:r50k_base');
    // p50k merges runs of spaces (for code); r50k does not.
    const code = 'if x:\n        return y';
    expect(p50k.count(code)).toBeLessThan(r50k.count(code));
  });
});
