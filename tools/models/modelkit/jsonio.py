"""Deterministic JSON writing (sorted nothing, fixed separators, trailing newline) so rebuilds diff cleanly."""

import json
from pathlib import Path


def write_json(path: Path, value, indent: int | None = 2) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    path.write_text(text + "\n", encoding="utf-8")
