"""Llama-style SentencePiece BPE written as a Hugging Face tokenizer.json: spaces become `▁`,
one `▁` is prepended to the text, pieces outside the vocabulary fall back to `<0xNN>` bytes,
and `<s>` is added in front."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from .bpe import bpe_segment, train_bpe

SPACE = "\u2581"
SPECIALS = ["<unk>", "<s>", "</s>"]
BYTE_TOKENS = [f"<0x{b:02X}>" for b in range(256)]
# Printable ASCII plus the space marker; anything else (newline, tab, non-ASCII) is spelled in
# bytes, as Llama's tokenizer does for characters it never saw.
ALPHABET = [SPACE] + [chr(c) for c in range(33, 127)]


def to_metaspace(text: str) -> str:
    """Metaspace pre-tokenizer with prepend_scheme 'first': the text becomes one ▁-joined piece."""
    replaced = text.replace(" ", SPACE)
    return replaced if replaced.startswith(SPACE) else SPACE + replaced


class MetaspaceBPE:
    def __init__(self, merges: list[tuple[str, str]]):
        self.merges = merges
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        vocab_list = SPECIALS + BYTE_TOKENS + ALPHABET
        seen = set(vocab_list)
        for a, b in merges:
            if a + b not in seen:
                vocab_list.append(a + b)
                seen.add(a + b)
        self.vocab = {tok: i for i, tok in enumerate(vocab_list)}
        self.bos_id = self.vocab["<s>"]

    @classmethod
    def train(cls, texts: Iterable[str], vocab_size: int) -> "MetaspaceBPE":
        allowed = re.escape("".join(ALPHABET[1:]))
        # Words never contain ▁ after a letter, so no merge can ever span two words: encoding the
        # whole text as one piece (what transformers.js does) equals encoding word by word.
        word_re = re.compile(f"{SPACE}*[{allowed}]+|{SPACE}+")
        counts: Counter[tuple[str, ...]] = Counter()
        for text in texts:
            for word in word_re.findall(to_metaspace(text)):
                counts[tuple(word)] += 1
        base = len(SPECIALS) + len(BYTE_TOKENS) + len(ALPHABET)
        return cls(train_bpe(dict(counts), vocab_size - base))

    def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
        ids: list[int] = []
        for piece in bpe_segment(to_metaspace(text), self.ranks):
            if piece in self.vocab:
                ids.append(self.vocab[piece])
            else:
                ids.extend(self.vocab[f"<0x{b:02X}>"] for b in piece.encode("utf-8"))
        return [self.bos_id, *ids] if add_special_tokens else ids

    def id_to_token(self) -> list[str]:
        inv = [""] * len(self.vocab)
        for tok, i in self.vocab.items():
            inv[i] = tok
        return inv

    def tokenizer_json(self) -> dict:
        added = [
            {"id": self.vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for t in SPECIALS
        ]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": {"type": "Metaspace", "replacement": SPACE, "prepend_scheme": "first", "split": False},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                "pair": [
                    {"SpecialToken": {"id": "<s>", "type_id": 0}},
                    {"Sequence": {"id": "A", "type_id": 0}},
                    {"SpecialToken": {"id": "<s>", "type_id": 1}},
                    {"Sequence": {"id": "B", "type_id": 1}},
                ],
                "special_tokens": {"<s>": {"id": "<s>", "ids": [self.bos_id], "tokens": ["<s>"]}},
            },
            "decoder": {
                "type": "Sequence",
                "decoders": [
                    {"type": "Replace", "pattern": {"String": SPACE}, "content": " "},
                    {"type": "ByteFallback"},
                    {"type": "Fuse"},
                    {"type": "Strip", "content": " ", "start": 1, "stop": 0},
                ],
            },
            "model": {
                "type": "BPE",
                "dropout": None,
                "unk_token": "<unk>",
                "continuing_subword_prefix": None,
                "end_of_word_suffix": None,
                "fuse_unk": True,
                "byte_fallback": True,
                "ignore_merges": False,
                "vocab": self.vocab,
                "merges": [f"{a} {b}" for a, b in self.merges],
            },
        }
