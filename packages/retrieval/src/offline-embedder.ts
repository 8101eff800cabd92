import { EccoError, throwIfAborted } from '@explainable-ecco/core';
import type { Embedder } from './embedder.js';
import { fnv1a } from './hash.js';
import { lexicalTerms } from './lexical-terms.js';

export interface OfflineEmbedderOptions {
  /** Vector length (default 384); part of the embedder's id. */
  dimensions?: number;
}

const TRIGRAM_WEIGHT = 0.35;

/**
 * Weights of the lines `recordToText` writes: what the factor responds to (active kinds, shape)
 * says more about its pattern than the surrounding words do. Other text weighs 1.
 */
const LINE_WEIGHTS: ReadonlyArray<[prefix: string, weight: number]> = [
  ['active kinds:', 3],
  ['shape:', 2],
  ['active tokens:', 1.5],
];

/**
 * The default embedder: no model, no network. Feature hashing (Weinberger et al. 2009) of the
 * lexical terms, weighted 1 + ln(tf), plus character trigrams of words at lower weight so
 * related word forms land near each other; a sign hash keeps collisions from adding up.
 * Deterministic on every platform, so its indexes can be saved and shared.
 */
export function createOfflineEmbedder(options: OfflineEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 384;
  if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 65_536) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `Offline embedder dimensions must be an integer from 8 to 65536, got ${dimensions}.`,
    );
  }
  return {
    id: `offline-hash-v1-${dimensions}`,
    dimensions,
    async embed(texts, embedOptions) {
      throwIfAborted(embedOptions?.signal, 'Embedding');
      return texts.map((text) => hashEmbed(text, dimensions));
    },
  };
}

function hashEmbed(text: string, dimensions: number): Float32Array {
  const features = new Map<string, number>();
  const add = (feature: string, weight: number) =>
    features.set(feature, (features.get(feature) ?? 0) + weight);
  for (const line of text.split('\n')) {
    const lineWeight = LINE_WEIGHTS.find(([prefix]) => line.startsWith(prefix))?.[1] ?? 1;
    for (const term of lexicalTerms(line)) {
      add(term, lineWeight);
      if (term.length >= 4 && /^\p{L}/u.test(term)) {
        const padded = `^${term}$`;
        for (let i = 0; i + 3 <= padded.length; i++) {
          add(`#${padded.slice(i, i + 3)}`, lineWeight * TRIGRAM_WEIGHT);
        }
      }
    }
  }
  const v = new Float32Array(dimensions);
  for (const [feature, count] of features) {
    const h = fnv1a(feature);
    // Sub-linear in repetition, so one frequent word cannot drown the rest.
    const weight = count >= 1 ? 1 + Math.log(count) : count;
    v[h % dimensions] += h & 0x80000000 ? -weight : weight;
  }
  // An empty text still gets a direction (a fixed one), so it never breaks normalisation.
  if (features.size === 0) v[0] = 1;
  return v;
}
