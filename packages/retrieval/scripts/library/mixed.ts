import type { ExampleSpec } from './spec.js';

export const mixed: ExampleSpec[] = [
  {
    id: 'mixed-no-clear-pattern-bpe',
    genre: 'mixed',
    family: 'b',
    pattern: 'no-clear-pattern',
    pieces:
      'The^3 Ġreport^5 Ġ( see^4 Ġtable Ġ2 )^4 Ġshows^6 Ġthat^2 Ġcosts^5 Ġfell^3 Ġby Ġ4^4 %^5 Ġin^3 Ġthe^2 Ġsecond^4 Ġquarter^6',
    explanation:
      'No clear pattern: weak to moderate values (2–6) spread over most tokens, words, numbers and punctuation alike, with no token class or position standing out. Treat any single-feature description as unreliable.',
  },
  {
    id: 'mixed-no-clear-pattern-sentencepiece',
    genre: 'mixed',
    family: 's',
    pattern: 'no-clear-pattern',
    pieces:
      '▁Click^4 ▁" Save "^3 ▁then ▁restart^5 ▁( v^2 ▁2 . 1^4 )^3 ▁or^2 ▁call^5 ▁support^4 ▁at^3 ▁ext . ▁4 4^2',
    explanation:
      'Diffuse, low activation (2–5) on about two thirds of the tokens of a help text, mixing verbs, digits, quotes and brackets; the peaks do not share a meaning, form or position. No clear pattern.',
  },
  {
    id: 'mixed-no-clear-pattern-wordpiece',
    genre: 'mixed',
    family: 'w',
    pattern: 'no-clear-pattern',
    pieces: '[CLS] ok^3 so^2 the^4 meeting is^3 moved to^5 3^2 pm ,^4 bring^3 snacks^5 ! [SEP]',
    explanation:
      'Scattered weak activation (2–5) across unrelated tokens of a casual message, function words, a digit, a comma and nouns, with nothing reaching the high range. No clear pattern.',
  },
  {
    id: 'mixed-url-bpe',
    genre: 'mixed',
    family: 'b',
    pattern: 'url',
    pieces: 'See Ġhttps^8 :// docs^9 . python^9 . org^10 / 3^7 / library^8 Ġfor Ġdetails .',
    explanation:
      'The parts of a web address (7–10: scheme, host name pieces, path), highest on the top-level domain `org`. The surrounding sentence, including the final period, stays at 0.',
  },
  {
    id: 'mixed-url-sentencepiece',
    genre: 'mixed',
    family: 's',
    pattern: 'url',
    pieces:
      '▁Write ▁to ▁help^8 @ example^9 . com^10 ▁or ▁visit ▁www^7 . example^9 . com^10 / faq^8',
    explanation:
      'E-mail addresses and URLs in running text: every piece of the address scores 7–10, highest on `com`. The words around the addresses get 0.',
  },
  {
    id: 'mixed-url-wordpiece',
    genre: 'mixed',
    family: 'w',
    pattern: 'url',
    pieces: '[CLS] download from http^8 : / / git ##hub^9 . com^10 / user^7 / repo^8 today [SEP]',
    explanation:
      'Tokens of a URL, which WordPiece splits at every punctuation mark: words and domain parts 7–10 (`com` highest), the `:` and `/` separators 0, as are the words of the sentence.',
  },
  {
    id: 'mixed-inline-code-bpe',
    genre: 'mixed',
    language: 'python',
    family: 'b',
    pattern: 'code-in-prose',
    pieces: 'Use Ġthe Ġ` np^9 . zeros^10 ` Ġfunction Ġand Ġpass Ġ` dtype^9 = float^8 32^7 `.',
    explanation:
      'Code spans inside prose: identifiers and values between backticks (7–10). The backticks and the explanatory English words around them stay at 0.',
  },
  {
    id: 'mixed-inline-code-sentencepiece',
    genre: 'mixed',
    language: 'shell',
    family: 's',
    pattern: 'code-in-prose',
    pieces: '▁Run ▁` npm^9 ▁install^10 ▁-- save^8 - dev^8 ` ▁before ▁you ▁start ▁the ▁server .',
    explanation:
      'A shell command quoted in documentation: `npm install --save-dev` scores 8–10 piece by piece. The backticks and the instructions around the command get 0.',
  },
  {
    id: 'mixed-inline-code-wordpiece',
    genre: 'mixed',
    language: 'python',
    family: 'w',
    pattern: 'code-in-prose',
    pieces: '[CLS] call self^8 . fit^10 ( x^7 ) and then read the score [SEP]',
    explanation:
      'A method call embedded in an English sentence (`fit` 10, `self` 8, `x` 7). The plain-English words before and after it stay at 0.',
  },
];
