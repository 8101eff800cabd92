#!/usr/bin/python3
"""Builds fixtures/models/tiny-{distilbert,bert,llama,llama-past} (random weights, real tokenizers,
fp32 and int8 ONNX) and their PyTorch reference activations under fixtures/reference/.

Usage: /usr/bin/python3 tools/models/build_fixtures.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from modelkit.fixture_corpus import fixture_texts  # noqa: E402
from modelkit.fixture_specs import FIXTURES, MAX_POSITIONS, randomize_for_fixture  # noqa: E402
from modelkit.formatting import biome_format  # noqa: E402
from modelkit.hf_files import bert_tokenizer_config, llama_tokenizer_config, write_model_dir_json  # noqa: E402
from modelkit.metaspace import MetaspaceBPE  # noqa: E402
from modelkit.onnx_export import assert_capture_nodes, export_onnx, export_onnx_with_past  # noqa: E402
from modelkit.paths import FIXTURE_MODELS, FIXTURE_REFERENCE  # noqa: E402
from modelkit.quantize_dynamic import quantize_dynamic_file  # noqa: E402
from modelkit.reference import write_reference  # noqa: E402
from modelkit.seeding import seed_everything  # noqa: E402

WORDPIECE_VOCAB = 800
METASPACE_VOCAB = 700
MAX_DIR_BYTES = 1_000_000


def build_tokenizers(kinds: set[str]):
    texts = fixture_texts()
    from modelkit.wordpiece import WordPiece

    trainers = {
        "wordpiece": lambda: WordPiece.train(texts, WORDPIECE_VOCAB),
        "metaspace": lambda: MetaspaceBPE.train(texts, METASPACE_VOCAB),
    }
    return {kind: train() for kind, train in trainers.items() if kind in kinds}


def build_fixture(spec, tokenizer) -> None:
    seed_everything(spec.seed)
    vocab = len(tokenizer.vocab)
    model = spec.build(vocab)
    randomize_for_fixture(model, spec.seed)
    model.eval()
    out_dir = FIXTURE_MODELS / spec.name
    if spec.tokenizer == "wordpiece":
        cls = "DistilBertTokenizer" if spec.model_type == "distilbert" else "BertTokenizer"
        tok_config = bert_tokenizer_config(cls, MAX_POSITIONS)
    else:
        tok_config = llama_tokenizer_config(MAX_POSITIONS)
    write_model_dir_json(out_dir, config=spec.config(vocab), tokenizer_json=tokenizer.tokenizer_json(),
                         tokenizer_config=tok_config)
    fp32 = out_dir / "onnx" / "model.onnx"
    if spec.with_past:
        export_onnx_with_past(model, fp32, vocab)
    else:
        export_onnx(model, fp32, spec.output_name, vocab)
    assert_capture_nodes(fp32, spec.capture_node, len(model.down_projections()))
    quantize_dynamic_file(fp32, out_dir / "onnx" / "model_quantized.onnx")
    write_reference(
        name=spec.name,
        model=model,
        model_dir=out_dir,
        model_type=spec.model_type,
        hooked_module=spec.hooked_module,
        encode=tokenizer.encode,
        id_to_token=tokenizer.id_to_token(),
        out_dir=FIXTURE_REFERENCE / spec.name,
        output_kind=spec.output_name,
    )
    size = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    print(f"{spec.name}: {sum(p.numel() for p in model.parameters())} parameters, {size} bytes on disk")
    if size > MAX_DIR_BYTES:
        raise SystemExit(f"{spec.name} is {size} bytes, over the {MAX_DIR_BYTES}-byte fixture budget")


def main() -> None:
    names = [s.name for s in FIXTURES]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=names, metavar="NAME",
                        help=f"build just this fixture (repeatable; one of {', '.join(names)})")
    args = parser.parse_args()
    specs = [s for s in FIXTURES if not args.only or s.name in args.only]
    # Each fixture seeds itself, so building a subset gives the same bytes as building them all.
    tokenizers = build_tokenizers({s.tokenizer for s in specs})
    for spec in specs:
        build_fixture(spec, tokenizers[spec.tokenizer])
    biome_format([FIXTURE_MODELS / s.name for s in specs] + [FIXTURE_REFERENCE / s.name for s in specs])


if __name__ == "__main__":
    main()
