"""Runs the repository's Biome formatter over generated JSON: `pnpm test` lints fixtures/ too, and
letting Biome write the final layout keeps rebuilds byte-identical with what lint accepts."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .paths import REPO_ROOT


def biome_format(paths: list[Path]) -> None:
    args = ["npx", "--no-install", "biome", "format", "--write", *(str(p.relative_to(REPO_ROOT)) for p in paths)]
    result = subprocess.run(args, cwd=REPO_ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(
            "Biome could not format the generated JSON (run `pnpm install` at the repo root first):\n"
            + result.stdout[-2000:]
            + result.stderr[-2000:]
        )
