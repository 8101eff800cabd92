import type { RecordToken, TokenizerFamily } from '@explainable-ecco/core';
import { displayPiece } from '@explainable-ecco/core';
import type { BuiltinLibraryDocument } from '../src/builtin/library-document.js';
import type { Example } from '../src/example.js';
import { validateExample } from '../src/example.js';
import { EXAMPLE_SPECS, type ExampleSpec } from './library/index.js';

export const LIBRARY_VERSION = '1.0.0';

const FAMILIES: Record<ExampleSpec['family'], TokenizerFamily> = {
  w: 'wordpiece',
  b: 'byte-bpe',
  s: 'sentencepiece',
};

/** Expands the compact piece notation (see library/spec.ts) into an Example with a core FactorRecord. */
export function expandSpec(spec: ExampleSpec): Example {
  const family = FAMILIES[spec.family];
  const tokens: RecordToken[] = [];
  const windows: Array<[number, number]> = [];
  for (const window of spec.pieces.split(' || ')) {
    const start = tokens.length;
    for (const raw of window.split(' ')) {
      const m = /^(.+?)\^(\d{1,2})$/.exec(raw);
      const piece = m ? m[1]! : raw;
      const value = m ? Number(m[2]) : 0;
      const position = tokens.length;
      // Each window is its own excerpt, so its first piece never continues a word.
      const { display, continuesWord } = displayPiece(piece, family, position - start);
      // SentencePiece runs such as `▁▁▁` are several spaces; core replaces only the first mark.
      const text = family === 'sentencepiece' ? display.replaceAll('▁', ' ') : display;
      tokens.push(
        continuesWord ? { text, value, position, continuesWord } : { text, value, position },
      );
    }
    windows.push([start, tokens.length]);
  }
  const example: Example = {
    id: spec.id,
    genre: spec.genre,
    ...(spec.language ? { language: spec.language } : {}),
    tokenizerFamily: family,
    pattern: spec.pattern,
    record: { tokens, ...(windows.length > 1 ? { windows } : {}), tokenizerFamily: family },
    ...(spec.context ? { context: spec.context } : {}),
    explanation: spec.explanation,
  };
  validateExample(example);
  return example;
}

/** The shipped library document, built from the authored specs. */
export function buildLibraryDocument(): BuiltinLibraryDocument {
  return {
    format: 'explainable-ecco/examples',
    version: LIBRARY_VERSION,
    examples: EXAMPLE_SPECS.map(expandSpec),
  };
}
