import type { ExampleSpec } from './spec.js';

export const verse: ExampleSpec[] = [
  {
    id: 'verse-line-end-rhyme-bpe',
    genre: 'verse',
    family: 'b',
    pattern: 'line-end-rhyme',
    pieces:
      'The Ġwoods Ġare Ġlovely , Ġdark Ġand Ġdeep^9 , Ċ But ĠI Ġhave Ġpromises Ġto Ġkeep^10 , Ċ And Ġmiles Ġto Ġgo Ġbefore ĠI Ġsleep^10',
    context:
      'The woods are lovely, dark and deep,\nBut I have promises to keep,\nAnd miles to go before I sleep',
    explanation:
      'The rhyming word at the end of each line of verse (`deep`, `keep`, `sleep`: 9–10). Words earlier in the line, the commas after the rhyme and the line breaks stay at 0.',
  },
  {
    id: 'verse-line-end-rhyme-sentencepiece',
    genre: 'verse',
    family: 's',
    pattern: 'line-end-rhyme',
    pieces:
      '▁Twin kle , ▁twin kle , ▁little ▁star^10 , <0x0A> How ▁I ▁wonder ▁what ▁you ▁are^9 ! <0x0A> Up ▁above ▁the ▁world ▁so ▁high^8',
    explanation:
      'Line-final words of a rhyme (`star` 10, `are` 9, `high` 8), the words that carry the rhyme scheme. Everything before them in the line and the punctuation after them get 0.',
  },
  {
    id: 'verse-line-end-rhyme-wordpiece',
    genre: 'verse',
    family: 'w',
    pattern: 'line-end-rhyme',
    pieces:
      '[CLS] roses are red^9 , violets are blue^10 , sugar is sweet^9 , and so are you^10 . [SEP]',
    explanation:
      'The last word of each verse line (`red`, `blue`, `sweet`, `you`: 9–10), recognisable even though WordPiece drops the line breaks. The rest of each line and the commas get 0.',
  },
  {
    id: 'verse-line-start-bpe',
    genre: 'verse',
    family: 'b',
    pattern: 'line-start',
    pieces:
      "Shall^8 ĠI Ġcompare Ġthee Ġto Ġa Ġsummer 's Ġday ? Ċ Thou^10 Ġart Ġmore Ġlovely Ġand Ġmore Ġtemperate : Ċ Rough^9 Ġwinds Ġdo Ġshake",
    explanation:
      'The first word of each line of verse (`Shall` 8, `Thou` 10, `Rough` 9), i.e. the token right after a line break. Words inside the line stay at 0 however capitalised.',
  },
  {
    id: 'verse-line-start-sentencepiece',
    genre: 'verse',
    family: 's',
    pattern: 'line-start',
    pieces:
      '▁Because^9 ▁I ▁could ▁not ▁stop ▁for ▁Death <0x0A> He^10 ▁kind ly ▁stopped ▁for ▁me <0x0A> The^9 ▁Car riage ▁held ▁but ▁just ▁O ur selves',
    explanation:
      'Line-initial tokens in a poem (9–10): whatever word opens the line after a newline. Mid-line tokens, including capitalised ones like `Death`, are at 0.',
  },
  {
    id: 'verse-line-start-wordpiece',
    genre: 'verse',
    family: 'w',
    pattern: 'line-start',
    pieces:
      '[CLS] i^9 wandered lonely as a cloud that^8 floats on high o ##er vales and hills when^9 all at once i saw a crowd [SEP]',
    explanation:
      'The word that begins each verse line (`i`, `that`, `when`: 8–9) even though the uncased WordPiece text has no line breaks left; words inside the lines stay at 0.',
  },
  {
    id: 'verse-nature-imagery-bpe',
    genre: 'verse',
    family: 'b',
    pattern: 'nature-imagery',
    pieces:
      'I Ġmust Ġgo Ġdown Ġto Ġthe Ġseas^10 Ġagain , Ġto Ġthe Ġlonely Ġsea^10 Ġand Ġthe Ġsky^8 , Ċ And Ġall ĠI Ġask Ġis Ġa Ġtall Ġship Ġand Ġa Ġstar^7',
    explanation:
      'Nouns of the natural world in verse: `seas`/`sea` (10), `sky` (8), `star` (7). Adjectives describing them (`lonely`, `tall`), function words and the man-made `ship` stay at 0.',
  },
  {
    id: 'verse-nature-imagery-sentencepiece',
    genre: 'verse',
    family: 's',
    pattern: 'nature-imagery',
    pieces:
      '▁The ▁wind^9 ▁was ▁a ▁tor rent ▁of ▁darkness ▁among ▁the ▁gust y ▁trees^9 , <0x0A> The ▁moon^10 ▁was ▁a ▁ghost ly ▁galle on',
    explanation:
      'Nature nouns in poetry (`wind` 9, `trees` 9, `moon` 10). Metaphors built around them (`torrent of darkness`, `ghostly galleon`) and all function words stay at 0.',
  },
  {
    id: 'verse-nature-imagery-wordpiece',
    genre: 'verse',
    family: 'w',
    pattern: 'nature-imagery',
    pieces:
      '[CLS] the river^9 glides beneath the willow^8 ##s , the meadow^9 hums with bees^7 and rain^8 [SEP]',
    explanation:
      'Words for landscape, plants, weather and animals (`river`, `meadow` 9; `willow`, `rain` 8; `bees` 7). Verbs such as `glides` and `hums` and all function words get 0.',
  },
];
