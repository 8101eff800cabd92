import type { ExampleSpec } from './spec.js';

export const special: ExampleSpec[] = [
  {
    id: 'special-sequence-start-wordpiece',
    genre: 'special',
    family: 'w',
    pattern: 'special-token-start',
    pieces: '[CLS]^10 the quick brown fox jumps over the lazy dog . [SEP]',
    explanation:
      'Only the [CLS] token that BERT puts before every input (10). All text tokens and the closing [SEP] are at 0: the factor marks the classification token itself, not the sentence.',
  },
  {
    id: 'special-sequence-start-sentencepiece',
    genre: 'special',
    family: 's',
    pattern: 'special-token-start',
    pieces: '<s>^10 ▁Once ▁upon ▁a ▁time ▁there ▁lived ▁a ▁king',
    explanation:
      'The beginning-of-sequence token `<s>` (10) and nothing else; the story tokens after it are all at 0.',
  },
  {
    id: 'special-sequence-start-bpe',
    genre: 'special',
    family: 'b',
    pattern: 'special-token-start',
    pieces: '<|endoftext|>^10 The Ġweather Ġtoday Ġis Ġsunny Ġwith Ġa Ġlight Ġbreeze',
    explanation:
      'The `<|endoftext|>` token when it opens a document (10). The document text that follows gets 0.',
  },
  {
    id: 'special-separator-wordpiece',
    genre: 'special',
    family: 'w',
    pattern: 'special-token-separator',
    pieces: '[CLS] who wrote it ? [SEP]^10 the novel was written by tolstoy . [SEP]^9',
    explanation:
      'The [SEP] tokens that end each segment of a BERT sentence pair (9–10). [CLS] and every word, including the question mark before the first [SEP], are at 0.',
  },
  {
    id: 'special-separator-sentencepiece',
    genre: 'special',
    family: 's',
    pattern: 'special-token-separator',
    pieces: '<s> ▁Translate : ▁hello </s>^10 <s> ▁Bon jour </s>^9',
    explanation:
      'End-of-sequence tokens `</s>` that close each segment (9–10). The start tokens `<s>` and the segment text get 0.',
  },
  {
    id: 'special-separator-bpe',
    genre: 'special',
    family: 'b',
    pattern: 'special-token-separator',
    pieces:
      'Thanks Ġfor Ġreading . <|endoftext|>^10 Chapter Ġ1 Ċ It Ġwas Ġa Ġcold Ġday . <|endoftext|>^9',
    explanation:
      'The `<|endoftext|>` boundary between concatenated documents (9–10). The last sentence before it and the heading after it stay at 0.',
  },
  {
    id: 'special-padding-wordpiece',
    genre: 'special',
    family: 'w',
    pattern: 'special-token-padding',
    pieces: '[CLS] good movie [SEP] [PAD]^9 [PAD]^10 [PAD]^10 [PAD]^10',
    explanation:
      'Padding tokens after the end of the input ([PAD] 9–10). The real tokens, [CLS] and [SEP] are at 0. Such factors usually reflect batching rather than language.',
  },
  {
    id: 'special-padding-sentencepiece',
    genre: 'special',
    family: 's',
    pattern: 'special-token-padding',
    pieces: '<s> ▁Short ▁input </s> <pad>^10 <pad>^10 <pad>^9',
    explanation:
      'The `<pad>` tokens that fill a batch row after `</s>` (9–10); every real token and the `<s>`/`</s>` markers get 0.',
  },
  {
    id: 'special-padding-bpe',
    genre: 'special',
    family: 'b',
    pattern: 'special-token-padding',
    pieces: 'Hi Ġthere ! <|endoftext|>^8 <|endoftext|>^10 <|endoftext|>^10',
    explanation:
      'Repeated `<|endoftext|>` tokens used as padding after a short text (8–10, the repeats highest). The text itself is at 0.',
  },
];
