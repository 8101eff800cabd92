"""Counts words, lines and sentences in text files and prints a small report.

Written for explainable-ecco as held-out code for the demo model (it is never trained on)."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
STOP_WORDS = frozenset("a an and are as at be but by for if in is it of on or so the to was with".split())


@dataclass
class Tally:
    name: str
    lines: int = 0
    blank_lines: int = 0
    sentences: int = 0
    words: Counter[str] | None = None

    def __post_init__(self) -> None:
        if self.words is None:
            self.words = Counter()

    @property
    def word_count(self) -> int:
        return sum(self.words.values())

    def average_word_length(self) -> float:
        total = sum(len(word) * count for word, count in self.words.items())
        return total / self.word_count if self.word_count else 0.0

    def top_words(self, n: int, skip_stop_words: bool = True) -> list[tuple[str, int]]:
        items = ((w, c) for w, c in self.words.items() if not (skip_stop_words and w in STOP_WORDS))
        return sorted(items, key=lambda item: (-item[1], item[0]))[:n]


def tally_text(name: str, text: str) -> Tally:
    result = Tally(name)
    for line in text.splitlines():
        result.lines += 1
        if not line.strip():
            result.blank_lines += 1
            continue
        result.words.update(word.lower() for word in WORD.findall(line))
    result.sentences = len(SENTENCE_END.findall(text))
    return result


def merge(tallies: list[Tally]) -> Tally:
    total = Tally("total")
    for part in tallies:
        total.lines += part.lines
        total.blank_lines += part.blank_lines
        total.sentences += part.sentences
        total.words.update(part.words)
    return total


def report(tally: Tally, top: int) -> str:
    rows = [
        f"== {tally.name} ==",
        f"lines:      {tally.lines} ({tally.blank_lines} blank)",
        f"sentences:  {tally.sentences}",
        f"words:      {tally.word_count} ({len(tally.words)} different)",
        f"mean word:  {tally.average_word_length():.2f} letters",
    ]
    for rank, (word, count) in enumerate(tally.top_words(top), start=1):
        rows.append(f"{rank:>3}. {word:<16} {count:>6}")
    return "\n".join(rows)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Count words, lines and sentences.")
    parser.add_argument("files", nargs="*", type=Path, help="text files (standard input if none)")
    parser.add_argument("--top", type=int, default=10, help="how many frequent words to list")
    parser.add_argument("--total-only", action="store_true", help="print only the combined report")
    args = parser.parse_args(argv)
    if args.top < 0:
        parser.error("--top must not be negative")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not args.files:
        print(report(tally_text("<stdin>", sys.stdin.read()), args.top))
        return 0
    tallies = []
    for path in args.files:
        try:
            tallies.append(tally_text(path.name, path.read_text(encoding="utf-8")))
        except OSError as error:
            print(f"tally: cannot read {path}: {error.strerror}", file=sys.stderr)
            return 1
    if not args.total_only:
        for tally in tallies:
            print(report(tally, args.top), end="\n\n")
    if len(tallies) > 1 or args.total_only:
        print(report(merge(tallies), args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
