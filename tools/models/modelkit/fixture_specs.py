"""The random-weight architecture fixtures: shapes chosen small (≤ 1 MB per directory) and
deliberately different from one another (hidden 32, FFN 64 / 48 / 56 / 40, 2-3 layers) so a
capture bug that mixes up dimensions cannot pass by accident. tiny-llama-past is the same
architecture as tiny-llama exported with a key/value cache (optimum's "text-generation-with-past"
graph: position_ids, past_key_values.N.key/value inputs, present.N.key/value outputs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn

from .arch_bert import BertConfig, BertModel
from .arch_distilbert import DistilBertConfig, DistilBertModel
from .arch_llama import LlamaConfig, LlamaForCausalLM
from .arch_llama_past import LlamaForCausalLMWithPast

MAX_POSITIONS = 128


@dataclass(frozen=True)
class FixtureSpec:
    name: str
    seed: int
    tokenizer: str  # "wordpiece" | "metaspace"
    model_type: str
    hooked_module: str
    output_name: str  # graph output: last_hidden_state (encoders) or logits
    capture_node: str  # the exported down-projection node, as optimum/Xenova exports name it
    build: Callable[[int], nn.Module]  # vocab size → model
    config: Callable[[int], dict]
    with_past: bool = False  # export with position_ids + past key/value inputs and present outputs


def _distilbert(vocab: int) -> DistilBertConfig:
    return DistilBertConfig(vocab_size=vocab, dim=32, n_layers=2, n_heads=4, hidden_dim=64,
                            max_position_embeddings=MAX_POSITIONS)


def _bert(vocab: int) -> BertConfig:
    return BertConfig(vocab_size=vocab, hidden_size=32, num_hidden_layers=3, num_attention_heads=2,
                      intermediate_size=48, max_position_embeddings=MAX_POSITIONS)


def _llama(vocab: int) -> LlamaConfig:
    return LlamaConfig(vocab_size=vocab, hidden_size=32, intermediate_size=56, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=MAX_POSITIONS)


def _llama_past(vocab: int) -> LlamaConfig:
    return LlamaConfig(vocab_size=vocab, hidden_size=32, intermediate_size=40, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=MAX_POSITIONS)


def _llama_past_config(vocab: int) -> dict:
    # An export with a cache is made from a model whose config says so (optimum's -with-past tasks).
    return {**_llama_past(vocab).hf_config(), "use_cache": True}


FIXTURES: list[FixtureSpec] = [
    FixtureSpec("tiny-distilbert", 1001, "wordpiece", "distilbert", "transformer.layer.{layer}.ffn.lin2",
                "last_hidden_state", "/transformer/layer.{layer}/ffn/lin2/MatMul", lambda v: DistilBertModel(_distilbert(v)), lambda v: _distilbert(v).hf_config()),
    FixtureSpec("tiny-bert", 1002, "wordpiece", "bert", "encoder.layer.{layer}.output.dense",
                "last_hidden_state", "/encoder/layer.{layer}/output/dense/MatMul", lambda v: BertModel(_bert(v)), lambda v: _bert(v).hf_config()),
    FixtureSpec("tiny-llama", 1003, "metaspace", "llama", "model.layers.{layer}.mlp.down_proj",
                "logits", "/model/layers.{layer}/mlp/down_proj/MatMul", lambda v: LlamaForCausalLM(_llama(v)), lambda v: _llama(v).hf_config()),
    FixtureSpec("tiny-llama-past", 1004, "metaspace", "llama", "model.layers.{layer}.mlp.down_proj",
                "logits", "/model/layers.{layer}/mlp/down_proj/MatMul", lambda v: LlamaForCausalLMWithPast(_llama_past(v)),
                _llama_past_config, with_past=True),
]


def randomize_for_fixture(model: nn.Module, seed: int) -> None:
    """Replaces the training-style init (std 0.02, which makes every activation tiny) with
    weights that give O(1) activations of both signs and non-zero biases, so that a comparison
    at 1e-4 actually tests something."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=generator)
            if p.ndim == 2 and "embed" in name:
                p.copy_(noise)
            elif p.ndim == 2:
                p.copy_(noise / p.shape[1] ** 0.5)  # nn.Linear weight is [out, in]
            elif name.endswith("bias"):
                p.copy_(0.1 * noise)
            else:  # norm scales
                p.copy_(1.0 + 0.1 * noise)
