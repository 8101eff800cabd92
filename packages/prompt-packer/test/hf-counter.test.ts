import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHATML_FALLBACK_TEMPLATE,
  type ChatMessage,
  getTokenCounter,
  loadHfTokenizerFiles,
} from '../src/index.js';
import { expectEccoError, fixtureDir, LLAMA2_STYLE_TEMPLATE, repoModelDir } from './helpers.js';

const BPE = fixtureDir('tiny-bpe');
const WORDPIECE = fixtureDir('tiny-wordpiece');

const CHATS: ChatMessage[][] = [
  [{ role: 'user', content: 'hello world' }],
  [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'the user said hello' },
    { role: 'assistant', content: 'Fires on "the".' },
    { role: 'user', content: 'Now: <|im_start|> inside text, and ünïcödé 🧠.\n\nDone.' },
  ],
];

/** transformers.js's own apply_chat_template, the reference for template rendering. */
async function referenceChatIds(dir: string, chat: ChatMessage[]): Promise<number[]> {
  env.allowRemoteModels = false;
  env.localModelPath = '';
  const tokenizer = await AutoTokenizer.from_pretrained(dir);
  return tokenizer.apply_chat_template(chat, {
    add_generation_prompt: true,
    tokenize: true,
    return_tensor: false,
    return_dict: false,
  }) as number[];
}

