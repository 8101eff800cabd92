import { describe, expect, it } from 'vitest';
import { createOpenAiCounter, getTokenCounter } from '../src/index.js';

const SAMPLES = [
  'The factor responds to the definite article "the" when it starts a noun phrase after a verb.',
  'function pack(options) { return options.examples.filter((e) => e.text.length > 0); }',
  'Die Aktivierung steigt bei zusammengesetzten Substantiven wie Donaudampfschifffahrt deutlich an.',
  '数字の後に続く単位（キログラム、メートル）で強く反応します。',
  'tokens: the(10) cat(0) sat(2) on(0) the(9) mat(1)',
  '<<the>> cat sat on <<the>> mat\nthe\t10\ncat\t0\n',
  '{"id":"f3-l7","values":[0,3,10,2],"url":"https://example.org/a?b=c&d=e"}',
  'def f(x):\n        if x > 0:\n            return x ** 2\n        return -x',
  'Ёлки-палки, это русский текст с цифрами 1234567 и знаками №5.',
  'Emoji 🧠🔥👍🏽 and symbols ™ © ∑ ≥ → in a row.',
  'Pneumonoultramicroscopicsilicovolcanoconiosis antidisestablishmentarianism',
  'Il modello risponde alle preposizioni articolate come della, nella e sulla in frasi lunghe.',
];

describe('estimate counter', () => {
  it('is labelled as an estimate for models nobody knows', async () => {
    const counter = await getTokenCounter('some-local-model');
    expect(counter.exact).toBe(false);
    expect(counter.name).toMatch(/^estimate:/);
  });

  it('over-counts real OpenAI tokenizers on prose, code and other scripts', async () => {
    const estimate = await getTokenCounter('unknown');
    // Targets today's large vocabularies; GPT-3's English-centric ones (known, so never estimated)
    // need up to 1.16× more on German and Japanese.
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      const exact = await createOpenAiCounter(encoding);
      for (const text of SAMPLES) {
        expect(estimate.count(text), `${encoding}: ${text}`).toBeGreaterThanOrEqual(
          exact.count(text),
        );
      }
      const chat = SAMPLES.map((content) => ({ role: 'user' as const, content }));
      expect(estimate.countChat!(chat)).toBeGreaterThanOrEqual(exact.countChat!(chat));
    }
  });
});
