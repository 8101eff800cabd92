import { type FixedParts, layOut, PART_SEPARATOR } from './layout.js';
import { exampleText, jaccard, shingles } from './near-duplicate.js';
import { countChat, countLayout } from './prompt-count.js';
import type { DropReason, PackExample, TokenCounter } from './types.js';

export interface SelectionInput {
  fixed: FixedParts;
  examples: readonly PackExample[];
  counter: TokenCounter;
  limit: number;
  /** Tokens of the prompt with no examples. */
  baseTokens: number;
  maxExamples: number;
  /** Jaccard similarity at or above which an example counts as a near-duplicate; undefined: off. */
  maxSimilarity: number | undefined;
}

export interface Selection {
  /** Indices into `examples`, ascending (rank order). */
  included: number[];
  tokens: number;
  dropped: Map<number, DropReason>;
}

/*
 * A guess may be this many tokens too pessimistic (merges across a join); candidates that
 * miss the gap by no more than this still get an exact try.
 */
const JOIN_SLACK = 2;

/*
 * Each failed exact try costs a count of the whole prompt; after this many, the remaining
 * near-misses are left out rather than letting a long tail of them each cost a full count.
 */
const MAX_FAILED_TRIES = 16;

/** What one example adds to the prompt, measured on its own (token counts do not add exactly). */
function marginalTokens(
  example: PackExample,
  format: FixedParts['format'],
  counter: TokenCounter,
): number {
  let tokens = example.text ? counter.count(PART_SEPARATOR + example.text) : 0;
  const turns = example.messages ?? [];
  if (turns.length === 0) return tokens;
  if (format === 'completion') {
    for (const t of turns) tokens += counter.count(PART_SEPARATOR + t.content);
    return tokens;
  }
  try {
    tokens += countChat(counter, turns) - countChat(counter, []);
  } catch {
    // Some templates reject a fragment (e.g. no user turn first); fall back to a rough size.
    for (const t of turns) tokens += counter.count(t.content) + 4;
  }
  return tokens;
}

/**
 * Most relevant first: each example is kept when the running total still fits. The guess is
 * then checked on the assembled prompt; if it overshoots, the least relevant kept examples go
 * until it fits, and a second pass tries every left-out example again with exact counts.
 */
export function selectExamples(input: SelectionInput): Selection {
  const { fixed, examples, counter, limit, maxExamples, maxSimilarity } = input;
  const cost = examples.map((e) => marginalTokens(e, fixed.format, counter));
  const shingleSets =
    maxSimilarity === undefined ? [] : examples.map((e) => shingles(exampleText(e)));
  const dropped = new Map<number, DropReason>();
  let included: number[] = [];

  const measure = (indices: number[]) =>
    countLayout(
      counter,
      layOut(
        fixed,
        indices.map((i) => examples[i]!),
      ),
    );
  const nearDuplicate = (i: number) =>
    maxSimilarity !== undefined &&
    included.some((j) => jaccard(shingleSets[i]!, shingleSets[j]!) >= maxSimilarity);
  /** Why `i` cannot join the current selection, before looking at its size. */
  const blocked = (i: number): DropReason | undefined => {
    if (included.length >= maxExamples) return 'max-examples';
    if (nearDuplicate(i)) return 'near-duplicate';
    return undefined;
  };

  let guess = input.baseTokens;
  for (let i = 0; i < examples.length; i++) {
    const reason = blocked(i) ?? (guess + cost[i]! > limit ? 'budget' : undefined);
    if (reason) {
      dropped.set(i, reason);
      continue;
    }
    included.push(i);
    guess += cost[i]!;
  }

  let tokens = included.length > 0 ? measure(included) : input.baseTokens;
  while (tokens > limit && included.length > 0) {
    dropped.set(included.pop()!, 'budget');
    tokens = included.length > 0 ? measure(included) : input.baseTokens;
  }

  let failedTries = 0;
  for (let i = 0; i < examples.length; i++) {
    if (!dropped.has(i)) continue;
    const reason = blocked(i);
    if (reason) {
      dropped.set(i, reason);
      continue;
    }
    if (tokens + cost[i]! > limit + JOIN_SLACK || failedTries >= MAX_FAILED_TRIES) {
      dropped.set(i, 'budget');
      continue;
    }
    const trial = [...included, i].sort((a, b) => a - b);
    const trialTokens = measure(trial);
    if (trialTokens <= limit) {
      included = trial;
      tokens = trialTokens;
      dropped.delete(i);
    } else {
      dropped.set(i, 'budget');
      failedTries++;
    }
  }
  return { included, tokens, dropped };
}