describe('Hugging Face counters', () => {
  it('count text with the tokenizer and prompts with the post-processor specials', async () => {
    const counter = await getTokenCounter('tiny', { localModelPath: BPE });
    expect(counter.name).toBe('hf:tiny');
    expect(counter.exact).toBe(true);
    // Merges h+e, l+l, he+ll, hell+o make "hello" one token; " world" is Ġw+orld → 1, "," → 1.
    expect(counter.count('hello')).toBe(1);
    expect(counter.count('hello world,')).toBe(3);
    expect(counter.countPrompt!('hello')).toBe(2); // <s> hello
    expect(counter.decode!(counter.encode!('hello world'))).toBe('hello world');
  });

  it('count chat prompts exactly as apply_chat_template tokenizes them', async () => {
    const counter = await getTokenCounter('tiny', { localModelPath: BPE });
    expect(counter.chatExact).toBe(true);
    for (const chat of CHATS) {
      expect(counter.countChat!(chat)).toBe((await referenceChatIds(BPE, chat)).length);
    }
  });

  it('read the context window from config.json', async () => {
    expect((await getTokenCounter('tiny', { localModelPath: BPE })).contextWindow).toBe(512);
    expect((await getTokenCounter('w', { localModelPath: WORDPIECE })).contextWindow).toBe(128);
  });

  it('fall back to a ChatML layout, marked inexact, when the tokenizer has no template', async () => {
    const counter = await getTokenCounter('bert-like', { localModelPath: WORDPIECE });
    expect(counter.exact).toBe(true);
    expect(counter.chatExact).toBe(false);
    expect(counter.count('Hello world')).toBe(2);
    expect(counter.countPrompt!('Hello world')).toBe(4); // [CLS] hello world [SEP]
    const chat = CHATS[0]!;
    const withFallback = await getTokenCounter('bert-like', {
      localModelPath: WORDPIECE,
      chatTemplate: CHATML_FALLBACK_TEMPLATE,
    });
    expect(withFallback.chatExact).toBe(true); // a template was given explicitly
    expect(counter.countChat!(chat)).toBe(withFallback.countChat!(chat));
    expect(counter.countChat!(chat)).toBeGreaterThan(counter.count('hello world'));
  });

  it('take tokenizer.json and tokenizer_config.json as objects or JSON text', async () => {
    const json = await readFile(join(BPE, 'tokenizer.json'), 'utf8');
    const config = await readFile(join(BPE, 'tokenizer_config.json'), 'utf8');
    const fromText = await getTokenCounter('t', { tokenizerJson: json, tokenizerConfig: config });
    const fromObjects = await getTokenCounter('t', {
      tokenizerJson: JSON.parse(json),
      tokenizerConfig: JSON.parse(config),
    });
    for (const chat of CHATS) {
      expect(fromText.countChat!(chat)).toBe((await referenceChatIds(BPE, chat)).length);
      expect(fromObjects.countChat!(chat)).toBe(fromText.countChat!(chat));
    }
  });

  it('fail with TOKENIZER_UNAVAILABLE on a folder without tokenizer.json or with bad JSON', async () => {
    await expectEccoError(
      () => getTokenCounter('x', { localModelPath: fixtureDir('does-not-exist') }),
      'TOKENIZER_UNAVAILABLE',
    );
    await expectEccoError(
      () => getTokenCounter('x', { tokenizerJson: '{ not json' }),
      'TOKENIZER_UNAVAILABLE',
    );
    await expectEccoError(
      () => getTokenCounter('x', { tokenizerJson: { model: { type: 'Nope' } } }),
      'TOKENIZER_UNAVAILABLE',
    );
  });

  it('read a folder given as a file: URL (spaces and all), and refuse data:/blob: URLs', async () => {
    const url = pathToFileURL(BPE).href;
    expect(url).toMatch(/^file:\/\//);
    const fromUrl = await getTokenCounter('tiny', { localModelPath: url });
    expect(fromUrl.count('hello world,')).toBe(3);
    expect(fromUrl.contextWindow).toBe(512);
    // Percent-escapes are decoded the way Node does, so a missing folder is reported as a path.
    await expectEccoError(
      () => loadHfTokenizerFiles(pathToFileURL(fixtureDir('no such dir')).href),
      'TOKENIZER_UNAVAILABLE',
    );
    await expectEccoError(
      () => loadHfTokenizerFiles('data:application/json,{}'),
      'INVALID_ARGUMENT',
    );
  });

  it('reject a template that does not parse', async () => {
    await expectEccoError(
      () => getTokenCounter('x', { localModelPath: BPE, chatTemplate: '{% for %}' }),
      'TOKENIZER_UNAVAILABLE',
    );
  });

  describe('from a model folder served over HTTP', () => {
    let server: Server;
    let base: string;
    const requested: string[] = [];
    beforeAll(async () => {
      server = createServer(async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        requested.push(`${url.pathname}${url.search}`);
        if (url.searchParams.get('sig') !== 'hf_abcdefghijklmnopqrstuvwxyz1234') {
          res.writeHead(403).end();
          return;
        }
        const file = url.pathname.split('/').pop()!;
        const body = await readFile(join(BPE, file)).catch(() => undefined);
        if (body === undefined) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/tiny`;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    it('load the files, keeping the URL query, and count like the local copy', async () => {
      const remote = await getTokenCounter('tiny', {
        localModelPath: `${base}?sig=hf_abcdefghijklmnopqrstuvwxyz1234`,
      });
      const local = await getTokenCounter('tiny', { localModelPath: BPE });
      expect(requested).toContain(
        '/models/tiny/tokenizer.json?sig=hf_abcdefghijklmnopqrstuvwxyz1234',
      );
      expect(remote.contextWindow).toBe(512);
      for (const chat of CHATS) expect(remote.countChat!(chat)).toBe(local.countChat!(chat));
    });

    it('report a refused download without repeating the secret in the URL', async () => {
      const error = await expectEccoError(
        () => loadHfTokenizerFiles(`${base}?sig=hf_WRONGWRONGWRONGWRONGWRONG99`),
        'TOKENIZER_UNAVAILABLE',
      );
      expect(error.message).toContain('HTTP 403');
      expect(error.message).not.toContain('WRONGWRONG');
      expect(JSON.stringify(error)).not.toContain('WRONGWRONG');
    });
  });
});

describe('Hugging Face counters on the project tiny-llama (SentencePiece-style, byte fallback)', () => {
  const LLAMA = repoModelDir('tiny-llama');

  it('count completion prompts as the tokenizer encodes them, <s> included', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = '';
    const reference = await AutoTokenizer.from_pretrained(LLAMA);
    const counter = await getTokenCounter('tiny-llama', { localModelPath: LLAMA });
    expect(counter.contextWindow).toBe(128);
    for (const text of ['hello world', 'The cat sat.\n\nOn the mat 🧠 ü', ' leading space']) {
      expect(counter.countPrompt!(text)).toBe(reference.encode(text).length);
      expect(counter.count(text)).toBe(
        reference.encode(text, { add_special_tokens: false }).length,
      );
    }
  });

  it('render a Llama-2-style template with bos/eos exactly as apply_chat_template does', async () => {
    const counter = await getTokenCounter('tiny-llama', {
      localModelPath: LLAMA,
      chatTemplate: LLAMA2_STYLE_TEMPLATE,
    });
    const chat: ChatMessage[] = [
      { role: 'system', content: 'Explain neurons.' },
      { role: 'user', content: 'the(9) cat(0)' },
      { role: 'assistant', content: 'Articles.' },
      { role: 'user', content: 'sat(3) on(0)' },
    ];
    env.allowRemoteModels = false;
    env.localModelPath = '';
    const reference = await AutoTokenizer.from_pretrained(LLAMA);
    const ids = reference.apply_chat_template(chat, {
      chat_template: LLAMA2_STYLE_TEMPLATE,
      add_generation_prompt: true,
      tokenize: true,
      return_tensor: false,
      return_dict: false,
    }) as number[];
    expect(counter.countChat!(chat)).toBe(ids.length);
  });

  it('say clearly when the template refuses the conversation', async () => {
    const counter = await getTokenCounter('tiny-llama', {
      localModelPath: LLAMA,
      chatTemplate: LLAMA2_STYLE_TEMPLATE,
    });
    const error = await expectEccoError(
      () =>
        counter.countChat!([
          { role: 'assistant', content: 'first' },
          { role: 'user', content: 'second' },
        ]),
      'INVALID_ARGUMENT',
    );
    expect(error.message).toMatch(/alternate/);
  });
});
