"""BERT-style uncased WordPiece: normalization, pre-tokenization, training, encoding, tokenizer.json."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterable

from .bpe import train_bpe
from .text_classes import is_bert_punctuation, is_space

PREFIX = "##"
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def normalize(text: str) -> str:
    """BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents follows lowercase)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if is_space(ch) or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    lowered = "".join(out).lower()
    return "".join(c for c in unicodedata.normalize("NFD", lowered) if unicodedata.category(c) != "Mn")


def pretokenize(normalized: str) -> list[str]:
    """BertPreTokenizer: whitespace splits, every punctuation character is its own word."""
    words: list[str] = []
    current: list[str] = []
    for ch in normalized:
        if is_space(ch):
            if current:
                words.append("".join(current))
                current = []
        elif is_bert_punctuation(ch):
            if current:
                words.append("".join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


def _join(left: str, right: str) -> str:
    return left + (right[len(PREFIX) :] if right.startswith(PREFIX) else right)


class WordPiece:
    def __init__(self, vocab_list: list[str]):
        self.vocab = {tok: i for i, tok in enumerate(vocab_list)}
        self.unk_id = self.vocab["[UNK]"]
        self.cls_id = self.vocab["[CLS]"]
        self.sep_id = self.vocab["[SEP]"]

    @classmethod
    def train(cls, texts: Iterable[str], vocab_size: int, min_char_count: int = 5) -> "WordPiece":
        word_counts: Counter[str] = Counter()
        for text in texts:
            word_counts.update(pretokenize(normalize(text)))
        char_counts: Counter[str] = Counter()
        for word, count in word_counts.items():
            for ch in word:
                char_counts[ch] += count
        # Every printable ASCII character is in, seen or not, so no ASCII text meets [UNK].
        ascii_chars = {chr(c) for c in range(33, 127)} - set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        alphabet = sorted({ch for ch, c in char_counts.items() if c >= min_char_count} | ascii_chars)
        allowed = set(alphabet)
        vocab_list = list(SPECIALS) + alphabet + [PREFIX + ch for ch in alphabet if not is_bert_punctuation(ch)]
        symbol_counts: Counter[tuple[str, ...]] = Counter()
        for word, count in word_counts.items():
            if len(word) > 1 and all(ch in allowed for ch in word):
                symbol_counts[(word[0],) + tuple(PREFIX + ch for ch in word[1:])] += count
        merges = train_bpe(dict(symbol_counts), vocab_size - len(vocab_list), join=_join)
        seen = set(vocab_list)
        for pair in merges:
            tok = _join(*pair)
            if tok not in seen:
                vocab_list.append(tok)
                seen.add(tok)
        return cls(vocab_list)

    def _word_ids(self, word: str) -> list[int]:
        """Greedy longest-match-first, the whole word becomes [UNK] if any part has no match."""
        if len(word) > 100:
            return [self.unk_id]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else PREFIX + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk_id]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
        ids = [i for word in pretokenize(normalize(text)) for i in self._word_ids(word)]
        return [self.cls_id, *ids, self.sep_id] if add_special_tokens else ids

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
            "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                           "strip_accents": None, "lowercase": True},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [
                    {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                    {"Sequence": {"id": "A", "type_id": 0}},
                    {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                ],
                "pair": [
                    {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                    {"Sequence": {"id": "A", "type_id": 0}},
                    {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                    {"Sequence": {"id": "B", "type_id": 1}},
                    {"SpecialToken": {"id": "[SEP]", "type_id": 1}},
                ],
                "special_tokens": {
                    t: {"id": t, "ids": [self.vocab[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")
                },
            },
            "decoder": {"type": "WordPiece", "prefix": PREFIX, "cleanup": True},
            "model": {
                "type": "WordPiece",
                "unk_token": "[UNK]",
                "continuing_subword_prefix": PREFIX,
                "max_input_chars_per_word": 100,
                "vocab": self.vocab,
            },
        }
