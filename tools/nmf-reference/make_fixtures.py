"""Writes fixtures/nmf/: test matrices and scikit-learn's results on them.

Run with Debian's python3 (it has scikit-learn): /usr/bin/python3 tools/nmf-reference/make_fixtures.py
Re-running reproduces the committed bytes (fixed seeds). CI never runs this: the tests read
the recorded numbers from fixtures/nmf/manifest.json.

Two kinds of matrices:
- synthetic ones written here as float32 row-major files (`<name>.f32`);
- real FFN activations read from fixtures/reference/<model>/ (written by tools/models), turned
  into ecco's NMF input exactly as runNmf does (positions × neurons of all layers, negatives
  clipped to 0); the manifest names the source instead of copying it.
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _initialize_nmf

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "fixtures" / "nmf"

# scikit-learn settings recorded for every matrix. The first is the acceptance setting
# (ecco's solver with scikit-learn's default tol); the others check the remaining paths.
SETTINGS = [
    {"init": "random", "solver": "cd", "betaLoss": "frobenius", "maxIter": 500, "tol": 1e-4},
    {"init": "nndsvd", "solver": "cd", "betaLoss": "frobenius", "maxIter": 500, "tol": 1e-4},
    {"init": "nndsvda", "solver": "cd", "betaLoss": "frobenius", "maxIter": 500, "tol": 1e-4},
    {"init": "nndsvdar", "solver": "cd", "betaLoss": "frobenius", "maxIter": 500, "tol": 1e-4},
    {"init": "random", "solver": "mu", "betaLoss": "frobenius", "maxIter": 500, "tol": 1e-4},
    {"init": "nndsvda", "solver": "mu", "betaLoss": "kullback-leibler", "maxIter": 300, "tol": 1e-4},
]


def low_rank_plus_noise(rows, cols, rank, noise, seed):
    """Non-negative rank-`rank` product plus Gaussian noise, clipped at 0."""
    rng = np.random.default_rng(seed)
    w = rng.gamma(1.0, 1.0, size=(rows, rank))
    h = rng.gamma(0.5, 1.0, size=(rank, cols))
    x = w @ h
    x += noise * x.std() * rng.standard_normal(x.shape)
    return np.maximum(x, 0).astype(np.float32)


def gelu_like(rows, cols, rank, seed):
    """Clipped GELU of a low-rank-plus-noise pre-activation with a negative bias: sparse-ish
    like FFN activations (most pre-activations negative, a few neurons firing per token)."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((rows, rank)) @ (0.4 * rng.standard_normal((rank, cols)))
    z += rng.normal(-1.2, 0.4, size=cols) + 0.5 * rng.standard_normal((rows, cols))
    gelu = 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))
    return np.maximum(gelu, 0).astype(np.float32)


def ecco_matrix(manifest_path, text_name):
    """ecco's NMF input for one reference text: positions × (layers·neurons), clipped."""
    manifest = json.loads(manifest_path.read_text())
    text = next(t for t in manifest["texts"] if t["name"] == text_name)
    layers, neurons, positions = text["activations"]["shape"]
    acts = np.fromfile(manifest_path.parent / text["activations"]["file"], dtype="<f4")
    acts = acts.reshape(layers, neurons, positions)
    x = acts.reshape(layers * neurons, positions).T
    return np.maximum(x, 0).astype(np.float32), manifest


def exact_error(x, w, h, beta_loss):
    """The error of scikit-learn's W, H in float64 (its own reconstruction_err_ is computed in
    the input's float32 and is off by ~1e-5 relative); generalised KL as √(2·D) for 'kullback-leibler'."""
    x64, wh = x.astype(np.float64), w.astype(np.float64) @ h.astype(np.float64)
    if beta_loss == "frobenius":
        return float(np.linalg.norm(x64 - wh))
    eps = np.finfo(np.float32).eps
    mask = x64 > eps
    whs = np.where(wh == 0, eps, wh)
    d = np.sum(x64[mask] * np.log(x64[mask] / whs[mask])) + wh.sum() - x64[mask].sum()
    return float(np.sqrt(2 * max(d, 0)))


