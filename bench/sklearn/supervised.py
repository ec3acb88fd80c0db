"""scikit-learn's HistGradientBoostingClassifier under the benchmark's cross-validation folds.

    python3 supervised.py DIR

For each fold k in DIR/folds.csv, fits on the rows of the other folds and predicts P(label = 1) for
the rows of fold k, once with class_weight=None and once with class_weight='balanced', everything
else at scikit-learn's defaults (HGB handles NaN natively, so nothing is imputed). Prints one JSON
object to stdout with, per setting, the out-of-fold probabilities (row order of features.csv) and
each fold's fit and predict seconds (time.perf_counter() around that call only) and fit CPU seconds
(time.process_time()). The TypeScript side
computes F1 and AP from the probabilities so both libraries are scored by the same code.
"""
import argparse
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from bench_io import emit, environment, finite_list, load_features, load_folds


def cross_validate(X, y, folds, class_weight, seed):
    out_of_fold = np.full(len(y), np.nan)
    fit_seconds, fit_cpu_seconds, predict_seconds, iterations = [], [], [], []
    for k in np.unique(folds):
        train, test = folds != k, folds == k
        model = HistGradientBoostingClassifier(class_weight=class_weight, random_state=seed)
        started, cpu_started = time.perf_counter(), time.process_time()
        model.fit(X[train], y[train])
        fit_seconds.append(time.perf_counter() - started)
        fit_cpu_seconds.append(time.process_time() - cpu_started)
        started = time.perf_counter()
        out_of_fold[test] = model.predict_proba(X[test])[:, 1]
        predict_seconds.append(time.perf_counter() - started)
        iterations.append(int(model.n_iter_))
    return {
        "classWeight": class_weight,
        "params": {k: v for k, v in model.get_params().items() if isinstance(v, (int, float, str, type(None)))},
        "probabilities": finite_list(out_of_fold),
        "fitSeconds": fit_seconds,
        "fitCpuSeconds": fit_cpu_seconds,
        "predictSeconds": predict_seconds,
        "iterations": iterations,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    X, y, _ = load_features(args.dir)
    folds = load_folds(args.dir)
    if len(folds) != len(y):
        raise SystemExit(f"folds.csv has {len(folds)} rows, features.csv {len(y)}")
    emit({
        "environment": environment(),
        "runs": [cross_validate(X, y, folds, weight, args.seed) for weight in (None, "balanced")],
    })


if __name__ == "__main__":
    main()
