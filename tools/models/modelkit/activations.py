"""Activation modules whose exported node names match Hugging Face's (the module attribute
becomes the ONNX scope, e.g. `/transformer/h.0/mlp/act/Mul_3`)."""

import math

import torch
from torch import nn


class GELUActivation(nn.Module):
    """Exact (erf) GELU: exports as Div → Erf → Add → Mul → Mul."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return nn.functional.gelu(x)


class NewGELUActivation(nn.Module):
    """GPT-2's tanh approximation ("gelu_new")."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class SiLUActivation(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return nn.functional.silu(x)
