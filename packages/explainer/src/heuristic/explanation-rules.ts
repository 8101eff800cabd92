import type { TokenView } from './record-view.js';
import { normalizeToken, WORD_GROUPS } from './token-classes.js';

/** A rule read out of an explanation: which tokens it predicts, and how strongly (0–10). */
export interface NamedRule {
  what: string;
  value: number;
  test: (view: TokenView) => boolean;
}

const ORDINALS: Record<string, number> = {
  other: 2,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
};

const tokenIs = (...texts: string[]) => {
  const set = new Set(texts);
  return (v: TokenView) => set.has(normalizeToken(v.token.text));
};

/** Class and position words an explanation may use, and the tokens they mean. */
const PHRASES: Array<[RegExp, string, (v: TokenView) => boolean]> = [
  [
    /\b(digits?|numbers?|numerals?|numeric|numerical|integers?)\b/,
    'digit',
    (v) => v.classes.has('digit'),
  ],
  [/\bpunctuation\b/, 'punctuation', (v) => v.classes.has('punctuation')],
  [/\bcommas?\b/, ',', tokenIs(',')],
  [/\b(periods?|full stops?|sentence-ending|dots?)\b/, '.', tokenIs('.')],
  [/\b(hyphens?|dashes?)\b/, '-', tokenIs('-', '–', '—')],
  [/\bcolons?\b/, ':', tokenIs(':')],
  [/\bsemicolons?\b/, ';', tokenIs(';')],
  [/\bquestion marks?\b/, '?', tokenIs('?')],
  [/\bexclamation( marks?| points?)?\b/, '!', tokenIs('!')],
  [/\b(parenthes[ie]s|brackets?)\b/, '()', tokenIs('(', ')', '[', ']')],
  [/\b(quotation marks?|quotes)\b/, 'quote', tokenIs('"', "'", '“', '”', '‘', '’')],
  [/\bapostrophes?\b/, "'", tokenIs("'", '’')],
  [
    /(special tokens?|\[cls\]|\[sep\]|endoftext|(start|beginning|end)[- ]of[- ](sequence|text) (token|marker)s?)/,
    'special',
    (v) => v.classes.has('special'),
  ],
  [
    /\b(sub-?words?|word ?pieces?|continuations?|word-internal|inside (a|the) word|suffix(es)?|word endings?)\b/,
    'subword',
    (v) => v.classes.has('subword'),
  ],
  [
    /\b(unfinished pieces?|non-final pieces?|all but the last piece|(a |the )?pieces? the next token continues|(first|initial|opening|leading) (piece|part|fragment)s? of (a |the )?(longer |long |split )?words?)\b/,
    'split-word-non-final',
    (v) => v.splitWordNonFinal,
  ],
  [
    /\b((last|final|closing) (piece|part|fragment)s? of (a |the )?(longer |long |split )?words?|completes? the word)\b/,
    'split-word-final',
    (v) => v.splitWordFinal,
  ],
  [
    /\b(split into (several|multiple|many) (tokens|pieces)|multi-?token words?|rare words? split)\b/,
    'split-word',
    (v) => v.splitWord,
  ],
  [
    /\b(capitali[sz]ed|upper-?case|proper nouns?|capital letters?|names)\b/,
    'capitalised',
    (v) => v.classes.has('capitalised'),
  ],
  [/\b(new ?lines?|line breaks?|line endings?)\b/, 'newline', (v) => v.classes.has('newline')],
  [/\b(whitespace|spaces|indentation)\b/, 'whitespace', (v) => v.classes.has('whitespace')],
  [
    /\b(line starts?|(start|beginning)s? of (a |an |each |every |the )?(new )?lines?|first (token|word)s? (of|on|in) (each|every|a|the) (new )?line)\b/,
    'line-start',
    (v) => v.lineStart,
  ],
  [
    /\b(code symbols?|operators?|braces|programming symbols?)\b/,
    'code',
    (v) => v.classes.has('code-symbol'),
  ],
  [
    /\b(function words?|stop ?words?|closed-class)\b/,
    'function-word',
    (v) => v.classes.has('function-word'),
  ],
  [/\bdefinite articles?\b/, 'the', tokenIs('the')],
  [/\b(indefinite articles?)\b/, 'a/an', tokenIs('a', 'an')],
  [
    /\b(articles?|determiners?)\b/,
    'article',
    tokenIs(...WORD_GROUPS.article, ...WORD_GROUPS.determiner),
  ],
  [/\bpronouns?\b/, 'pronoun', tokenIs(...WORD_GROUPS.pronoun)],
  [/\bprepositions?\b/, 'preposition', tokenIs(...WORD_GROUPS.preposition)],
  [/\bconjunctions?\b/, 'conjunction', tokenIs(...WORD_GROUPS.conjunction)],
  [/\b(auxiliar(y|ies)|modals?( verbs?)?)\b/, 'auxiliary', tokenIs(...WORD_GROUPS.auxiliary)],
  [
    /\b(first token of the (text|sequence|document|input)|(start|beginning) of the (text|sequence|document|input))\b/,
    'first',
    (v) => v.position === 0,
  ],
];

