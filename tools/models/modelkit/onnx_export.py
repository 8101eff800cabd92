"""torch.onnx.export the way optimum/Xenova feature-extraction and causal-LM exports are made:
TorchScript exporter, opset 14, constant folding, inputs input_ids + attention_mask with dynamic
batch and sequence axes. Node names then carry module scopes (`/transformer/h.0/mlp/c_proj/Gemm`)."""

from __future__ import annotations

import warnings
from pathlib import Path

import onnx
import torch

OPSET = 14


def export_onnx(model: torch.nn.Module, path: Path, output_name: str, vocab_size: int) -> None:
    model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Batch 2 and an odd length so no traced shape can be mistaken for a constant.
    generator = torch.Generator().manual_seed(0)
    input_ids = torch.randint(3, vocab_size, (2, 7), generator=generator)
    attention_mask = torch.ones_like(input_ids)
    axes = {0: "batch_size", 1: "sequence_length"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about Python ints are expected here
        torch.onnx.export(
            model,
            (input_ids, attention_mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=[output_name],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, output_name: axes},
            opset_version=OPSET,
            do_constant_folding=True,
            export_params=True,
        )
    onnx.checker.check_model(onnx.load(str(path)))


def assert_capture_nodes(path: Path, node_template: str, num_layers: int) -> None:
    """Fails the build if the exporter stopped naming nodes by module scope: the activations
    package finds its capture points by these names."""
    names = {n.name for n in onnx.load(str(path)).graph.node}
    missing = [node_template.format(layer=i) for i in range(num_layers) if node_template.format(layer=i) not in names]
    if missing:
        raise SystemExit(f"{path}: expected capture nodes missing: {missing}")


def export_onnx_with_past(model: torch.nn.Module, path: Path, vocab_size: int) -> None:
    """The decoder as optimum's "text-generation-with-past" task exports it (the `onnx/model.onnx`
    of Xenova/onnx-community causal LMs): `model` is a `*WithPast` module whose forward takes
    input_ids, attention_mask, position_ids and the flat past key/values and returns logits and
    the flat presents. Axis names are optimum's (`past_sequence_length + 1` for the total)."""
    model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Batch 2, 7 new tokens after 5 cached ones: no traced shape can be mistaken for a constant,
    # and the past concatenation and the offset causal mask are exercised while tracing.
    generator = torch.Generator().manual_seed(0)
    batch, length, past_len = 2, 7, 5
    input_ids = torch.randint(3, vocab_size, (batch, length), generator=generator)
    attention_mask = torch.ones((batch, past_len + length), dtype=torch.long)
    position_ids = torch.arange(past_len, past_len + length, dtype=torch.long)[None, :].expand(batch, length)
    past = model.empty_past(batch, past_len, generator)
    input_names, output_names = model.onnx_io_names()
    total = "past_sequence_length + 1"
    axes: dict[str, dict[int, str]] = {
        "input_ids": {0: "batch_size", 1: "sequence_length"},
        "attention_mask": {0: "batch_size", 1: total},
        "position_ids": {0: "batch_size", 1: "sequence_length"},
        "logits": {0: "batch_size", 1: "sequence_length"},
    }
    for name in input_names:
        if name.startswith("past_key_values."):
            axes[name] = {0: "batch_size", 2: "past_sequence_length"}
    for name in output_names:
        if name.startswith("present."):
            axes[name] = {0: "batch_size", 2: total}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            (input_ids, attention_mask, position_ids, *past),
            str(path),
            input_names=input_names,
            output_names=output_names,
            dynamic_axes=axes,
            opset_version=OPSET,
            do_constant_folding=True,
            export_params=True,
        )
    onnx.checker.check_model(onnx.load(str(path)))
