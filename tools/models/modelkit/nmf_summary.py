"""ecco-style NMF of one text's activations, summarised for the model card: which tokens each
factor lights up. Settings as ecco's run_nmf: neurons of the chosen layers stacked, negatives
clipped, sklearn NMF(init='random', random_state=0, max_iter=500) on positions × neurons."""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import NMF


def ecco_nmf(acts: np.ndarray, layers: list[int], components: int) -> np.ndarray:
    """acts: [layer][neuron][position] → factors [component][position] (ecco's W transposed)."""
    stacked = np.concatenate([acts[layer] for layer in layers], axis=0)  # [neurons, positions]
    x = np.clip(stacked, 0, None).T  # positions × neurons
    k = min(components, x.shape[0])
    w = NMF(n_components=k, init="random", random_state=0, max_iter=500).fit_transform(x)
    return w.T


def describe_factors(factors: np.ndarray, tokens: list[str], top: int = 6) -> list[dict]:
    """For each factor: its strongest tokens and the positions where it is the dominant factor."""
    dominant = factors.argmax(axis=0)
    out = []
    for f, row in enumerate(factors):
        order = np.argsort(-row)[:top]
        out.append({
            "factor": f,
            "top": [(int(p), tokens[p], float(row[p])) for p in order],
            "dominant_positions": [int(p) for p in np.nonzero(dominant == f)[0]],
            "max": float(row.max()),
        })
    return out
