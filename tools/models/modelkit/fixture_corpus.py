"""A small, fixed slice of Debian's fortune files: enough text to train the fixtures' tiny
tokenizers (their models have random weights, so nothing else is learned from it)."""

from __future__ import annotations

from pathlib import Path

FORTUNE_DIR = Path("/usr/share/games/fortunes")
FILES = ("fortunes", "literature", "science", "computers", "wisdom", "people")
MAX_CHARS = 400_000


def fixture_texts() -> list[str]:
    texts: list[str] = []
    total = 0
    for name in FILES:
        path = FORTUNE_DIR / name
        if not path.exists():
            raise FileNotFoundError(f"{path} missing: apt-get install fortunes fortunes-min")
        for entry in path.read_text(encoding="utf-8", errors="replace").split("\n%\n"):
            entry = entry.strip()
            if entry:
                texts.append(entry)
                total += len(entry)
                if total >= MAX_CHARS:
                    return texts
    return texts