// Words that follow "word"/"token" in ordinary phrasing without naming a token.
const NOT_A_NAME = new Set(
  'of in on that is are was which pieces piece classes class types type boundaries boundary level levels itself mass the a an and or at with'.split(
    ' ',
  ),
);

const QUOTED =
  /"((?:[^"\\\n]|\\.){1,40})"|“([^”\n]{1,40})”|‘([^’\n]{1,40})’|`([^`\n]{1,40})`|«([^»\n]{1,40})»|(?<![\p{L}\p{N}])'([^'\n]{1,40})'(?![\p{L}\p{N}])/gu;
const VALUE_AFTER = /^\s*\((?:~|≈|about\s+)?(\d{1,2})\)/;

function unquote(raw: string, doubleQuoted: boolean): string {
  if (!doubleQuoted) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Strips tokenizer markers a writer may copy from raw pieces (`##ing`, `Ġthe`, `▁the`). */
function bareToken(text: string): string {
  return normalizeToken(text.replace(/^(##|Ġ|▁)/, ''));
}

function quotedRules(text: string): NamedRule[] {
  const rules: NamedRule[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const raw = m.slice(1).find((g) => g !== undefined) ?? '';
    const quoted = unquote(raw, m[1] !== undefined);
    const after = VALUE_AFTER.exec(text.slice((m.index ?? 0) + m[0].length));
    const value = after ? Math.min(10, Number(after[1])) : 10;
    if (quoted.trim() === '') {
      const newline = quoted.includes('\n');
      rules.push({
        what: JSON.stringify(quoted),
        value,
        test: (v) => (newline ? v.classes.has('newline') : v.classes.has('whitespace')),
      });
      continue;
    }
    // A quoted phrase names each of its words.
    for (const word of quoted.trim().split(/\s+/)) {
      const bare = bareToken(word);
      if (bare === '') continue;
      rules.push({
        what: JSON.stringify(bare),
        value,
        test: (v) => bareToken(v.token.text) === bare,
      });
    }
  }
  return rules;
}

function periodicRules(lower: string): NamedRule[] {
  const rules: NamedRule[] = [];
  const re =
    /every (\d+)(?:st|nd|rd|th)?|every (other|second|third|fourth|fifth|sixth|seventh|eighth)(?= (?:position|token|word))/g;
  for (const m of lower.matchAll(re)) {
    const k = m[1] ? Number(m[1]) : ORDINALS[m[2]!]!;
    if (!(k >= 2 && k <= 64)) continue;
    const rest = lower.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60);
    const at = /positions? (\d+)/.exec(rest);
    const offset = at ? Number(at[1]) % k : 0;
    rules.push({
      what: `every ${k} (offset ${offset})`,
      value: 10,
      test: (v) => v.position !== undefined && v.position % k === offset,
    });
  }
  return rules;
}

function namedWordRules(lower: string): NamedRule[] {
  const rules: NamedRule[] = [];
  for (const m of lower.matchAll(/\b(?:word|token) ([\p{L}\p{N}]+)\b/gu)) {
    const word = m[1]!;
    if (NOT_A_NAME.has(word)) continue;
    rules.push({
      what: JSON.stringify(word),
      value: 10,
      test: (v) => bareToken(v.token.text) === word,
    });
  }
  return rules;
}

const LAST_TOKEN =
  /\b((last|final) (token|word)s? of the (text|sequence|document|input)|end of the (text|sequence|document|input))\b/;

/**
 * Reads the rules an explanation states: quoted tokens (with an optional `(N)` value after
 * them), token classes, named words and positions. Works on any text, including an LLM's.
 * "The last token of the text" needs `sequenceLength` (tokens in the whole text) to be read.
 */
export function rulesFromExplanation(explanation: string, sequenceLength?: number): NamedRule[] {
  const lower = explanation.toLowerCase();
  const rules = quotedRules(explanation);
  for (const [re, what, test] of PHRASES) if (re.test(lower)) rules.push({ what, value: 10, test });
  if (sequenceLength !== undefined && LAST_TOKEN.test(lower)) {
    rules.push({ what: 'last', value: 10, test: (v) => v.position === sequenceLength - 1 });
  }
  rules.push(...periodicRules(lower), ...namedWordRules(lower));
  return rules;
}
