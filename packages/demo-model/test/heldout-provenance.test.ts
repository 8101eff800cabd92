import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@explainable-ecco/test-kit';
import { describe, expect, it } from 'vitest';
import { demoModelPath } from '../src/index.js';

/**
 * The repository is MIT, so the committed held-out text may only hold public-domain or
 * permissively licensed text whose notice travels with it, or text the project wrote itself
 * (tools/models/modelkit/corpus_sources.py decides which sources may be held out). These tests
 * recognise every paragraph as one of those kinds, so a source added back by mistake (GPL
 * dictionary entries, fortunes, someone else's code) fails here.
 */
const HELD_OUT = readFileSync(join(repoRoot, 'fixtures/reference/demo-gpt2/heldout.txt'), 'utf8');
const CODE_DIR = join(repoRoot, 'tools/models/heldout-code');
const PROJECT_CODE = readdirSync(CODE_DIR)
  .filter((f) => f.endsWith('.py'))
  .map((f) => readFileSync(join(CODE_DIR, f), 'utf8'));

/** The words tools/models/modelkit/sequences.py spells out (months, days, zero–twenty, letters). */
const SEQUENCE_WORDS = new Set([
  ...'January February March April May June July August September October November December'.split(
    ' ',
  ),
  ...'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' '),
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  ),
  ...'abcdefghijklmnopqrstuvwxyz'.split(''),
]);

/** A KJV chapter as the corpus builder writes it: "Book N", then verses numbered 1, 2, 3 … */
function isKjvChapter(paragraph: string): boolean {
  const [title, ...verses] = paragraph.split('\n');
  if (!/^(?:[1-3] )?[A-Z][A-Za-z ]* \d+$/.test(title ?? '') || verses.length === 0) return false;
  return verses.every((line, i) => line.startsWith(`${i + 1} `) && line.length > 3);
}

/** WordNet glosses: "word, word (pos): definition; "example"" on every line. */
function isWordNetGlosses(paragraph: string): boolean {
  return paragraph.split('\n').every((line) => /^[^\n]+ \((?:noun|verb|adj|adv)\): \S/.test(line));
}

function isProjectCode(paragraph: string): boolean {
  return PROJECT_CODE.some((file) => file.includes(paragraph));
}

/** Generated sequences: numbers, separators, `x`/`+`/`=` tables and the spelled-out words above. */
function isGeneratedSequence(paragraph: string): boolean {
  if (!/^[A-Za-z\d ,;.+=\n-]+$/.test(paragraph)) return false;
  const words = paragraph.match(/[A-Za-z]+/g) ?? [];
  return words.every((w) => SEQUENCE_WORDS.has(w) || w === 'x');
}

function kindOf(paragraph: string): string | null {
  if (isKjvChapter(paragraph)) return 'kjv';
  if (isWordNetGlosses(paragraph)) return 'wordnet';
  if (isProjectCode(paragraph)) return 'project-code';
  if (isGeneratedSequence(paragraph)) return 'sequences';
  return null;
}

/** Collapses whitespace so a notice compares equal however a Markdown file wraps it. */
function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The fenced notice that follows a "WordNet 3.0 licence" heading or paragraph. */
function wordNetNotice(markdown: string): string {
  const match =
    /This software and database is being provided[\s\S]*?agrees to preserve same\./.exec(markdown);
  if (!match) throw new Error('no WordNet 3.0 notice found');
  return words(match[0]);
}

describe('held-out text provenance', () => {
  const paragraphs = HELD_OUT.split('\n\n');

  it('recognises the classifier on known samples (it can say no)', () => {
    expect(kindOf('Genesis 1\n1 In the beginning God created the heaven and the earth.')).toBe(
      'kjv',
    );
    expect(kindOf('dog, domestic dog (noun): a member of the genus Canis')).toBe('wordnet');
    expect(kindOf('1, 2, 3, 4\n\nMonday, Tuesday')).toBe('sequences');
    // A fortune-like quotation and foreign code are neither.
    expect(kindOf('Anyone who has never made a mistake has never tried anything new.')).toBeNull();
    expect(kindOf('def foreign(x):\n    return x * 2')).toBeNull();
    expect(kindOf('Genesis 1\n2 And the earth was without form')).toBeNull();
  });

  it('every paragraph is KJV, WordNet, project-written code or a generated sequence', () => {
    const unknown = paragraphs.filter((p) => kindOf(p) === null).map((p) => p.slice(0, 80));
    expect(unknown).toEqual([]);
  });

  it('holds each of the four kinds, several thousand characters apiece', () => {
    const size = new Map<string, number>();
    for (const p of paragraphs) {
      const kind = kindOf(p) ?? 'unknown';
      size.set(kind, (size.get(kind) ?? 0) + p.length);
    }
    for (const kind of ['kjv', 'wordnet', 'project-code', 'sequences']) {
      expect(size.get(kind) ?? 0, kind).toBeGreaterThan(4_000);
    }
  });
});

describe('WordNet 3.0 notice', () => {
  const card = readFileSync(join(demoModelPath, 'README.md'), 'utf8');
  const fixturesReadme = readFileSync(join(repoRoot, 'fixtures/README.md'), 'utf8');

  it('the model card reproduces the whole notice, disclaimer included', () => {
    const notice = wordNetNotice(card);
    expect(notice).toContain(
      'WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.',
    );
    expect(notice).toContain('THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS"');
    expect(notice).toContain('The name of Princeton University or Princeton may not be used');
  });

  it('fixtures/README.md, which describes the held-out glosses, carries the same notice', () => {
    expect(wordNetNotice(fixturesReadme)).toBe(wordNetNotice(card));
  });

  it('the card names no GPL training source', () => {
    const corpusTable = card.slice(card.indexOf('| source |'), card.indexOf('### WordNet'));
    expect(corpusTable).not.toMatch(/gcide|GPL/i);
    expect(corpusTable).toMatch(/\| wordnet \|/);
  });
});
