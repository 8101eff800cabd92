"""Character classes as JavaScript regular expressions see them (transformers.js runs the
tokenizers we write, so its idea of \\s, \\p{L}, \\p{N} and \\p{P} is the one that counts)."""

import unicodedata

# ECMAScript \s: WhiteSpace + LineTerminator (Python's str.isspace() differs, e.g. on \x1c-\x1f).
_JS_SPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x200B)
}


def is_space(ch: str) -> bool:
    return ch in _JS_SPACE


def is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def is_number(ch: str) -> bool:
    return unicodedata.category(ch).startswith("N")


def is_bert_punctuation(ch: str) -> bool:
    """\\p{P} plus every ASCII symbol (BERT treats $, +, <, ^, ` … as punctuation too)."""
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")
