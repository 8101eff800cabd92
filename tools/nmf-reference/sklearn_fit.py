"""Times scikit-learn's NMF on a float32 matrix file; prints one JSON line (used by the nmf bench).

usage: /usr/bin/python3 tools/nmf-reference/sklearn_fit.py FILE ROWS COLS K MAX_ITER TOL RUNS
The matrix is float32 little-endian, row-major. Settings are ecco's: init='random',
random_state=0, solver 'cd'. Reports every run's wall time (seconds), scikit-learn's reconstruction_err_ (computed in float32
for float32 input) and the exact error of its W and H (float64), which is what nmf() reports.
"""

import json
import sys
import time

import numpy as np
import sklearn
from sklearn.decomposition import NMF

path, rows, cols, k, max_iter, tol, runs = sys.argv[1:8]
x = np.fromfile(path, dtype="<f4").reshape(int(rows), int(cols))
seconds = []
for _ in range(int(runs)):
    model = NMF(n_components=int(k), init="random", random_state=0, max_iter=int(max_iter), tol=float(tol))
    start = time.perf_counter()
    w = model.fit_transform(x)
    seconds.append(time.perf_counter() - start)
exact = float(np.linalg.norm(x.astype(np.float64) - w.astype(np.float64) @ model.components_.astype(np.float64)))
print(json.dumps({
    "seconds": seconds,
    "reconstructionError": float(model.reconstruction_err_),
    "exactError": exact,
    "nIter": int(model.n_iter_),
    "sklearnVersion": sklearn.__version__,
}))
