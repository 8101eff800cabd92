"""Everything that defines demo-gpt2: seeds, tokenizer size, architecture and the training
schedule (warm-up → constant → linear decay, fixed step counts, so a rebuild is deterministic).

The step counts were first meant to follow a 60-minute wall-clock budget, but on the shared
2-core machine throughput fell to 300-700 tokens/s (load average 10-17 from parallel work), where
an hour buys ~1.5M tokens — not enough for the held-out bar (≤ 0.7 × unigram cross-entropy).
So training length is fixed in steps; each step costs ~0.45 s of one core, i.e. the whole run is
about 27 minutes of CPU on an idle machine (see the model card for what this run took)."""

from __future__ import annotations

from .arch_gpt2 import GPT2Config

SEED = 1234
VOCAB_SIZE = 4096
END_OF_TEXT = "<|endoftext|>"

CONFIG = GPT2Config(
    vocab_size=VOCAB_SIZE,
    n_positions=256,
    n_embd=192,
    n_layer=4,
    n_head=4,
    n_inner=768,
    bos_token_id=VOCAB_SIZE - 1,
    eos_token_id=VOCAB_SIZE - 1,
)

BLOCK = 256  # training context (= n_positions: the robot poem is ~170 tokens)
BATCH = 4
WARMUP = 60
LR = 3e-3
MIN_LR = 1e-4
DECAY_START = 1600  # constant learning rate until here
TOTAL_STEPS = 3600  # then linear decay to MIN_LR
WEIGHT_DECAY = 0.1
GRAD_CLIP = 1.0
THREADS = 1  # measured: under contention 2 OpenMP threads spin, ~2.5x slower per step than 1
EVAL_EVERY = 100
CHECKPOINT_EVERY = 50
