import type { TokenizerFamily } from './tokenizer-conventions.js';

/** One token of a factor record: what it reads as, and the factor's value there on a 0–10 scale. */
export interface RecordToken {
  /** Display text (subword conventions already applied). */
  text: string;
  /**
   * 0–10 on one scale per factor: floor(10 · value / max) (Bills et al. 2023), and at least 1
   * for a token the mask keeps, so every active token reads as active.
   */
  value: number;
  /** Position in the source sequence, when it came from one. */
  position?: number;
  /** True when this piece continues the previous word. */
  continuesWord?: boolean;
}

/**
 * The compact view of a factor that an explainer reads: a few windows of tokens with their
 * discretised values. Retrieval examples are records too, so both sides speak one format.
 */
export interface FactorRecord {
  tokens: RecordToken[];
  /** Half-open [start, end) ranges into `tokens` that are separate excerpts (default: one). */
  windows?: Array<[number, number]>;
  tokenizerFamily?: TokenizerFamily;
  /** The factor's maximum raw value, which maps to 10. */
  maxActivation?: number;
}
