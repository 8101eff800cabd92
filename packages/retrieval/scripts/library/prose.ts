import type { ExampleSpec } from './spec.js';

export const prose: ExampleSpec[] = [
  {
    id: 'prose-function-words-wordpiece',
    genre: 'prose',
    family: 'w',
    pattern: 'function-words',
    pieces: '[CLS] the^9 history of^10 the^9 city is^6 a^7 story of^10 trade and^8 war [SEP]',
    explanation:
      'Function words of English prose: `of` (10), `the` (9), `and` (8), `a` (7), `is` (6). Content words (`history`, `city`, `trade`, `war`) and the special tokens stay at 0.',
  },
  {
    id: 'prose-function-words-bpe',
    genre: 'prose',
    family: 'b',
    pattern: 'function-words',
    pieces:
      'In^8 Ġthe^9 Ġmorning Ġshe Ġwalked Ġto^8 Ġthe^9 Ġstation Ġand^7 Ġwaited Ġfor^8 Ġa^7 Ġtrain',
    explanation:
      'Articles, prepositions and conjunctions (`the` 9; `In`, `to`, `for` 8; `and`, `a` 7). Pronouns, verbs and nouns get 0, which separates this from a general "common word" factor.',
  },
  {
    id: 'prose-function-words-sentencepiece',
    genre: 'prose',
    family: 's',
    pattern: 'function-words',
    pieces:
      '▁Most^2 ▁of^10 ▁the^9 ▁water ▁on^8 ▁Earth ▁is^5 ▁in^8 ▁the^9 ▁oceans , ▁and^7 ▁only ▁a^7 ▁little ▁is^5 ▁fresh',
    explanation:
      'Grammatical words: prepositions `of`, `on`, `in` (8–10), articles (7–9) and, more weakly, `is` (5). Nouns and adjectives carrying the meaning stay at 0.',
  },
  {
    id: 'prose-past-tense-wordpiece',
    genre: 'prose',
    family: 'w',
    pattern: 'past-tense',
    pieces: '[CLS] she open ##ed^9 the door , look ##ed^9 around and walked^8 out . [SEP]',
    explanation:
      'Past-tense verb endings: the `##ed` suffix piece (9) and whole past-tense verbs like `walked` (8). Verb stems (`open`, `look`), nouns and punctuation stay at 0.',
  },
  {
    id: 'prose-past-tense-bpe',
    genre: 'prose',
    family: 'b',
    pattern: 'past-tense',
    pieces:
      'The Ġcommittee Ġapproved^10 Ġthe Ġplan Ġand Ġasked^9 Ġthe Ġmayor , Ġwho Ġagreed^9 Ġand Ġleft^7 .',
    explanation:
      'Verbs in the simple past (`approved` 10, `asked` 9, `agreed` 9) and, somewhat less, irregular pasts like `left` (7). Nouns, articles and present-tense words get 0.',
  },
  {
    id: 'prose-past-tense-sentencepiece',
    genre: 'prose',
    family: 's',
    pattern: 'past-tense',
    pieces: '▁He ▁climb ed^9 ▁the ▁hill , ▁stopp ed^9 ▁to ▁rest , ▁and ▁watched^8 ▁the ▁sun ▁set',
    explanation:
      'The past-tense ending: the `ed` continuation piece after a verb stem (9) and whole past-tense verbs (`watched` 8). Stems on their own, infinitives (`rest`, `set`) and nouns get 0.',
  },
  {
    id: 'prose-proper-nouns-bpe',
    genre: 'prose',
    family: 'b',
    pattern: 'proper-nouns',
    pieces:
      'In Ġ1869 , ĠMarie^9 ĠCurie^10 Ġleft ĠWarsaw^9 Ġfor ĠParis^9 Ġto Ġstudy Ġphysics Ġat Ġthe ĠSorbonne^8 .',
    explanation:
      'Proper names of people and places (`Curie` 10; `Marie`, `Warsaw`, `Paris` 9; `Sorbonne` 8). Sentence-initial capitals such as `In`, the year and common nouns stay at 0.',
  },
  {
    id: 'prose-proper-nouns-sentencepiece',
    genre: 'prose',
    family: 's',
    pattern: 'proper-nouns',
    pieces:
      '▁The ▁D anu be^9 ▁flows ▁through ▁Vienna^10 , ▁Bud apest^9 ▁and ▁Bel grade^8 ▁before ▁reaching ▁the ▁Black^7 ▁Sea^7',
    explanation:
      'Named places (`Vienna` 10; the last pieces of `Danube`, `Budapest` 9; `Belgrade` 8; `Black Sea` 7), strongest on the piece that completes the name. Verbs, articles and the capitalised `The` get 0.',
  },
  {
    id: 'prose-proper-nouns-wordpiece',
    genre: 'prose',
    family: 'w',
    pattern: 'proper-nouns',
    pieces: '[CLS] ada^8 love ##lace^9 worked with charles^8 babb ##age^9 in london^9 . [SEP]',
    explanation:
      'Names of people and cities, even lower-cased by WordPiece (`london`, `##lace`, `##age` 9; `ada`, `charles` 8). Verbs, prepositions and the special tokens stay at 0.',
  },
  {
    id: 'prose-sentence-end-wordpiece',
    genre: 'prose',
    family: 'w',
    pattern: 'sentence-end',
    pieces: '[CLS] the rain stopped .^10 birds began to sing .^10 was it spring already ?^9 [SEP]',
    explanation:
      'Sentence-final punctuation: full stops (10) and question marks (9). Commas would not fire; words and the [SEP] after the last sentence are at 0.',
  },
  {
    id: 'prose-sentence-end-bpe',
    genre: 'prose',
    family: 'b',
    pattern: 'sentence-end',
    pieces:
      'Prices Ġrose Ġagain Ġin ĠMay .^10 ĠAnalysts Ġexpect Ġa Ġslowdown , Ġhowever .^9 ĠWill Ġit Ġlast ?^8',
    explanation:
      'The token that ends a sentence (`.` 9–10, `?` 8). The comma inside the sentence, and every word, stays at 0.',
  },
  {
    id: 'prose-sentence-end-sentencepiece',
    genre: 'prose',
    family: 's',
    pattern: 'sentence-end',
    pieces:
      '▁The ▁experiment ▁failed .^10 ▁We ▁tried ▁again ▁the ▁next ▁day !^8 ▁Nothing ▁changed .^10',
    explanation:
      'End-of-sentence marks: periods (10) and exclamation marks (8). Words within sentences get 0, including the first word of the next sentence.',
  },
  {
    id: 'prose-subword-suffix-wordpiece',
    genre: 'prose',
    family: 'w',
    pattern: 'subword-suffix',
    pieces:
      '[CLS] the un ##believ^6 ##able^10 results were quick ##ly^9 re ##pro^5 ##duced^8 [SEP]',
    explanation:
      'WordPiece continuation pieces, highest on the piece that completes a word (`##able` 10, `##ly` 9, `##duced` 8) and lower on middle pieces (`##believ` 6, `##pro` 5). Word-initial pieces and whole words stay at 0.',
  },
  {
    id: 'prose-subword-suffix-bpe',
    genre: 'prose',
    family: 'b',
    pattern: 'subword-suffix',
    pieces:
      'The Ġindeterm inacy^10 Ġof Ġthe Ġoutcome Ġwas Ġunderst ated^8 Ġby Ġthe Ġcommentators Ġand Ġphilosoph ers^9',
    explanation:
      'Byte-BPE pieces that continue a word without a leading space (`inacy` 10, `ers` 9, `ated` 8). Tokens that begin a word, however rare, stay at 0.',
  },
  {
    id: 'prose-subword-suffix-sentencepiece',
    genre: 'prose',
    family: 's',
    pattern: 'subword-suffix',
    pieces:
      '▁Photo synth esis^9 ▁converts ▁light ▁into ▁chem ical^8 ▁energy ▁within ▁chlor opl asts^10',
    explanation:
      'The SentencePiece piece that completes a long word, without the `▁` word-start mark (`asts` 10, `esis` 9, `ical` 8). Word-initial pieces, middle pieces such as `synth` and `opl`, and short whole words get 0.',
  },
];