def sklearn_results(x, k):
    results = []
    for s in SETTINGS:
        if s["init"] != "random" and k > min(x.shape):
            continue
        model = NMF(
            n_components=k,
            init=s["init"],
            solver=s["solver"],
            beta_loss=s["betaLoss"],
            max_iter=s["maxIter"],
            tol=s["tol"],
            random_state=0,
        )
        w = model.fit_transform(x)
        results.append({**s, "reconstructionError": float(model.reconstruction_err_),
                        "exactError": exact_error(x, w, model.components_, s["betaLoss"]),
                        "nIter": int(model.n_iter_)})
    return results


def ecco_factors(x, k):
    """What ecco's run_nmf shows for this matrix: W transposed (k × positions)."""
    model = NMF(n_components=k, init="random", random_state=0, max_iter=500)
    w = model.fit_transform(x)
    return [[float(f"{v:.7g}") for v in row] for row in w.T]


def random_init_sample(x, k):
    """scikit-learn's 'random' init (random_state=0): W's first row and H's first column."""
    w, h = _initialize_nmf(x, k, init="random", random_state=0)
    return {"W0": [float(v) for v in w[0]], "Hcol0": [float(v) for v in h[:, 0]]}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    entries = []
    synthetic = [
        ("lowrank-60x500", low_rank_plus_noise(60, 500, 5, 0.05, seed=1), 5),
        ("lowrank-400x80", low_rank_plus_noise(400, 80, 6, 0.2, seed=2), 6),
        ("gelu-120x2000", gelu_like(120, 2000, 16, seed=3), 8),
        ("gelu-90x1536-k10", gelu_like(90, 1536, 24, seed=4), 10),
    ]
    for name, x, k in synthetic:
        (OUT / f"{name}.f32").write_bytes(x.astype("<f4").tobytes())
        entries.append(
            {
                "name": name,
                "kind": "synthetic",
                "file": f"fixtures/nmf/{name}.f32",
                "rows": x.shape[0],
                "cols": x.shape[1],
                "density": round(float((x > 0).mean()), 4),
                "nComponents": k,
                "randomInitSample": random_init_sample(x, k),
                "sklearn": sklearn_results(x, k),
            }
        )
    for model, text_name, k in [("tiny-bert", "numbers", 8), ("demo-gpt2", "numbers", 10)]:
        manifest_path = ROOT / "fixtures" / "reference" / model / "manifest.json"
        if not manifest_path.exists():
            print(f"skipping {model}: {manifest_path} not found", file=sys.stderr)
            continue
        try:
            x, manifest = ecco_matrix(manifest_path, text_name)
        except StopIteration:
            print(f"skipping {model}: no text named {text_name}", file=sys.stderr)
            continue
        k = min(k, x.shape[0])
        entries.append(
            {
                "name": f"{model}-{text_name}",
                "kind": "activations",
                "manifest": f"fixtures/reference/{model}/manifest.json",
                "text": text_name,
                "layers": manifest["layers"],
                "rows": x.shape[0],
                "cols": x.shape[1],
                "density": round(float((x > 0).mean()), 4),
                "nComponents": k,
                "sklearn": sklearn_results(x, k),
                "eccoFactors": ecco_factors(x, k),
            }
        )
    body = {
        "about": "NMF test matrices and scikit-learn's results (tools/nmf-reference/make_fixtures.py).",
        "format": "float32 little-endian, row-major rows × cols; 'activations' entries are built from the named reference capture as runNmf does (positions × layers·neurons, negatives clipped).",
        "sklearnVersion": sklearn.__version__,
        "numpyVersion": np.__version__,
        "randomState": 0,
        "matrices": entries,
    }
    (OUT / "manifest.json").write_text(json.dumps(body, indent=2) + "\n")
    # The repository's formatter owns JSON layout; keep the file as `pnpm lint` wants it.
    biome = ROOT / "node_modules" / ".bin" / "biome"
    if biome.exists():
        subprocess.run([str(biome), "format", "--write", str(OUT / "manifest.json")], check=True,
                       capture_output=True)
    for e in entries:
        first = e["sklearn"][0]
        print(f"{e['name']}: {e['rows']}x{e['cols']} density {e['density']} k={e['nComponents']} "
              f"sklearn cd/random error {first['reconstructionError']:.6g} in {first['nIter']} iterations")


if __name__ == "__main__":
    main()
