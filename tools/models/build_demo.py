#!/usr/bin/python3
"""Builds demo-gpt2: corpus → tokenizer → training → ONNX (fp32 + int8) → reference activations →
model card, into packages/demo-model/model and fixtures/reference/demo-gpt2.

Usage: /usr/bin/python3 tools/models/build_demo.py [--skip-training]
  --skip-training  take the weights from the committed onnx/model.onnx and the tokenizer from the
                   committed tokenizer.json instead of retraining (minutes instead of the training run)
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from modelkit import demo_spec as spec  # noqa: E402
from modelkit.arch_gpt2 import GPT2LMHeadModel  # noqa: E402
from modelkit.demo_tokens import load_tokenizer, prepare  # noqa: E402
from modelkit.formatting import biome_format  # noqa: E402
from modelkit.hf_files import gpt2_tokenizer_config, write_model_dir_json  # noqa: E402
from modelkit.jsonio import write_json  # noqa: E402
from modelkit.licence_notices import check_wordnet_notice  # noqa: E402
from modelkit.model_card import write_card  # noqa: E402
from modelkit.nmf_summary import describe_factors, ecco_nmf  # noqa: E402
from modelkit.onnx_export import assert_capture_nodes, export_onnx  # noqa: E402
from modelkit.onnx_weights import load_weights_from_onnx  # noqa: E402
from modelkit.paths import DEMO_MODEL, DEMO_PACKAGE, FIXTURE_REFERENCE, REPO_ROOT, WORK_DIR  # noqa: E402
from modelkit.quantize_dynamic import quantize_dynamic_file  # noqa: E402
from modelkit.reference import capture, write_reference  # noqa: E402
from modelkit.seeding import seed_everything  # noqa: E402
from modelkit.trainer import mean_cross_entropy, train  # noqa: E402

REFERENCE_DIR = FIXTURE_REFERENCE / "demo-gpt2"
HELD_OUT_FILE = REFERENCE_DIR / "heldout.txt"
TRAINING_RECORD = Path(__file__).resolve().parent / "demo-gpt2-training.json"
CARD_NOTES = Path(__file__).resolve().parent / "demo-gpt2-card-notes.md"
MAX_SHIPPED_BYTES = 25_000_000


def unigram_ce(train_tokens: np.ndarray, held_out: np.ndarray) -> tuple[float, np.ndarray]:
    """Add-one-smoothed unigram cross-entropy on the same predicted positions as the model's."""
    counts = np.bincount(train_tokens.astype(np.int64), minlength=spec.VOCAB_SIZE)
    logp = np.log((counts + 1) / (counts.sum() + spec.VOCAB_SIZE))
    predicted = [held_out[s + 1 : s + spec.BLOCK] for s in range(0, len(held_out) - 1, spec.BLOCK)]
    ids = np.concatenate(predicted).astype(np.int64)
    return float(-logp[ids].mean()), counts


def export(model: GPT2LMHeadModel, tokenizer) -> None:
    write_model_dir_json(
        DEMO_MODEL,
        config=spec.CONFIG.hf_config(),
        tokenizer_json=tokenizer.tokenizer_json(),
        tokenizer_config=gpt2_tokenizer_config(spec.CONFIG.n_positions),
        generation_config={"bos_token_id": spec.CONFIG.bos_token_id, "eos_token_id": spec.CONFIG.eos_token_id,
                           "max_length": spec.CONFIG.n_positions, "do_sample": False},
    )
    fp32 = DEMO_MODEL / "onnx" / "model.onnx"
    export_onnx(model, fp32, "logits", spec.VOCAB_SIZE)
    assert_capture_nodes(fp32, "/transformer/h.{layer}/mlp/c_proj/Gemm", spec.CONFIG.n_layer)
    quantize_dynamic_file(fp32, DEMO_MODEL / "onnx" / "model_quantized.onnx")


