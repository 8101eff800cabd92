import { isSpecialTokenText } from '@explainable-ecco/core';

/** Kinds of tokens a factor may respond to, named so people and the simulator agree. */
export type TokenClass =
  | 'digit'
  | 'punctuation'
  | 'special'
  | 'subword'
  | 'capitalised'
  | 'newline'
  | 'whitespace'
  | 'code-symbol'
  | 'function-word';

export const TOKEN_CLASSES: readonly TokenClass[] = [
  'digit',
  'punctuation',
  'special',
  'subword',
  'capitalised',
  'newline',
  'whitespace',
  'code-symbol',
  'function-word',
];

/** Closed-class English words: articles, pronouns, prepositions, conjunctions, auxiliaries. */
export const WORD_GROUPS = {
  article: ['a', 'an', 'the'],
  pronoun: [
    'i',
    'me',
    'my',
    'mine',
    'myself',
    'you',
    'your',
    'yours',
    'yourself',
    'he',
    'him',
    'his',
    'himself',
    'she',
    'her',
    'hers',
    'herself',
    'it',
    'its',
    'itself',
    'we',
    'us',
    'our',
    'ours',
    'ourselves',
    'they',
    'them',
    'their',
    'theirs',
    'themselves',
    'who',
    'whom',
    'whose',
  ],
  preposition: [
    'of',
    'in',
    'on',
    'at',
    'by',
    'for',
    'with',
    'about',
    'against',
    'between',
    'into',
    'through',
    'during',
    'before',
    'after',
    'above',
    'below',
    'to',
    'from',
    'up',
    'down',
    'over',
    'under',
    'upon',
    'within',
    'without',
    'since',
    'than',
  ],
  conjunction: [
    'and',
    'or',
    'but',
    'nor',
    'so',
    'yet',
    'if',
    'because',
    'although',
    'though',
    'that',
    'as',
    'while',
    'whether',
  ],
  auxiliary: [
    'will',
    'would',
    'can',
    'could',
    'shall',
    'should',
    'may',
    'might',
    'must',
    'is',
    'are',
    'was',
    'were',
    'be',
    'been',
    'being',
    'am',
    'do',
    'does',
    'did',
    'has',
    'have',
    'had',
  ],
  determiner: ['this', 'these', 'those', 'some', 'any', 'every', 'each', 'no', 'all', 'not'],
} as const;

const FUNCTION_WORDS = new Set<string>(Object.values(WORD_GROUPS).flat());

const DIGITS = /^[+-]?\d+([.,]\d+)*$/;
const PUNCTUATION = /^[\p{P}]+$/u;
// Symbols that are rare in prose but common in code.
const CODE_SYMBOL =
  /^[{}[\]=<>+*/%&|^~`$#@\\_;:()!.-]*[{}[\]=<>+*/%&|^~`$#@\\_][{}[\]=<>+*/%&|^~`$#@\\_;:()!.-]*$/;

/** Trimmed, lower-cased text: how tokens are compared with names in explanations. */
export function normalizeToken(text: string): string {
  return text.trim().toLowerCase();
}

export function isFunctionWord(text: string): boolean {
  return FUNCTION_WORDS.has(normalizeToken(text));
}

/** Every class a token belongs to (a token may be in several, or none). */
export function tokenClasses(text: string, continuesWord = false): Set<TokenClass> {
  const classes = new Set<TokenClass>();
  const core = text.trim();
  if (isSpecialTokenText(core)) {
    classes.add('special');
    return classes;
  }
  if (text.includes('\n')) classes.add('newline');
  if (core === '') {
    classes.add('whitespace');
    return classes;
  }
  if (continuesWord) classes.add('subword');
  if (DIGITS.test(core)) classes.add('digit');
  if (PUNCTUATION.test(core)) classes.add('punctuation');
  if (CODE_SYMBOL.test(core)) classes.add('code-symbol');
  if (!continuesWord && /^\p{Lu}/u.test(core) && /\p{L}/u.test(core)) classes.add('capitalised');
  if (!continuesWord && FUNCTION_WORDS.has(core.toLowerCase())) classes.add('function-word');
  return classes;
}

/** How explanations name each class (the simulator reads these words back). */
export const CLASS_NAMES: Record<TokenClass, string> = {
  digit: 'digits (numbers)',
  punctuation: 'punctuation marks',
  special: 'special tokens',
  subword: 'subword pieces (continuations inside a word)',
  capitalised: 'capitalised words',
  newline: 'newlines (line breaks)',
  whitespace: 'whitespace tokens',
  'code-symbol': 'code symbols',
  'function-word': 'function words (articles, pronouns, prepositions, conjunctions, auxiliaries)',
};
