"""DistilBERT encoder (DistilBertModel) with Hugging Face's module names."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from .activations import GELUActivation


@dataclass(frozen=True)
class DistilBertConfig:
    vocab_size: int
    dim: int
    n_layers: int
    n_heads: int
    hidden_dim: int
    max_position_embeddings: int
    pad_token_id: int = 0

    def hf_config(self) -> dict:
        return {
            "architectures": ["DistilBertModel"],
            "model_type": "distilbert",
            "vocab_size": self.vocab_size,
            "dim": self.dim,
            "hidden_size": self.dim,
            "n_layers": self.n_layers,
            "num_hidden_layers": self.n_layers,
            "n_heads": self.n_heads,
            "num_attention_heads": self.n_heads,
            "hidden_dim": self.hidden_dim,
            "intermediate_size": self.hidden_dim,
            "activation": "gelu",
            "dropout": 0.0,
            "attention_dropout": 0.0,
            "max_position_embeddings": self.max_position_embeddings,
            "sinusoidal_pos_embds": False,
            "initializer_range": 0.02,
            "pad_token_id": self.pad_token_id,
            "torch_dtype": "float32",
        }


class Embeddings(nn.Module):
    def __init__(self, cfg: DistilBertConfig):
        super().__init__()
        self.word_embeddings = nn.Embedding(cfg.vocab_size, cfg.dim)
        self.position_embeddings = nn.Embedding(cfg.max_position_embeddings, cfg.dim)
        self.LayerNorm = nn.LayerNorm(cfg.dim, eps=1e-12)
        self.dropout = nn.Dropout(0.0)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.size(1), device=input_ids.device)[None, :]
        return self.dropout(self.LayerNorm(self.word_embeddings(input_ids) + self.position_embeddings(positions)))


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, cfg: DistilBertConfig):
        super().__init__()
        self.n_heads = cfg.n_heads
        self.head_dim = cfg.dim // cfg.n_heads
        self.q_lin = nn.Linear(cfg.dim, cfg.dim)
        self.k_lin = nn.Linear(cfg.dim, cfg.dim)
        self.v_lin = nn.Linear(cfg.dim, cfg.dim)
        self.out_lin = nn.Linear(cfg.dim, cfg.dim)
        self.dropout = nn.Dropout(0.0)

    def _heads(self, x: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        return x.view(b, t, self.n_heads, self.head_dim).transpose(1, 2)

    def forward(self, x: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        q = self._heads(self.q_lin(x)) / math.sqrt(self.head_dim)
        k, v = self._heads(self.k_lin(x)), self._heads(self.v_lin(x))
        scores = torch.matmul(q, k.transpose(2, 3))
        drop = (attention_mask == 0)[:, None, None, :].expand_as(scores)
        scores = scores.masked_fill(drop, torch.tensor(torch.finfo(scores.dtype).min))
        probs = self.dropout(torch.softmax(scores, dim=-1))
        out = torch.matmul(probs, v).transpose(1, 2)
        return self.out_lin(out.reshape(out.size(0), out.size(1), x.size(-1)))


class FFN(nn.Module):
    def __init__(self, cfg: DistilBertConfig):
        super().__init__()
        self.dropout = nn.Dropout(0.0)
        self.lin1 = nn.Linear(cfg.dim, cfg.hidden_dim)
        self.lin2 = nn.Linear(cfg.hidden_dim, cfg.dim)
        self.activation = GELUActivation()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dropout(self.lin2(self.activation(self.lin1(x))))


class TransformerBlock(nn.Module):
    def __init__(self, cfg: DistilBertConfig):
        super().__init__()
        self.attention = MultiHeadSelfAttention(cfg)
        self.sa_layer_norm = nn.LayerNorm(cfg.dim, eps=1e-12)
        self.ffn = FFN(cfg)
        self.output_layer_norm = nn.LayerNorm(cfg.dim, eps=1e-12)

    def forward(self, x: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        x = self.sa_layer_norm(self.attention(x, attention_mask) + x)
        return self.output_layer_norm(self.ffn(x) + x)


class Transformer(nn.Module):
    def __init__(self, cfg: DistilBertConfig):
        super().__init__()
        self.layer = nn.ModuleList([TransformerBlock(cfg) for _ in range(cfg.n_layers)])

    def forward(self, x: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        for layer in self.layer:
            x = layer(x, attention_mask)
        return x


class DistilBertModel(nn.Module):
    def __init__(self, cfg: DistilBertConfig):
        super().__init__()
        self.config = cfg
        self.embeddings = Embeddings(cfg)
        self.transformer = Transformer(cfg)
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, std=0.02)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.transformer(self.embeddings(input_ids), attention_mask)

    def down_projections(self) -> list[nn.Module]:
        return [layer.ffn.lin2 for layer in self.transformer.layer]
