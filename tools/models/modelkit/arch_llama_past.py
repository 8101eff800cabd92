"""Llama with a key/value cache, exported the way optimum's "text-generation-with-past" task does
it (the `onnx/model.onnx` Xenova/onnx-community publish for decoders): inputs `input_ids`,
`attention_mask` (covering past + new tokens), `position_ids` and `past_key_values.N.key/.value`
([batch, kv_heads, past_sequence_length, head_dim]); outputs `logits` and `present.N.key/.value`
(past concatenated with the new keys/values, before grouped-query sharing).

Subclasses of `arch_llama`'s modules with the same attribute names, so node scopes stay
`/model/layers.N/mlp/down_proj/...`; `arch_llama`'s cache-less forward paths are left untouched
(tiny-llama's export must stay byte-identical)."""

from __future__ import annotations

import math

import torch
from torch import nn

from .arch_llama import (
    LlamaAttention,
    LlamaConfig,
    LlamaDecoderLayer,
    LlamaForCausalLM,
    LlamaModel,
    LlamaRotaryEmbedding,
    rotate_half,
)
from .masks import padding_bias

KV = tuple[torch.Tensor, torch.Tensor]


def causal_keep_with_past(q_len: int, kv_len: int, device: torch.device) -> torch.Tensor:
    """[1, 1, q_len, kv_len] boolean: new token i sits at absolute position past + i and may attend
    every key at or before it (all of the past, and the new tokens up to itself)."""
    keys = torch.arange(kv_len, device=device)
    queries = torch.arange(q_len, device=device) + (kv_len - q_len)
    return (keys[None, :] <= queries[:, None])[None, None, :, :]


class LlamaRotaryEmbeddingWithPast(LlamaRotaryEmbedding):
    def forward(self, position_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:  # type: ignore[override]
        """position_ids [batch, seq] → cos, sin [batch, 1, seq, head_dim]."""
        freqs = position_ids[:, :, None].to(torch.float32) * self.inv_freq[None, None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos()[:, None], emb.sin()[:, None]


class LlamaAttentionWithPast(LlamaAttention):
    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, bias: torch.Tensor,  # type: ignore[override]
                past: KV) -> tuple[torch.Tensor, KV]:
        q = self._heads(self.q_proj(x), self.n_head)
        k = self._heads(self.k_proj(x), self.n_kv)
        v = self._heads(self.v_proj(x), self.n_kv)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat((past[0], k), dim=2)
        v = torch.cat((past[1], v), dim=2)
        present = (k, v)
        k, v = self._repeat_kv(k), self._repeat_kv(v)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim)
        floor = torch.tensor(torch.finfo(scores.dtype).min, dtype=scores.dtype)
        scores = torch.where(causal_keep_with_past(x.size(1), k.size(2), x.device), scores + bias, floor)
        out = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2)
        return self.o_proj(out.reshape(out.size(0), out.size(1), self.n_head * self.head_dim)), present


class LlamaDecoderLayerWithPast(LlamaDecoderLayer):
    def __init__(self, cfg: LlamaConfig):
        super().__init__(cfg)
        self.self_attn = LlamaAttentionWithPast(cfg)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, bias: torch.Tensor,  # type: ignore[override]
                past: KV) -> tuple[torch.Tensor, KV]:
        attn, present = self.self_attn(self.input_layernorm(x), cos, sin, bias, past)
        x = x + attn
        return x + self.mlp(self.post_attention_layernorm(x)), present


class LlamaModelWithPast(LlamaModel):
    def __init__(self, cfg: LlamaConfig):
        super().__init__(cfg)
        self.layers = nn.ModuleList([LlamaDecoderLayerWithPast(cfg) for _ in range(cfg.num_hidden_layers)])
        self.rotary_emb = LlamaRotaryEmbeddingWithPast(cfg.hidden_size // cfg.num_attention_heads, cfg.rope_theta)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,  # type: ignore[override]
                position_ids: torch.Tensor, past: list[KV]) -> tuple[torch.Tensor, list[KV]]:
        x = self.embed_tokens(input_ids)
        cos, sin = self.rotary_emb(position_ids)
        bias = padding_bias(attention_mask, x.dtype)  # attention_mask spans past + new tokens
        presents = []
        for layer, layer_past in zip(self.layers, past):
            x, present = layer(x, cos, sin, bias, layer_past)
            presents.append(present)
        return self.norm(x), presents


class LlamaForCausalLMWithPast(LlamaForCausalLM):
    """forward(input_ids, attention_mask, position_ids, past_key_values.0.key, past_key_values.0.value,
    …) → (logits, present.0.key, present.0.value, …): the flat signature optimum's export wrapper
    gives the graph."""

    def __init__(self, cfg: LlamaConfig):
        super().__init__(cfg)
        self.model = LlamaModelWithPast(cfg)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,  # type: ignore[override]
                position_ids: torch.Tensor, *past_key_values: torch.Tensor) -> tuple[torch.Tensor, ...]:
        n = self.config.num_hidden_layers
        if len(past_key_values) != 2 * n:
            raise ValueError(f"expected {2 * n} past key/value tensors, got {len(past_key_values)}")
        past = [(past_key_values[2 * i], past_key_values[2 * i + 1]) for i in range(n)]
        hidden, presents = self.model(input_ids, attention_mask, position_ids, past)
        return (self.lm_head(hidden), *[t for kv in presents for t in kv])

    def empty_past(self, batch: int, past_len: int = 0, generator: torch.Generator | None = None) -> list[torch.Tensor]:
        """2 × layers tensors [batch, kv_heads, past_len, head_dim]; random if past_len > 0."""
        cfg = self.config
        shape = (batch, cfg.num_key_value_heads, past_len, cfg.hidden_size // cfg.num_attention_heads)
        return [torch.randn(shape, generator=generator) for _ in range(2 * cfg.num_hidden_layers)]

    def reference_inputs(self, input_ids: torch.Tensor) -> tuple[torch.Tensor, ...]:
        """What the activations package feeds: all-ones mask, positions 0…n-1, an empty past."""
        batch, length = input_ids.shape
        positions = torch.arange(length, dtype=torch.long)[None, :].expand(batch, length)
        return (input_ids, torch.ones_like(input_ids), positions, *self.empty_past(batch))

    def onnx_io_names(self) -> tuple[list[str], list[str]]:
        n = self.config.num_hidden_layers
        kv = [f"{i}.{part}" for i in range(n) for part in ("key", "value")]
        inputs = ["input_ids", "attention_mask", "position_ids", *[f"past_key_values.{s}" for s in kv]]
        return inputs, ["logits", *[f"present.{s}" for s in kv]]
