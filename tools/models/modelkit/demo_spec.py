"""Everything that defines demo-gpt2: seeds, tokenizer size, architecture and the training
schedule.

The machine is shared, so throughput swings several-fold and a fixed step count cannot promise the
60-minute limit. The schedule is therefore warm-up → constant → linear decay ("WSD"): the run stays
at full learning rate until DECAY_AT of the time budget has passed, then decays for
DECAY_FRACTION × (steps so far) more steps. The step at which decay began is recorded in
tools/models/demo-gpt2-training.json, and a rebuild replays that exact schedule, so retraining is
deterministic whatever the machine's speed."""

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
TIME_BUDGET_S = 50 * 60  # training only; tokenizing, export and references take a few more minutes
DECAY_AT = 0.8
DECAY_FRACTION = 0.25
MAX_STEPS = 20_000
WEIGHT_DECAY = 0.1
GRAD_CLIP = 1.0
THREADS = 1  # measured: under contention 2 OpenMP threads spin, ~2.5x slower per step than 1
EVAL_EVERY = 100
CHECKPOINT_EVERY = 50
