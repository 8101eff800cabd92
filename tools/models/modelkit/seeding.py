"""One place that makes torch/python randomness repeatable."""

import random

import numpy as np
import torch


def seed_everything(seed: int, threads: int = 2) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    # Same thread count on every rebuild: CPU reductions are only bit-stable for a fixed split.
    torch.set_num_threads(threads)
