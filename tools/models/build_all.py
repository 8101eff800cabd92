#!/usr/bin/python3
"""Rebuilds every model artifact the project commits, deterministically:
the tiny fixtures with their reference activations, then demo-gpt2 (corpus, tokenizer, training,
export, reference activations, model card).

Usage: /usr/bin/python3 tools/models/build_all.py [--fixtures-only | --skip-training]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: str, *args: str) -> None:
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--fixtures-only", action="store_true", help="rebuild only fixtures/models and their references")
    group.add_argument("--skip-training", action="store_true",
                       help="rebuild demo-gpt2's exports, references and card from the committed weights")
    args = parser.parse_args()
    run("build_fixtures.py")
    if not args.fixtures_only:
        run("build_demo.py", *(["--skip-training"] if args.skip_training else []))


if __name__ == "__main__":
    main()
