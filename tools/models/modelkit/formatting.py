"""Lays out generated JSON with the repository's Biome formatter settings, so rebuilds reproduce
the committed bytes.

The root biome.json ignores fixtures/models and fixtures/reference (generated files are not
linted), so Biome is not run on them in place: the files are copied into a scratch directory with
a stand-alone config holding the root's formatter settings, formatted there and copied back."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .paths import REPO_ROOT

BIOME = REPO_ROOT / "node_modules" / ".bin" / "biome"


def _json_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.json")) if path.is_dir() else [path])
    return files


def _standalone_config() -> dict:
    root = json.loads((REPO_ROOT / "biome.json").read_text(encoding="utf-8"))
    config = {"root": True, "vcs": {"enabled": False}, "files": {"includes": ["**"], "maxSize": 64 << 20},
              "formatter": root.get("formatter", {}), "linter": {"enabled": False}}
    if "json" in root:
        config["json"] = root["json"]
    return config


def biome_format(paths: list[Path]) -> None:
    """Formats every .json file in `paths` (files or directories) in place."""
    files = _json_files(paths)
    if not BIOME.exists():
        raise SystemExit(f"{BIOME} missing: run `pnpm install` at the repo root first")
    with tempfile.TemporaryDirectory(prefix="modelkit-biome-") as scratch:
        work = Path(scratch)
        (work / "biome.json").write_text(json.dumps(_standalone_config()), encoding="utf-8")
        copies = []
        for i, file in enumerate(files):
            copy = work / "files" / str(i) / file.name
            copy.parent.mkdir(parents=True)
            shutil.copyfile(file, copy)
            copies.append(copy)
        result = subprocess.run([str(BIOME), "format", "--write", "files"], cwd=work, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit("Biome could not format the generated JSON:\n" + result.stdout[-2000:] + result.stderr[-2000:])
        for file, copy in zip(files, copies):
            shutil.copyfile(copy, file)
