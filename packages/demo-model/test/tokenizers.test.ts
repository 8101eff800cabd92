import { readReferenceManifest } from '@explainable-ecco/test-kit';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelDir, REFERENCE_MODELS } from './reference-data.js';

beforeAll(() => {
  // Offline: a tokenizer that tried to reach the Hub would fail here instead of passing by luck.
  env.allowRemoteModels = false;
  env.localModelPath = '';
});

describe.each(REFERENCE_MODELS)('%s tokenizer', (model) => {
  const manifest = readReferenceManifest(model);
  const uncased = manifest.modelType === 'bert' || manifest.modelType === 'distilbert';

  it.each(manifest.texts.map((t) => [t.name, t] as const))(
    'reproduces the reference token ids and pieces for %s',
    async (_name, reference) => {
      const tokenizer = await AutoTokenizer.from_pretrained(modelDir(manifest));
      const ids = tokenizer.encode(reference.text);
      expect(ids).toEqual(reference.tokenIds);
      expect(tokenizer.tokenize(reference.text, { add_special_tokens: true })).toEqual(
        reference.tokens,
      );
    },
  );

  it.each(manifest.texts.map((t) => [t.name, t] as const))(
    'round-trips %s through encode → decode',
    async (_name, reference) => {
      const tokenizer = await AutoTokenizer.from_pretrained(modelDir(manifest));
      const decoded = tokenizer.decode(tokenizer.encode(reference.text), {
        skip_special_tokens: true,
      });
      if (uncased) {
        // Uncased WordPiece keeps no case and no spacing (pieces are rejoined with spaces), so
        // what survives is the lower-cased character sequence.
        const strip = (s: string) => s.toLowerCase().replace(/\s+/g, '');
        expect(strip(decoded)).toBe(strip(reference.text));
        expect(decoded).not.toContain('[UNK]');
      } else {
        expect(decoded).toBe(reference.text);
      }
    },
  );
});

describe.each(['demo-gpt2', 'tiny-llama'])('%s tokenizer on unseen text', (model) => {
  const manifest = readReferenceManifest(model);
  // Byte-level BPE and byte fallback can spell anything: none of these may come back altered.
  const samples = [
    "Don't stop—it's 3:45\tp.m.,  isn't it?",
    'naïve café, Ærøskøbing, Straße',
    'emoji 🤖 and CJK 机器人 and math ∑ x² ≤ 1',
    // No leading space: Llama's decoder strips the one space its pre-tokenizer prepends, so a text
    // that already starts with a space comes back one space shorter (Meta's tokenizer does too).
    'code:\n    indented\n\n\ttabs\r\nCRLF   trailing   ',
  ];

  it.each(samples.map((s) => [JSON.stringify(s), s] as const))('round-trips %s', async (_l, s) => {
    const tokenizer = await AutoTokenizer.from_pretrained(modelDir(manifest));
    const ids = tokenizer.encode(s);
    expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe(s);
    if (tokenizer.unk_token_id !== undefined) expect(ids).not.toContain(tokenizer.unk_token_id);
  });
});
