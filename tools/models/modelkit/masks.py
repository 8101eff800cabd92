"""Attention masks built from traced shapes so the exported graph keeps dynamic axes."""

import torch


def padding_bias(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """[batch, seq] 1/0 mask → additive [batch, 1, 1, seq] bias (0 keep, dtype-min drop)."""
    keep = attention_mask[:, None, None, :].to(dtype)
    return (1.0 - keep) * torch.finfo(dtype).min


def causal_keep(seq_len: int, device: torch.device) -> torch.Tensor:
    """[1, 1, seq, seq] boolean: query i may attend key j iff j <= i."""
    pos = torch.arange(seq_len, device=device)
    return (pos[None, :] <= pos[:, None])[None, None, :, :]
