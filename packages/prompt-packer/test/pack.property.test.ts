import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import fc from 'fast-check';
import p50k from 'gpt-tokenizer/encoding/p50k_base';
import { encodeChat as encodeChatGpt4 } from 'gpt-tokenizer/model/gpt-4';
import { encodeChat as encodeChatGpt4o } from 'gpt-tokenizer/model/gpt-4o';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHATML_FALLBACK_TEMPLATE,
  type ChatMessage,
  createEstimateCounter,
  getTokenCounter,
  type PackExample,
  type PackResult,
  pack,
  type TokenCounter,
  TRUNCATION_MARKER,
} from '../src/index.js';
import { fixtureDir, occurrences, repoModelDir } from './helpers.js';

const TEXT_ONLY = { disallowedSpecial: new Set<string>() };
const QUERY_MARK = '⟦Q⟧';

interface Subject {
  model?: string;
  tokenizer?: () => TokenCounter;
  formats: Array<'chat' | 'completion'>;
  /** The count of the final prompt by an implementation other than ours, where one exists. */
  reference: (result: PackResult) => number;
}

let hf: PreTrainedTokenizer;
let hfCounter: TokenCounter;
let llama: PreTrainedTokenizer;
let llamaCounter: TokenCounter;
const quadratic: TokenCounter = {
  name: 'test:quadratic',
  exact: true,
  count: (t) => Math.ceil(t.length ** 2 / 4_000),
};
const estimate = createEstimateCounter();

const SUBJECTS: Record<string, Subject> = {
  'gpt-4o (o200k)': {
    model: 'gpt-4o',
    formats: ['chat'],
    reference: (r) => encodeChatGpt4o(r.messages!, 'gpt-4o', TEXT_ONLY).length,
  },
  'gpt-4 (cl100k)': {
    model: 'gpt-4',
    formats: ['chat'],
    reference: (r) => encodeChatGpt4(r.messages!, 'gpt-4', TEXT_ONLY).length,
  },
  'text-davinci-003 (p50k)': {
    model: 'text-davinci-003',
    formats: ['completion'],
    reference: (r) => p50k.encode(r.prompt!, TEXT_ONLY).length,
  },
  'hf tiny-bpe': {
    model: 'tiny',
    tokenizer: () => hfCounter,
    formats: ['chat', 'completion'],
    reference: (r) =>
      r.messages
        ? (
            hf.apply_chat_template(r.messages, {
              add_generation_prompt: true,
              tokenize: true,
              return_tensor: false,
              return_dict: false,
            }) as number[]
          ).length
        : hf.encode(r.prompt!).length,
  },
  'hf tiny-llama (SentencePiece, byte fallback; ChatML template given)': {
    model: 'tiny-llama',
    tokenizer: () => llamaCounter,
    formats: ['chat', 'completion'],
    reference: (r) =>
      r.messages
        ? (
            llama.apply_chat_template(r.messages, {
              chat_template: CHATML_FALLBACK_TEMPLATE,
              add_generation_prompt: true,
              tokenize: true,
              return_tensor: false,
              return_dict: false,
            }) as number[]
          ).length
        : llama.encode(r.prompt!).length,
  },
  estimate: {
    tokenizer: () => estimate,
    formats: ['chat', 'completion'],
    reference: (r) => (r.messages ? estimate.countChat!(r.messages) : estimate.count(r.prompt!)),
  },
  'quadratic (counts grow faster than parts)': {
    tokenizer: () => quadratic,
    formats: ['chat', 'completion'],
    reference: (r) =>
      r.messages
        ? 3 +
          r.messages.reduce(
            (n, m) => n + 3 + quadratic.count(m.role) + quadratic.count(m.content),
            0,
          )
        : quadratic.count(r.prompt!),
  },
};

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.localModelPath = '';
  hf = await AutoTokenizer.from_pretrained(fixtureDir('tiny-bpe'));
  hfCounter = await getTokenCounter('tiny', { localModelPath: fixtureDir('tiny-bpe') });
  llama = await AutoTokenizer.from_pretrained(repoModelDir('tiny-llama'));
  llamaCounter = await getTokenCounter('tiny-llama', {
    localModelPath: repoModelDir('tiny-llama'),
    chatTemplate: CHATML_FALLBACK_TEMPLATE,
  });
});

