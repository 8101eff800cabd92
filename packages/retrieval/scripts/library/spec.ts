/**
 * How library examples are written: a record as the tokenizer's own pieces separated by single
 * spaces, each optionally followed by ^value (0–10; no suffix means 0), windows separated by
 * ' || '. Families: w = WordPiece (`##`), b = byte-level BPE (`Ġ`, `Ċ`), s = SentencePiece (`▁`).
 */
export interface ExampleSpec {
  id: string;
  genre: string;
  language?: string;
  family: 'w' | 'b' | 's';
  pattern: string;
  pieces: string;
  context?: string;
  explanation: string;
}
