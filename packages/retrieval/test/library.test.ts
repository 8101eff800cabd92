import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEccoError } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { buildLibraryDocument } from '../scripts/library-document.js';
import { BUILTIN_EXAMPLES_V1 } from '../src/builtin/examples-v1.generated.js';
import { type Example, ExampleLibrary } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const builtin = ExampleLibrary.builtin();

function expectCode(fn: () => unknown, code: string, text?: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(isEccoError(error, code as never), String(error)).toBe(true);
    if (text) expect((error as Error).message).toMatch(text);
    return;
  }
  throw new Error(`expected ${code}`);
}

const valid = (): Example => ({
  id: 'mine-1',
  genre: 'prose',
  tokenizerFamily: 'plain',
  pattern: 'digits',
  record: {
    tokens: [
      { text: 'a', value: 0 },
      { text: '7', value: 10 },
    ],
  },
  explanation: 'Digits.',
});

describe('the builtin library', () => {
  const all = builtin.all();

  it('has at least 80 examples over at least 8 genres and 3 tokenizer families', () => {
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(new Set(all.map((e) => e.genre)).size).toBeGreaterThanOrEqual(8);
    const families = new Set(all.map((e) => e.tokenizerFamily));
    for (const f of ['wordpiece', 'byte-bpe', 'sentencepiece']) expect(families).toContain(f);
  });

  it('covers code in several languages and the hard factor kinds', () => {
    const languages = new Set(all.filter((e) => e.genre === 'code').map((e) => e.language));
    expect(languages.size).toBeGreaterThanOrEqual(4);
    const patterns = new Set(all.map((e) => e.pattern));
    for (const p of [
      'no-clear-pattern',
      'special-token-start',
      'special-token-separator',
      'position-first',
      'position-rising',
      'subword-suffix',
    ]) {
      expect(patterns).toContain(p);
    }
  });

  it('has unique ids and every genre/pattern group at least twice (so held-out queries have answers)', () => {
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const groups = new Map<string, number>();
    for (const e of all)
      groups.set(`${e.genre}/${e.pattern}`, (groups.get(`${e.genre}/${e.pattern}`) ?? 0) + 1);
    for (const [group, n] of groups) expect(n, group).toBeGreaterThanOrEqual(2);
  });

  it('keeps display text per core conventions: no raw subword marks left in the tokens', () => {
    for (const e of all) {
      expect(e.record.tokenizerFamily).toBe(e.tokenizerFamily);
      for (const t of e.record.tokens) {
        if (e.tokenizerFamily === 'wordpiece') expect(t.text.startsWith('##'), e.id).toBe(false);
        if (e.tokenizerFamily === 'byte-bpe') expect(t.text, e.id).not.toMatch(/[ĠĊĉ]/);
        if (e.tokenizerFamily === 'sentencepiece') expect(t.text, e.id).not.toMatch(/▁|<0x/);
      }
    }
    const wp = builtin.get('prose-past-tense-wordpiece')!.record.tokens;
    const ed = wp.find((t) => t.text === 'ed')!;
    expect(ed.continuesWord).toBe(true);
    expect(ed.value).toBe(9);
    const spaces = builtin
      .get('code-python-indentation-sentencepiece')!
      .record.tokens.filter((t) => /^ +$/.test(t.text));
    expect(spaces.map((t) => t.text.length)).toEqual([3, 3, 7]);
  });

  it('writes explanations as one or two full sentences', () => {
    for (const e of all) {
      expect(e.explanation, e.id).toMatch(/^[A-Z`[<].*[.)]$/s);
      expect(e.explanation.split(/(?<=\.)\s+(?=[A-Z])/).length, e.id).toBeLessThanOrEqual(3);
    }
  });

  it('ships the same data as JSON, as a module, and as the authored specs', () => {
    const json = JSON.parse(readFileSync(resolve(here, '../data/examples.v1.json'), 'utf8'));
    expect(json).toEqual(BUILTIN_EXAMPLES_V1);
    expect(buildLibraryDocument()).toEqual(BUILTIN_EXAMPLES_V1);
    expect(json.format).toBe('explainable-ecco/examples');
    expect(builtin.version).toBe(`builtin@${json.version}`);
  });
});

describe('ExampleLibrary', () => {
  it('adds valid examples and changes its version', () => {
    const library = ExampleLibrary.builtin();
    const before = library.version;
    library.add(valid());
    expect(library.size).toBe(builtin.size + 1);
    expect(library.version).not.toBe(before);
    expect(library.version).toMatch(/^builtin@1\.0\.0\+[0-9a-f]{16}$/);
    expect(new ExampleLibrary([valid()]).version).toBe(new ExampleLibrary([valid()]).version);
  });

  it('copies examples so later edits of the caller do not leak in', () => {
    const e = valid();
    const library = new ExampleLibrary([e]);
    e.record.tokens[1]!.value = 3;
    expect(library.all()[0]!.record.tokens[1]!.value).toBe(10);
  });

  it.each([
    ['no id', (e: Example) => Object.assign(e, { id: '' }), /no id/],
    [
      'bad family',
      (e: Example) => Object.assign(e, { tokenizerFamily: 'bpe' }),
      /tokenizerFamily "bpe"/,
    ],
    ['no tokens', (e: Example) => Object.assign(e, { record: { tokens: [] } }), /without tokens/],
    ['value 11', (e: Example) => (e.record.tokens[1]!.value = 11), /value 11.*integers 0–10/],
    ['value 2.5', (e: Example) => (e.record.tokens[1]!.value = 2.5), /value 2.5/],
    ['all zero', (e: Example) => (e.record.tokens[1]!.value = 0), /every value is 0/],
    ['bad window', (e: Example) => (e.record.windows = [[1, 5]]), /window \[1,5\]/],
    ['no explanation', (e: Example) => Object.assign(e, { explanation: ' ' }), /no explanation/],
    ['no pattern', (e: Example) => Object.assign(e, { pattern: '' }), /no pattern/],
  ])('rejects an example with %s (INVALID_EXAMPLE naming it)', (_, spoil, message) => {
    const e = valid();
    spoil(e);
    expectCode(() => new ExampleLibrary([e]), 'INVALID_EXAMPLE', message);
  });

  it('rejects duplicate ids and leaves the library unchanged (all or nothing)', () => {
    const library = new ExampleLibrary([valid()]);
    const other = { ...valid(), id: 'mine-2' };
    expectCode(() => library.add(other, valid()), 'INVALID_EXAMPLE', /already in the library/);
    expect(library.size).toBe(1);
    expectCode(() => new ExampleLibrary([other, other]), 'INVALID_EXAMPLE', /mine-2/);
  });
});
