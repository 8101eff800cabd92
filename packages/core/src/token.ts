/** Where a token came from: the user's text, the model's generation, or the tokenizer itself. */
export type TokenKind = 'input' | 'output' | 'special';

export interface Token {
  /** The piece exactly as the tokenizer gives it (`Ġthe`, `##ing`, `▁the`, `[CLS]`). */
  text: string;
  /** What a reader should see, after applying the tokenizer's subword conventions (` the`, `ing`). */
  display: string;
  /** Vocabulary id; -1 when unknown (e.g. hand-made data). */
  id: number;
  /** Index in the sequence, 0-based, counting special tokens. */
  position: number;
  kind: TokenKind;
  /** True when this piece continues the previous word (no visual gap before it). */
  continuesWord?: boolean;
}