// Text with no query mark, mixing words, digits, records, whitespace and non-ASCII.
const textArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'the',
        'cat',
        ' sat',
        'on',
        'mat',
        'neuron',
        'fires',
        '(10)',
        '(0)',
        '\n',
        '\n\n',
        '  ',
        '.',
        ',',
        '<<the>>',
        '🧠',
        'ü',
        '日本',
        '\t',
        '1234',
        '<|endoftext|>',
      ),
      fc.string({ maxLength: 12 }).map((s) => s.replaceAll(QUERY_MARK, '')),
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map((parts) => `w ${parts.join(' ')}`);

const messagesArb = fc.array(
  fc.record({
    role: fc.constantFrom<ChatMessage['role']>('user', 'assistant'),
    content: textArb,
  }),
  { minLength: 1, maxLength: 3 },
);

const examplesArb = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: textArb.map((text) => ({ text })) },
      { weight: 1, arbitrary: messagesArb.map((messages) => ({ messages })) },
    ),
    { maxLength: 30 },
  )
  .map((xs) => xs.map((x, i): PackExample => ({ id: `ex${i}`, ...x })));

const caseArb = fc.record({
  examples: examplesArb,
  query: textArb.map((t) => `${QUERY_MARK} ${t}`),
  instructions: fc.oneof(fc.constant(''), textArb),
  system: fc.option(textArb, { nil: undefined }),
  contextWindow: fc.integer({ min: 60, max: 3_000 }),
  outputShare: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
  formatPick: fc.nat(),
  maxExamples: fc.option(fc.nat({ max: 20 }), { nil: undefined }),
  diversity: fc.boolean(),
  truncate: fc.boolean(),
});

const allText = (r: PackResult) =>
  r.messages ? r.messages.map((m) => m.content).join('\u0000') : r.prompt!;

describe.each(Object.entries(SUBJECTS))('pack properties with %s', (_, subject) => {
  it('uses exactly the tokens it reports, within budget, each example at most once, the query once', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const format = subject.formats[c.formatPick % subject.formats.length]!;
        const maxOutputTokens = Math.max(1, Math.floor(c.contextWindow * c.outputShare));
        let result: PackResult;
        try {
          result = await pack({
            ...(subject.model !== undefined && { model: subject.model }),
            ...(subject.tokenizer && { tokenizer: subject.tokenizer() }),
            ...(c.system !== undefined && { system: c.system }),
            instructions: c.instructions,
            examples: c.examples,
            query: c.query,
            contextWindow: c.contextWindow,
            maxOutputTokens,
            format,
            diversity: c.diversity,
            queryOverflow: c.truncate ? 'truncate-middle' : 'error',
            ...(c.maxExamples !== undefined && { maxExamples: c.maxExamples }),
          });
        } catch (error) {
          // Allowed only when even the example-free prompt cannot fit.
          expect((error as { code?: string }).code).toBe('QUERY_TOO_LONG');
          return;
        }
        expect(result.usedTokens).toBe(subject.reference(result));
        expect(result.budget).toBe(c.contextWindow - maxOutputTokens);
        expect(result.usedTokens).toBeLessThanOrEqual(result.budget - result.safetyMarginTokens);

        const ids = c.examples.map((e) => e.id);
        const seen = [...result.included, ...result.dropped.map((d) => d.id)];
        expect([...seen].sort()).toEqual([...ids].sort());
        expect(result.included).toEqual(ids.filter((id) => result.included.includes(id)));
        if (c.maxExamples !== undefined) {
          expect(result.included.length).toBeLessThanOrEqual(c.maxExamples);
        }

        const user = result.messages ? result.messages.at(-1)!.content : result.prompt!;
        if (result.queryTruncated) {
          // The cut shows once, inside the query, which still ends the prompt; some of it survives.
          expect(occurrences(allText(result), QUERY_MARK)).toBeLessThanOrEqual(1);
          expect(occurrences(allText(result), TRUNCATION_MARKER)).toBe(1);
          const cut = user.lastIndexOf(TRUNCATION_MARKER);
          const tail = user.slice(cut + TRUNCATION_MARKER.length);
          expect(c.query.endsWith(tail)).toBe(true);
          expect(tail.length > 0 || user.slice(0, cut).endsWith(c.query[0]!)).toBe(true);
          expect(result.included).toEqual([]);
        } else {
          expect(occurrences(allText(result), QUERY_MARK)).toBe(1);
          expect(user.endsWith(c.query)).toBe(true);
        }
      }),
      { numRuns: 100, seed: 7_2024 },
    );
  }, 120_000);
});