def nmf_on_demo_texts(model: GPT2LMHeadModel, tokenizer) -> dict:
    demo_texts = json.loads((DEMO_PACKAGE / "demo-texts.json").read_text(encoding="utf-8"))
    inv = tokenizer.id_to_token()
    out = {}
    for key, entry in demo_texts.items():
        ids = tokenizer.encode(entry["text"])
        acts, _ = capture(model, ids)
        layers = list(range(spec.CONFIG.n_layer)) if entry["layers"] == "all" else [spec.CONFIG.n_layer - 1]
        factors = ecco_nmf(acts, layers, entry["components"])
        tokens = [tokenizer.decode([i]) for i in ids]
        out[key] = {"title": entry["title"], "components": entry["components"], "layers": layers,
                    "positions": len(ids), "pieces": [inv[i] for i in ids], "tokens": tokens,
                    "factors": describe_factors(factors, tokens)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    check_wordnet_notice()  # the card reproduces it: fail before hours of training, not after

    if args.skip_training:
        tokenizer = load_tokenizer(DEMO_MODEL / "tokenizer.json")
        seed_everything(spec.SEED, spec.THREADS)
        model = GPT2LMHeadModel(spec.CONFIG)
        load_weights_from_onnx(model, DEMO_MODEL / "onnx" / "model.onnx")
        record = json.loads(TRAINING_RECORD.read_text(encoding="utf-8"))
        stats, log = record["corpus"], record["training"]
        train_tokens = None
    else:
        tokenizer, train_tokens, held_out, stats = prepare(WORK_DIR, HELD_OUT_FILE)
        model, train_log = train(train_tokens, held_out, WORK_DIR / "demo-gpt2-checkpoint.pt")
        log = train_log.__dict__
    model.eval()

    held_out = np.array(tokenizer.encode(HELD_OUT_FILE.read_text(encoding="utf-8")), dtype=np.uint16)
    if train_tokens is not None:
        uni_ce, counts = unigram_ce(train_tokens, held_out)
        write_json(REFERENCE_DIR / "unigram-counts.json", {
            "description": "Token frequencies of demo-gpt2's training tokens (index = token id), for the "
                           "add-one-smoothed unigram baseline.",
            "counts": counts.tolist()}, indent=None)
    else:
        counts = np.array(json.loads((REFERENCE_DIR / "unigram-counts.json").read_text())["counts"])
        logp = np.log((counts + 1) / (counts.sum() + spec.VOCAB_SIZE))
        predicted = [held_out[s + 1 : s + spec.BLOCK] for s in range(0, len(held_out) - 1, spec.BLOCK)]
        uni_ce = float(-logp[np.concatenate(predicted).astype(np.int64)].mean())
    model_ce = mean_cross_entropy(model, held_out)
    model.eval()
    print(f"held-out CE {model_ce:.4f} vs unigram {uni_ce:.4f}: ratio {model_ce / uni_ce:.3f}")

    export(model, tokenizer)
    write_reference(name="demo-gpt2", model=model, model_dir=DEMO_MODEL, model_type="gpt2",
                    hooked_module="transformer.h.{layer}.mlp.c_proj", encode=tokenizer.encode,
                    id_to_token=tokenizer.id_to_token(), out_dir=REFERENCE_DIR, output_kind="logits")

    params = sum(p.numel() for p in model.parameters())  # tied weights counted once
    embedding = model.transformer.wte.weight.numel() + model.transformer.wpe.weight.numel()
    eval_ = {"model_ce": model_ce, "unigram_ce": uni_ce, "perplexity": math.exp(model_ce)}
    write_json(TRAINING_RECORD, {"corpus": stats, "training": log, "evaluation": eval_,
                                 "parameters": params})
    nmf = nmf_on_demo_texts(model, tokenizer)
    write_json(WORK_DIR / "demo-nmf.json", nmf)
    files = {p.relative_to(DEMO_MODEL).as_posix(): p.stat().st_size
             for p in DEMO_MODEL.rglob("*") if p.is_file() and p.name != "README.md"}
    write_card(DEMO_MODEL / "README.md", params=params, non_embedding=params - embedding, stats=stats, log=log,
               eval_=eval_, files=files, nmf=nmf,
               notes=CARD_NOTES.read_text(encoding="utf-8") if CARD_NOTES.exists() else "")
    biome_format([REFERENCE_DIR, TRAINING_RECORD])
    shipped = sum(files.values())
    print(f"demo-gpt2: {params:,} parameters; shipped files {shipped:,} bytes")
    if shipped > MAX_SHIPPED_BYTES:
        raise SystemExit(f"shipped model is {shipped} bytes, over the {MAX_SHIPPED_BYTES}-byte budget")
    print(f"wrote {DEMO_MODEL.relative_to(REPO_ROOT)} and {REFERENCE_DIR.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    torch.set_grad_enabled(True)
    main()
