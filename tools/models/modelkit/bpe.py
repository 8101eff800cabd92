"""Byte-pair-encoding training and encoding over abstract symbol sequences.

The three tokenizer families (byte-level, WordPiece, Metaspace) differ only in how text becomes
symbol sequences and how two symbols join, so they share this trainer. Ties between equally
frequent pairs are broken by the pair itself (lexicographically smallest first) so training is
deterministic regardless of dict ordering.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from typing import Callable, Iterable

Pair = tuple[str, str]


def _default_join(left: str, right: str) -> str:
    return left + right


def train_bpe(
    word_counts: dict[tuple[str, ...], int],
    num_merges: int,
    join: Callable[[str, str], str] = _default_join,
    min_frequency: int = 2,
) -> list[Pair]:
    """Learns up to `num_merges` merges from words given as symbol tuples with their counts."""
    words = [list(w) for w in word_counts]
    counts = list(word_counts.values())
    pair_counts: Counter[Pair] = Counter()
    where: defaultdict[Pair, set[int]] = defaultdict(set)
    for idx, (symbols, count) in enumerate(zip(words, counts)):
        for pair in zip(symbols, symbols[1:]):
            pair_counts[pair] += count
            where[pair].add(idx)

    # Max-heap by count with lazy invalidation: stale entries are skipped when popped.
    heap = [(-c, p) for p, c in pair_counts.items()]
    heapq.heapify(heap)
    merges: list[Pair] = []
    while len(merges) < num_merges and heap:
        neg, pair = heapq.heappop(heap)
        current = pair_counts.get(pair, 0)
        if current != -neg:
            if current > 0:
                heapq.heappush(heap, (-current, pair))
            continue
        if current < min_frequency:
            break
        merges.append(pair)
        merged = join(*pair)
        touched: set[Pair] = set()
        for idx in sorted(where.pop(pair, ())):
            symbols = words[idx]
            count = counts[idx]
            i = 0
            out: list[str] = []
            changed = False
            while i < len(symbols):
                if i + 1 < len(symbols) and symbols[i] == pair[0] and symbols[i + 1] == pair[1]:
                    out.append(merged)
                    i += 2
                    changed = True
                else:
                    out.append(symbols[i])
                    i += 1
            if not changed:
                continue
            for old in zip(symbols, symbols[1:]):
                pair_counts[old] -= count
                touched.add(old)
            for new in zip(out, out[1:]):
                pair_counts[new] += count
                where[new].add(idx)
                touched.add(new)
            words[idx] = out
        pair_counts.pop(pair, None)
        for p in touched:
            c = pair_counts.get(p, 0)
            if c > 0 and p != pair:
                heapq.heappush(heap, (-c, p))
            elif c <= 0:
                pair_counts.pop(p, None)
    return merges


def bpe_segment(symbols: Iterable[str], ranks: dict[Pair, int], join: Callable[[str, str], str] = _default_join) -> list[str]:
    """Applies merges lowest-rank first, leftmost first on ties, one occurrence at a time:
    the order Hugging Face tokenizers (Rust and transformers.js) use."""
    parts = list(symbols)
    while len(parts) > 1:
        best_rank = None
        best_i = -1
        for i in range(len(parts) - 1):
            r = ranks.get((parts[i], parts[i + 1]))
            if r is not None and (best_rank is None or r < best_rank):
                best_rank = r
                best_i = i
        if best_rank is None:
            break
        parts[best_i : best_i + 2] = [join(parts[best_i], parts[best_i + 1])]
    return parts
