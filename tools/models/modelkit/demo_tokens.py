"""Corpus → byte-level BPE tokenizer → token streams for demo-gpt2, cached under tools/models/.work."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from . import demo_spec as spec
from .bytelevel import ByteLevelBPE, count_words
from .corpus import build_corpus


def load_tokenizer(tokenizer_json: Path) -> ByteLevelBPE:
    data = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    merges = [tuple(m.split(" ", 1)) for m in data["model"]["merges"]]
    specials = [t["content"] for t in data["added_tokens"]]
    tok = ByteLevelBPE(merges, specials)
    if tok.vocab != data["model"]["vocab"]:
        raise SystemExit(f"{tokenizer_json}: vocabulary does not follow from its merges")
    return tok


def prepare(work: Path, held_out_file: Path) -> tuple[ByteLevelBPE, np.ndarray, np.ndarray, dict]:
    """Builds (or reuses from `work`) the tokenizer, training tokens and held-out tokens."""
    work.mkdir(parents=True, exist_ok=True)
    stats_path = work / "corpus-stats.json"
    tok_path = work / "tokenizer.json"
    train_path = work / "train-tokens.npy"
    if not (stats_path.exists() and tok_path.exists() and train_path.exists()):
        corpus = build_corpus(spec.SEED)
        held_out_file.parent.mkdir(parents=True, exist_ok=True)
        held_out_file.write_text(corpus.held_out, encoding="utf-8")
        print(f"corpus: {len(corpus.train)} documents, {sum(len(d) for d in corpus.train)} characters")
        tokenizer = ByteLevelBPE.train(count_words(corpus.train), spec.VOCAB_SIZE, [spec.END_OF_TEXT])
        eot = tokenizer.vocab[spec.END_OF_TEXT]
        ids: list[int] = []
        for doc in corpus.train:
            ids.extend(tokenizer.encode(doc))
            ids.append(eot)
        tokens = np.array(ids, dtype=np.uint16)
        np.save(train_path, tokens)
        tok_path.write_text(json.dumps(tokenizer.tokenizer_json(), ensure_ascii=False), encoding="utf-8")
        stats = {"sources": [asdict(s) for s in corpus.stats], "train_tokens": int(len(tokens)),
                 "train_chars": sum(len(d) for d in corpus.train)}
        stats_path.write_text(json.dumps(stats, indent=2), encoding="utf-8")
    tokenizer = load_tokenizer(tok_path)
    tokens = np.load(train_path)
    held_out = np.array(tokenizer.encode(held_out_file.read_text(encoding="utf-8")), dtype=np.uint16)
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    stats["held_out_tokens"] = int(len(held_out))
    stats["held_out_chars"] = len(held_out_file.read_text(encoding="utf-8"))
    return tokenizer, tokens, held_out, stats
