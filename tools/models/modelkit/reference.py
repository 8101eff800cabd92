"""PyTorch ground truth for the capture code: the input of every FFN down-projection (ecco's
captured activation), hooked with forward pre-hooks, plus one text's final outputs.
The on-disk format is documented in fixtures/README.md."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import torch

from .jsonio import write_json
from .paths import REPO_ROOT
from .reference_texts import OUTPUT_TEXT, REFERENCE_TEXTS


def capture(model: torch.nn.Module, token_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Returns ([layer][neuron][position] activations, [position][feature] model output)."""
    model.eval()
    captured: list[torch.Tensor] = []
    hooks = [
        m.register_forward_pre_hook(lambda _m, args: captured.append(args[0].detach()[0].clone()))
        for m in model.down_projections()
    ]
    try:
        with torch.no_grad():
            ids = torch.tensor([token_ids], dtype=torch.long)
            if hasattr(model, "reference_inputs"):
                # Cache-taking exports: positions 0…n-1 and an empty past, as the package feeds them.
                out = model(*model.reference_inputs(ids))[0]  # (logits, present.0.key, …)
            else:
                out = model(ids, torch.ones_like(ids))
    finally:
        for h in hooks:
            h.remove()
    acts = torch.stack([c.transpose(0, 1) for c in captured])  # [layer, neuron, position]
    return acts.numpy().astype("<f4"), out[0].numpy().astype("<f4")


def _write_f32(path: Path, array: np.ndarray) -> None:
    path.write_bytes(np.ascontiguousarray(array, dtype="<f4").tobytes())


def write_reference(
    *,
    name: str,
    model: torch.nn.Module,
    model_dir: Path,
    model_type: str,
    hooked_module: str,
    encode: Callable[[str], list[int]],
    id_to_token: list[str],
    out_dir: Path,
    output_kind: str,
) -> dict:
    """Captures every reference text and writes manifest.json + raw little-endian float32 files.
    `output_kind` is "logits" (causal LMs) or "last_hidden_state" (encoders without a head)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.f32"):
        stale.unlink()
    texts = []
    output_entry = None
    layers = None
    neurons = None
    for text_name, text in REFERENCE_TEXTS:
        ids = encode(text)
        acts, out = capture(model, ids)
        layers, neurons = acts.shape[0], acts.shape[1]
        act_file = f"{text_name}.acts.f32"
        _write_f32(out_dir / act_file, acts)
        texts.append(
            {
                "name": text_name,
                "text": text,
                "tokenIds": ids,
                "tokens": [id_to_token[i] for i in ids],
                "positions": len(ids),
                "activations": {
                    "file": act_file,
                    "dtype": "float32",
                    "layout": "[layer][neuron][position]",
                    "shape": list(acts.shape),
                },
            }
        )
        if text_name == OUTPUT_TEXT:
            out_file = f"{text_name}.{'logits' if output_kind == 'logits' else 'last_hidden_state'}.f32"
            _write_f32(out_dir / out_file, out)
            output_entry = {"text": text_name, "file": out_file, "dtype": "float32", "shape": list(out.shape)}
    manifest = {
        "model": name,
        "modelDir": model_dir.relative_to(REPO_ROOT).as_posix(),
        "modelType": model_type,
        "hookedModule": hooked_module,
        "layers": list(range(layers or 0)),
        "neurons": neurons,
        "texts": texts,
        "logits": output_entry if output_kind == "logits" else None,
    }
    if output_kind == "last_hidden_state":
        manifest["lastHiddenState"] = output_entry
    write_json(out_dir / "manifest.json", manifest)
    return manifest
