import type { ExampleSpec } from './spec.js';

export const dialogue: ExampleSpec[] = [
  {
    id: 'dialogue-speaker-name-bpe',
    genre: 'dialogue',
    family: 'b',
    pattern: 'speaker-name',
    pieces:
      'ALICE^10 : ĠWhere Ġwere Ġyou ? Ċ BOB^10 : ĠAt Ġthe Ġlibrary . Ċ ALICE^9 : ĠAll Ġnight ?',
    explanation:
      'Speaker labels in a script, the name before the colon at the start of each line (9–10). The colon, the spoken lines and names mentioned inside them stay at 0.',
  },
  {
    id: 'dialogue-speaker-name-sentencepiece',
    genre: 'dialogue',
    family: 's',
    pattern: 'speaker-name',
    pieces:
      '▁User^10 : ▁How ▁do ▁I ▁reset ▁it ? <0x0A> Ass istant^9 : ▁Hold ▁the ▁button . <0x0A> User^10 : ▁Thanks',
    explanation:
      'Role names that open each turn of a chat transcript (`User` 10, the last piece of `Assistant` 9). The messages themselves and the colons get 0.',
  },
  {
    id: 'dialogue-speaker-name-wordpiece',
    genre: 'dialogue',
    family: 'w',
    pattern: 'speaker-name',
    pieces: '[CLS] hamlet^10 : to be or not to be . horatio^9 : my lord ? [SEP]',
    explanation:
      'Character names that introduce lines in a play (`hamlet` 10, `horatio` 9). The speech that follows, including `lord`, stays at 0.',
  },
  {
    id: 'dialogue-question-bpe',
    genre: 'dialogue',
    family: 'b',
    pattern: 'question',
    pieces: '" Did^6 Ġyou Ġsee Ġit ?^10 " Ġshe Ġasked . Ġ" Yes . ĠWhy^7 Ġdo Ġyou Ġcare ?^10 "',
    explanation:
      'Questions in dialogue: question marks (10) and, more weakly, the words that open a question (`Did` 6, `Why` 7). Statements, answers and narration get 0.',
  },
  {
    id: 'dialogue-question-sentencepiece',
    genre: 'dialogue',
    family: 's',
    pattern: 'question',
    pieces: '▁- ▁What^7 ▁time ▁is ▁it ?^10 <0x0A> - ▁Nine . <0x0A> - ▁Are^6 ▁we ▁late ?^10',
    explanation:
      'Spoken questions: the `?` that ends them (10) and the question word or inverted verb that starts them (6–7). Answers such as `Nine.` get 0.',
  },
  {
    id: 'dialogue-question-wordpiece',
    genre: 'dialogue',
    family: 'w',
    pattern: 'question',
    pieces: '[CLS] " where^7 is the key ?^10 " " in the drawer . " " which^6 one ?^9 " [SEP]',
    explanation:
      'Question marks closing a spoken question (9–10) and the wh-word that begins it (6–7). The answer and the quote marks stay at 0.',
  },
  {
    id: 'dialogue-quotation-bpe',
    genre: 'dialogue',
    family: 'b',
    pattern: 'quotation-mark',
    pieces: 'He Ġsaid , Ġ"^9 Come Ġin . "^10 ĠThen Ġhe Ġadded , Ġ"^9 Quickly ! "^10',
    explanation:
      'Double quotation marks around direct speech, closing marks slightly higher (10) than opening ones (9). The quoted words and the narration get 0.',
  },
  {
    id: 'dialogue-quotation-sentencepiece',
    genre: 'dialogue',
    family: 's',
    pattern: 'quotation-mark',
    pieces: '▁“^9 I ▁won ’ t ▁go , ”^10 ▁she ▁said . ▁“^9 Not ▁today . ”^10',
    explanation:
      'Curly quotation marks that open (9) and close (10) spoken lines. The apostrophe in `won’t`, the speech itself and the narration stay at 0.',
  },
  {
    id: 'dialogue-quotation-wordpiece',
    genre: 'dialogue',
    family: 'w',
    pattern: 'quotation-mark',
    pieces: '[CLS] "^9 run , "^10 he shouted . "^9 now ! "^10 [SEP]',
    explanation:
      'Quote marks around speech (9 opening, 10 closing). The spoken words, the punctuation inside the quotes and the reporting clause stay at 0.',
  },
];
