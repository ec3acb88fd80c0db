"""Reading the files the TypeScript benchmark writes, and writing the one JSON object it reads back.

features.csv: a header (feature names, then "label"), one row per account, values already
preprocessed in TypeScript (signed log1p, then median/IQR scaling), missing values as "nan".
folds.csv: one integer per line, the cross-validation fold (0..k-1) of the row on the same line.
"""
import csv
import json
import os
import sys

import numpy as np


def load_features(directory):
    """Returns (X float64 matrix with NaN for missing, y int labels, feature names)."""
    path = os.path.join(directory, "features.csv")
    with open(path, newline="") as f:
        header = next(csv.reader(f))
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    return data[:, :-1], data[:, -1].astype(np.int64), header[:-1]


def load_folds(directory):
    return np.loadtxt(os.path.join(directory, "folds.csv"), dtype=np.int64, ndmin=1)


def finite_list(values):
    """Scores as a JSON-safe list: JSON has no Infinity, so infinities become the largest finite
    doubles (ranking, and so every metric, is unchanged); NaN is refused because it has no rank."""
    values = np.asarray(values, dtype=np.float64)
    if np.isnan(values).any():
        raise ValueError("scores contain NaN")
    return np.nan_to_num(values, posinf=sys.float_info.max, neginf=-sys.float_info.max).tolist()


def emit(result):
    json.dump(result, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


def environment():
    import sklearn

    return {
        "python": sys.version.split()[0],
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "threads": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
    }
