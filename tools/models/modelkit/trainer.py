"""Trains demo-gpt2 on a token stream: AdamW, warm-up → constant → linear-decay learning rate
(see demo_spec), fixed-seed batch sampling, and periodic checkpoints from which an interrupted
run resumes bit for bit. Records wall-clock and CPU seconds separately: on a shared machine the
two differ several-fold."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from . import demo_spec as spec
from .arch_gpt2 import GPT2LMHeadModel
from .seeding import seed_everything


@dataclass
class TrainLog:
    steps_done: int = 0
    tokens_seen: int = 0
    train_seconds: float = 0.0
    cpu_seconds: float = 0.0  # process CPU time of the training loop
    decay_start: int | None = None
    total_steps: int | None = None
    resumed_at: list[int] = field(default_factory=list)  # steps at which a checkpoint was resumed
    history: list[dict] = field(default_factory=list)


def learning_rate(step: int) -> float:
    if step < spec.WARMUP:
        return spec.LR * (step + 1) / spec.WARMUP
    if step < spec.DECAY_START:
        return spec.LR
    progress = (step - spec.DECAY_START) / (spec.TOTAL_STEPS - spec.DECAY_START)
    return spec.LR + (spec.MIN_LR - spec.LR) * min(1.0, progress)


def _optimizer(model: torch.nn.Module) -> torch.optim.Optimizer:
    decay = [p for _, p in model.named_parameters() if p.ndim >= 2]
    no_decay = [p for _, p in model.named_parameters() if p.ndim < 2]
    groups = [{"params": decay, "weight_decay": spec.WEIGHT_DECAY}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=spec.LR, betas=(0.9, 0.95), eps=1e-8)


def mean_cross_entropy(model: torch.nn.Module, tokens: np.ndarray, block: int = spec.BLOCK) -> float:
    """Mean next-token cross-entropy (nats) over consecutive windows of `block` tokens; every
    token but the first of each window is predicted. The package test computes the same thing
    with onnxruntime."""
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(tokens) - 1, block):
            window = torch.tensor(tokens[start : start + block].astype(np.int64))[None]
            if window.size(1) < 2:
                break
            logits = model(window, torch.ones_like(window))
            total += float(F.cross_entropy(logits[0, :-1], window[0, 1:], reduction="sum"))
            count += window.size(1) - 1
    model.train(was_training)
    return total / count


def train(tokens: np.ndarray, held_out: np.ndarray, checkpoint: Path) -> tuple[GPT2LMHeadModel, TrainLog]:
    seed_everything(spec.SEED, spec.THREADS)
    model = GPT2LMHeadModel(spec.CONFIG)
    optimizer = _optimizer(model)
    sampler = np.random.Generator(np.random.PCG64(spec.SEED))
    log = TrainLog()
    if checkpoint.exists():
        state = torch.load(checkpoint)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        sampler.bit_generator.state = state["sampler"]
        log = TrainLog(**state["log"])
        if log.steps_done < spec.TOTAL_STEPS:  # a finished run reloaded for export was not resumed
            log.resumed_at.append(log.steps_done)
            print(f"resuming at step {log.steps_done}")
    log.decay_start, log.total_steps = spec.DECAY_START, spec.TOTAL_STEPS

    def save() -> None:
        tmp = checkpoint.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "sampler": sampler.bit_generator.state, "log": log.__dict__}, tmp)
        tmp.replace(checkpoint)

    model.train()
    started = time.time() - log.train_seconds
    cpu_started = time.process_time() - log.cpu_seconds
    window = time.time()
    while log.steps_done < spec.TOTAL_STEPS:
        step = log.steps_done
        lr = learning_rate(step)
        for group in optimizer.param_groups:
            group["lr"] = lr
        offsets = sampler.integers(0, len(tokens) - spec.BLOCK - 1, size=spec.BATCH)
        batch = np.stack([tokens[o : o + spec.BLOCK + 1] for o in offsets]).astype(np.int64)
        x, y = torch.from_numpy(batch[:, :-1]), torch.from_numpy(batch[:, 1:])
        logits = model(x, torch.ones_like(x))
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), spec.GRAD_CLIP)
        optimizer.step()
        log.steps_done = step + 1
        log.tokens_seen += spec.BATCH * spec.BLOCK
        log.train_seconds = time.time() - started
        log.cpu_seconds = time.process_time() - cpu_started
        finished = log.steps_done >= spec.TOTAL_STEPS
        if log.steps_done % 10 == 0:
            rate = 10 * spec.BATCH * spec.BLOCK / (time.time() - window)
            window = time.time()
            print(f"step {log.steps_done}/{spec.TOTAL_STEPS} loss {loss.item():.3f} lr {lr:.2e} {rate:.0f} tok/s "
                  f"elapsed {log.train_seconds / 60:.1f} min (cpu {log.cpu_seconds / 60:.1f})", flush=True)
        if log.steps_done % spec.EVAL_EVERY == 0 or finished:
            ce = mean_cross_entropy(model, held_out)
            log.history.append({"step": log.steps_done, "train_loss": float(loss), "held_out_ce": ce,
                                "minutes": log.train_seconds / 60, "cpu_minutes": log.cpu_seconds / 60})
            print(f"  held-out CE {ce:.3f} nats (perplexity {math.exp(ce):.1f})", flush=True)
        if log.steps_done % spec.CHECKPOINT_EVERY == 0 or finished:
            save()
    model.eval()
    return model, log
