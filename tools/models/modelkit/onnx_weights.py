"""Reads a PyTorch state dict back out of an exported fp32 ONNX file. Parameters the exporter
kept as-is appear as initializers under their module path; this lets `--skip-training` rebuild
everything from the committed model.onnx without the (uncommitted) training checkpoint."""

from __future__ import annotations

from pathlib import Path

import onnx
import torch
from onnx import numpy_helper


def load_weights_from_onnx(model: torch.nn.Module, onnx_path: Path) -> None:
    inits = {i.name: i for i in onnx.load(str(onnx_path)).graph.initializer}
    state = model.state_dict()
    loaded = {}
    missing = []
    for name, tensor in state.items():
        if name in inits:
            loaded[name] = torch.from_numpy(numpy_helper.to_array(inits[name]).copy())
        elif name == "lm_head.weight" and "transformer.wte.weight" in inits:
            continue  # tied to wte
        else:
            missing.append(name)
    if missing:
        raise SystemExit(f"{onnx_path} lacks initializers for {missing}; retrain instead of --skip-training")
    model.load_state_dict(loaded, strict=False)
