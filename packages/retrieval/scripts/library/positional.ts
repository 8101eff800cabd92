import type { ExampleSpec } from './spec.js';

export const positional: ExampleSpec[] = [
  {
    id: 'positional-first-bpe',
    genre: 'positional',
    family: 'b',
    pattern: 'position-first',
    pieces:
      'However^10 , Ġthe Ġresults Ġwere Ġmixed . || Water^10 Ġboils Ġat Ġ100 Ġdegrees . || import^10 Ġos',
    explanation:
      'Position only: the first token of every excerpt scores 10 whatever it is (`However`, `Water`, `import`), and every later token is at 0. Nothing about the token itself matters.',
  },
  {
    id: 'positional-first-sentencepiece',
    genre: 'positional',
    family: 's',
    pattern: 'position-first',
    pieces: '▁the^10 ▁cat ▁sat || ▁ 4^10 2 ▁is ▁the ▁answer || ▁Dear^10 ▁Sir',
    explanation:
      'The first position of each excerpt (10) regardless of its content: a function word, a digit or a capitalised word alike. All following positions get 0.',
  },
  {
    id: 'positional-first-wordpiece',
    genre: 'positional',
    family: 'w',
    pattern: 'position-first',
    pieces: 'rain^10 fell all night || ,^10 and then it stopped || 1999^10 was a year',
    explanation:
      'The first token of each excerpt, whether a word, a comma or a number (10); all later tokens 0. A position feature, not a token feature.',
  },
  {
    id: 'positional-rising-bpe',
    genre: 'positional',
    family: 'b',
    pattern: 'position-rising',
    pieces:
      'It Ġwas Ġthe^1 Ġbest^1 Ġof^2 Ġtimes^3 , Ġit^4 Ġwas^5 Ġthe^6 Ġworst^7 Ġof^8 Ġtimes^9 .^10',
    explanation:
      'Grows steadily with position: 0 on the first tokens, rising almost linearly to 10 at the end of the excerpt, independent of which words stand there (the repeated `the`, `of` and `times` score differently by position).',
  },
  {
    id: 'positional-rising-sentencepiece',
    genre: 'positional',
    family: 's',
    pattern: 'position-rising',
    pieces: '▁def ▁f ( x^1 ):^2 <0x0A>^3 ▁▁▁^4 ▁return^5 ▁x^6 ▁*^7 ▁ 2^8 <0x0A>^9 ▁f^10',
    explanation:
      'Position within the context: values climb from 0 at the start to 10 at the last token, on code tokens of every kind. The token identity plays no visible role.',
  },
  {
    id: 'positional-rising-wordpiece',
    genre: 'positional',
    family: 'w',
    pattern: 'position-rising',
    pieces: '[CLS] a^1 b^2 c^3 d^4 e^5 f^6 g^7 h^8 i^9 [SEP]^10',
    explanation:
      'Increases with distance from the start: each successive token scores one step higher (1 → 10), through letters and the final [SEP] alike.',
  },
  {
    id: 'positional-periodic-bpe',
    genre: 'positional',
    family: 'b',
    pattern: 'position-periodic',
    pieces: 'one^9 Ġtwo Ġthree Ġfour^9 Ġfive Ġsix Ġseven^10 Ġeight Ġnine Ġten^9 Ġeleven Ġtwelve',
    explanation:
      'Every third position (9–10), starting at the first token, regardless of the words there; the positions in between are at 0.',
  },
  {
    id: 'positional-periodic-sentencepiece',
    genre: 'positional',
    family: 's',
    pattern: 'position-periodic',
    pieces: '▁la^10 ▁la ▁la^9 ▁la ▁la^10 ▁la ▁la^9 ▁la',
    explanation:
      'Alternate positions in a run of identical tokens (9–10 on every second `la`), so the pattern cannot come from the token itself: it follows the position parity.',
  },
  {
    id: 'positional-periodic-wordpiece',
    genre: 'positional',
    family: 'w',
    pattern: 'position-periodic',
    pieces: '[CLS] x^9 y z w^9 v u t^10 s r q^9 [SEP]',
    explanation:
      'A stride of three positions: every third token scores 9–10 whatever letter it is, and the two tokens between are at 0.',
  },
];
