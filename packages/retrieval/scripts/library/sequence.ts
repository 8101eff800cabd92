import type { ExampleSpec } from './spec.js';

export const sequence: ExampleSpec[] = [
  {
    id: 'sequence-digits-bpe',
    genre: 'sequence',
    family: 'b',
    pattern: 'digits',
    pieces: '1^8 , Ġ2^9 , Ġ3^9 , Ġ4^9 , Ġ5^10 , Ġ6^9 , Ġ7^9 , Ġ8^10',
    context: '1, 2, 3, 4, 5, 6, 7, 8',
    explanation:
      'Every number in a counting list (8–10), roughly equally. The commas between them stay at 0, so the factor tracks the numbers, not the list structure.',
  },
  {
    id: 'sequence-digits-sentencepiece',
    genre: 'sequence',
    family: 's',
    pattern: 'digits',
    pieces: '▁ 1^9 0^7 , ▁ 2^9 0^7 , ▁ 3^9 0^8 , ▁ 4^10 0^8 , ▁ 5^10 0^8',
    explanation:
      'Digits of numbers in a list (7–10). SentencePiece splits each number into single digits; the leading digit scores higher (9–10) than the trailing zero (7–8). Commas and spaces get 0.',
  },
  {
    id: 'sequence-digits-wordpiece',
    genre: 'sequence',
    family: 'w',
    pattern: 'digits',
    pieces: '[CLS] 12^9 , 15^9 , 18^10 , 21^9 , 24^10 and 27^9 [SEP]',
    explanation:
      'Numbers in an arithmetic sequence (9–10 each). Commas, the word `and` and the special tokens are at 0.',
  },
  {
    id: 'sequence-separator-bpe',
    genre: 'sequence',
    family: 'b',
    pattern: 'list-separator',
    pieces: 'apples ,^9 Ġpears ,^9 Ġplums ,^10 Ġfigs ,^9 Ġand Ġdates',
    explanation:
      'Commas that separate list items (9–10). The items themselves and the final `and` before the last item get 0.',
  },
  {
    id: 'sequence-separator-wordpiece',
    genre: 'sequence',
    family: 'w',
    pattern: 'list-separator',
    pieces: '[CLS] red ,^9 green ,^10 blue ;^8 black ,^9 white [SEP]',
    explanation:
      'Separators between list items: commas (9–10) and the semicolon (8) that splits the list into groups. Colour words and special tokens stay at 0.',
  },
  {
    id: 'sequence-separator-sentencepiece',
    genre: 'sequence',
    family: 's',
    pattern: 'list-separator',
    pieces: '▁Monday ,^9 ▁Tuesday ,^9 ▁Wednesday ,^10 ▁Thursday ▁and ▁Friday',
    explanation:
      'The commas between items of an enumeration (9–10). Day names and the coordinating `and` get 0.',
  },
  {
    id: 'sequence-bullet-bpe',
    genre: 'sequence',
    family: 'b',
    pattern: 'list-marker',
    pieces: '-^9 Ġmilk Ċ -^10 Ġeggs Ċ -^9 Ġflour Ċ *^8 Ġsugar',
    explanation:
      'Bullet markers at the start of list lines (`-` 9–10, `*` 8). The list items and the newlines are at 0.',
  },
  {
    id: 'sequence-bullet-sentencepiece',
    genre: 'sequence',
    family: 's',
    pattern: 'list-marker',
    pieces:
      '▁ 1^9 . ▁Pre heat ▁the ▁oven <0x0A> 2^10 . ▁Mix ▁the ▁flour <0x0A> 3^9 . ▁Bake ▁for ▁an ▁hour',
    explanation:
      'The numbers that open the steps of a numbered list (9–10). Digits elsewhere, the dots after the numbers and the step text stay at 0.',
  },
  {
    id: 'sequence-bullet-wordpiece',
    genre: 'sequence',
    family: 'w',
    pattern: 'list-marker',
    pieces: '[CLS] ( a^9 ) buy tickets ( b^9 ) book hotel ( c^10 ) pack [SEP]',
    explanation:
      'Letter labels of list items, `a`, `b`, `c` inside parentheses (9–10). The parentheses and the items get 0.',
  },
];
