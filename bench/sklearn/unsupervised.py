"""scikit-learn's unsupervised detectors on the benchmark's preprocessed features.

    python3 unsupervised.py DIR [--seed 1] [--repeat 3] [--ocsvm-max-rows 0] [--ocsvm-matched-rows 0]

Each detector is fitted on every row and scores every row; the labels in DIR/features.csv are read
only to report scikit-learn's own ROC AUC / AP beside each result, as a cross-check of the metrics
the TypeScript side computes from the returned scores. Prints one JSON object to stdout.

Missing values: scikit-learn's IsolationForest, LocalOutlierFactor and OneClassSVM refuse NaN, so
each NaN is replaced by its column's mean (SimpleImputer's default) once, before any timing.
Timing: time.perf_counter() (wall) and time.process_time() (CPU) around fit + score only (no
import, reading or imputing). The isolation forests are timed --repeat times and the medians
reported; the others once.
"""
import argparse
import statistics
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.neighbors import LocalOutlierFactor
from sklearn.svm import OneClassSVM

from bench_io import emit, environment, finite_list, load_features


def isolation_forest(trees, seed):
    def run(X):
        model = IsolationForest(n_estimators=trees, random_state=seed).fit(X)
        # score_samples is higher for normal points; negate so higher means more anomalous.
        return -model.score_samples(X)

    return run


def local_outlier_factor(X):
    # novelty=False: the scores of the training rows are computed during fit.
    model = LocalOutlierFactor(n_neighbors=20, novelty=False).fit(X)
    return -model.negative_outlier_factor_


def one_class_svm(fit_rows):
    def run(X):
        model = OneClassSVM(kernel="rbf", gamma="scale", nu=0.5).fit(X[fit_rows])
        return -model.decision_function(X)

    return run


def subset(n, max_rows, seed):
    """Rows to fit on: all of them, or a seeded random max_rows of them (ascending), and a note saying which."""
    if 0 < max_rows < n:
        rows = np.sort(np.random.RandomState(seed).choice(n, max_rows, replace=False))
        return rows, f"fitted on a random {max_rows} of {n} rows, scores all {n}"
    return np.arange(n), f"fitted on all {n} rows"


def timed(run, X, repeat):
    """Scores of the last run, and each run's wall-clock and CPU seconds (this process, all threads)."""
    seconds, cpu_seconds = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        scores = run(X)
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    return scores, seconds, cpu_seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ocsvm-max-rows", type=int, default=0, help="0 = fit on every row")
    parser.add_argument("--ocsvm-matched-rows", type=int, default=0,
                        help="also fit a OneClassSVM on a random subset of this many rows, as Argus's does (0 = skip)")
    args = parser.parse_args()

    X_raw, y, _ = load_features(args.dir)
    X = SimpleImputer(strategy="mean").fit_transform(X_raw)
    n = X.shape[0]
    ocsvm_rows, ocsvm_note = subset(n, args.ocsvm_max_rows, args.seed)

    # (name, settings, at scikit-learn's defaults?, run, timed runs)
    detectors = [
        ("IsolationForest", "defaults: n_estimators=100, max_samples=auto (256), max_features=1.0", True,
         isolation_forest(100, args.seed), args.repeat),
        ("IsolationForest (200 trees)", "n_estimators=200 to match Argus iforest, otherwise defaults", False,
         isolation_forest(200, args.seed), args.repeat),
        ("LocalOutlierFactor", "defaults: n_neighbors=20, novelty=False", True, local_outlier_factor, 1),
        ("OneClassSVM", f"defaults: rbf, gamma=scale, nu=0.5; {ocsvm_note}", args.ocsvm_max_rows == 0,
         one_class_svm(ocsvm_rows), 1),
    ]
    if 0 < args.ocsvm_matched_rows < n:
        rows, note = subset(n, args.ocsvm_matched_rows, args.seed)
        detectors.append((f"OneClassSVM ({args.ocsvm_matched_rows}-row fit)",
                          f"defaults: rbf, gamma=scale, nu=0.5; {note} (Argus ocsvm's subsample size)",
                          False, one_class_svm(rows), 1))
    results = []
    for name, settings, defaults, run, repeat in detectors:
        scores, seconds, cpu_seconds = timed(run, X, repeat)
        results.append({
            "name": name,
            "settings": settings,
            "defaults": defaults,
            "seconds": statistics.median(seconds),
            "cpuSeconds": statistics.median(cpu_seconds),
            "runs": len(seconds),
            "scores": finite_list(scores),
            "sklearnRocAuc": float(roc_auc_score(y, scores)),
            "sklearnAveragePrecision": float(average_precision_score(y, scores)),
        })
    emit({
        "environment": environment(),
        "missingValues": "NaN replaced by the column mean (SimpleImputer), before timing",
        "detectors": results,
    })


if __name__ == "__main__":
    main()
