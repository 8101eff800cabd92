import { makeTokens, type Token, type TokenizerFamily } from '@explainable-ecco/core';
import type { PreTrainedTokenizer } from '@huggingface/transformers';

/** Turns token ids into core `Token`s: piece text, display text, kind (special / input / output). */
export class TokenPieces {
  private readonly pieces: string[] = [];
  private readonly special: Set<number>;

  constructor(
    tokenizer: PreTrainedTokenizer,
    readonly family: TokenizerFamily,
  ) {
    for (const [piece, id] of tokenizer.get_vocab()) this.pieces[id] = piece;
    this.special = new Set(tokenizer.all_special_ids);
  }

  piece(id: number): string {
    return this.pieces[id] ?? `<id:${id}>`;
  }

  isSpecial(id: number): boolean {
    return this.special.has(id);
  }

  /** Tokens for ids; ids from `outputFrom` on are the model's generation (kind 'output'). */
  tokens(ids: readonly number[], outputFrom = ids.length): Token[] {
    return makeTokens(
      ids.map((id, i) => ({
        text: this.piece(id),
        id,
        kind: i >= outputFrom ? 'output' : this.special.has(id) ? 'special' : 'input',
      })),
      this.family,
    );
  }
}
