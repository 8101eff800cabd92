"""GPT-2 style byte-level BPE: pre-tokenization, training, encoding and tokenizer.json."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from .bpe import bpe_segment, train_bpe
from .text_classes import is_letter, is_number, is_space

_CONTRACTIONS = ("s", "t", "re", "ve", "m", "ll", "d")


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte → printable character table (control bytes move to 256+)."""
    printable = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    table = {b: chr(b) for b in printable}
    shift = 0
    for b in range(256):
        if b not in table:
            table[b] = chr(256 + shift)
            shift += 1
    return table


BYTE_TO_CHAR = bytes_to_unicode()
CHAR_TO_BYTE = {c: b for b, c in BYTE_TO_CHAR.items()}


def pretokenize(text: str) -> list[str]:
    """Splits like GPT-2's pattern
    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+
    (Debian's python has no `regex` module, so the alternation is walked by hand)."""
    out: list[str] = []
    i = 0
    n = len(text)

    def run(start: int, pred) -> int:
        j = start
        while j < n and pred(text[j]):
            j += 1
        return j

    def other(ch: str) -> bool:
        return not (is_space(ch) or is_letter(ch) or is_number(ch))

    while i < n:
        ch = text[i]
        if ch == "'":
            hit = next((c for c in _CONTRACTIONS if text.startswith(c, i + 1)), None)
            if hit is not None:
                out.append(text[i : i + 1 + len(hit)])
                i += 1 + len(hit)
                continue
        start = i + 1 if ch == " " and i + 1 < n else i
        matched = False
        for pred in (is_letter, is_number, other):
            if start < n and pred(text[start]) and not (start == i and ch == " "):
                end = run(start, pred)
                out.append(text[i:end])
                i = end
                matched = True
                break
        if matched:
            continue
        # Whitespace: a run not followed by non-space, else the run minus its last char.
        end = run(i, is_space)
        if end == i:  # cannot happen: every char is space, letter, number or other
            raise AssertionError(f"unclassified character {ch!r}")
        if end < n and end - i > 1:
            end -= 1
        out.append(text[i:end])
        i = end
    return out


def to_byte_chars(piece: str) -> str:
    return "".join(BYTE_TO_CHAR[b] for b in piece.encode("utf-8"))


def count_words(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(pretokenize(text))
    return counts


class ByteLevelBPE:
    def __init__(self, merges: list[tuple[str, str]], special_tokens: list[str]):
        self.merges = merges
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        vocab = [BYTE_TO_CHAR[b] for b in range(256)]
        seen = set(vocab)
        for a, b in merges:
            tok = a + b
            if tok not in seen:
                vocab.append(tok)
                seen.add(tok)
        self.special_tokens = special_tokens
        vocab.extend(special_tokens)
        self.vocab = {tok: i for i, tok in enumerate(vocab)}
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def train(cls, word_counts: Counter[str], vocab_size: int, special_tokens: list[str]) -> "ByteLevelBPE":
        symbol_counts: Counter[tuple[str, ...]] = Counter()
        for word, count in word_counts.items():
            symbol_counts[tuple(to_byte_chars(word))] += count
        merges = train_bpe(dict(symbol_counts), vocab_size - 256 - len(special_tokens))
        return cls(merges, special_tokens)

    def encode(self, text: str) -> list[int]:
        ids: list[int] = []
        for word in pretokenize(text):
            cached = self._cache.get(word)
            if cached is None:
                cached = [self.vocab[p] for p in bpe_segment(to_byte_chars(word), self.ranks)]
                if len(self._cache) < 500_000:
                    self._cache[word] = cached
            ids.extend(cached)
        return ids

    def id_to_token(self) -> list[str]:
        inv = [""] * len(self.vocab)
        for tok, i in self.vocab.items():
            inv[i] = tok
        return inv

    def decode(self, ids: list[int]) -> str:
        inv = self.id_to_token()
        chars = "".join(inv[i] for i in ids if inv[i] not in self.special_tokens)
        return bytes(CHAR_TO_BYTE[c] for c in chars).decode("utf-8", errors="replace")

    def tokenizer_json(self) -> dict:
        """The Hugging Face tokenizer.json a GPT-2 checkpoint ships (no BOS/EOS added on encode)."""
        added = [
            {
                "id": self.vocab[tok],
                "content": tok,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": True,
                "special": True,
            }
            for tok in self.special_tokens
        ]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
            "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
            "model": {
                "type": "BPE",
                "dropout": None,
                "unk_token": None,
                "continuing_subword_prefix": "",
                "end_of_word_suffix": "",
                "fuse_unk": False,
                "byte_fallback": False,
                "ignore_merges": False,
                "vocab": self.vocab,
                "merges": [f"{a} {b}" for a, b in self.merges],
            },
        }
