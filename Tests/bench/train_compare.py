#!/usr/bin/env python3
"""Soma's trainer beside scikit-learn's MLPClassifier, interleaved round by round.

Each round trains digits (64-32-10, 50 epochs) and MNIST 5k (784-128-64-10,
10 epochs) once with `soma-bench` and once with `sklearn_mlp.py`, in separate
processes pinned to the same core, alternating which side goes first. The ratio
of a round is scikit-learn's ms/epoch / Soma's (above 1: Soma is faster); the
tables give the median ratio over the rounds with its spread (min-max), so a
stretch of machine slowdown lands on both sides of a round alike. Then times the
whole command `soma train data digits --epochs 1` (wall and CPU time).

Both sides: ReLU hidden layers, softmax + cross-entropy, Adam lr 0.001,
batches of 32 shuffled every epoch, seeded, one thread, row i a test row iff
i % 5 == 0, inputs standardised on the training rows.

Usage: train_compare.py SOMA_BENCH SOMA MNIST_CSV_GZ [--rounds N] [--cpu K]
"""
import argparse
import datetime
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# OpenBLAS (and other BLAS) core-type overrides: set on some machines, they
# make NumPy's BLAS take a slower kernel than the CPU could run. Unset for
# scikit-learn; the thread counts are pinned to one instead.
CORE_TYPE = re.compile(r"^(OPENBLAS|GOTOBLAS|GOTO|NVPL_BLAS|MKL|BLIS)_.*(CORETYPE|CPU_TYPE|ARCH|INSTRUCTIONS|VERBOSE)")
THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
           "GOTO_NUM_THREADS", "NVPL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def environment():
    env = {k: v for k, v in os.environ.items() if not CORE_TYPE.match(k)}
    unset = sorted(k for k in os.environ if CORE_TYPE.match(k))
    for k in THREADS:
        env[k] = "1"
    return env, unset


def pinned(cpu):
    return ["taskset", "-c", str(cpu)] if cpu is not None and shutil.which("taskset") else []


def soma_side(bench, mnist, cpu, env):
    out = subprocess.run(pinned(cpu) + [bench, "--json", mnist], capture_output=True, text=True, env=env, check=True)
    return {r["name"]: r for r in (json.loads(line) for line in out.stdout.splitlines() if line.strip())}


def sklearn_side(cpu, env):
    out = subprocess.run(pinned(cpu) + [sys.executable, os.path.join(HERE, "sklearn_mlp.py"), "--json"],
                         capture_output=True, text=True, env=env, check=True)
    data = json.loads(out.stdout)
    return {r["name"]: r for r in data["results"]}, data["environment"]


def whole_command(soma, cpu, runs):
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "digits.json")
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(pinned(cpu) + [soma, "train", "data", "digits", "--epochs", "1", "-o", model],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            walls.append(1000 * (time.perf_counter() - start))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # microseconds, where os.times() has ticks
            cpus.append(1000 * ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)))
    return walls, cpus


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def clone():
    flags = open("/proc/cpuinfo").read() if os.path.exists("/proc/cpuinfo") else ""
    if platform.machine() != "x86_64":
        return "portable (%s)" % platform.machine()
    if re.search(r"\bavx512f\b", flags) and re.search(r"\bavx512bw\b", flags):
        return "x86-64-v4 (AVX-512)"
    if re.search(r"\bavx2\b", flags) and re.search(r"\bfma\b", flags):
        return "x86-64-v3 (AVX2 + FMA)"
    return "baseline x86-64"


def spread(values, fmt):
    return "%s (%s–%s)" % (fmt % statistics.median(values), fmt % min(values), fmt % max(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("soma_bench")
    ap.add_argument("soma")
    ap.add_argument("mnist")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cpu", type=int, default=None, help="core to pin both sides to (default: the last)")
    args = ap.parse_args()
    cpu = args.cpu if args.cpu is not None else (os.cpu_count() or 1) - 1
    env, unset = environment()
    load = os.getloadavg()
    rounds = []
    sk_env = None
    for k in range(args.rounds):
        if k % 2 == 0:
            soma = soma_side(args.soma_bench, args.mnist, cpu, env)
            sk, sk_env = sklearn_side(cpu, env)
        else:
            sk, sk_env = sklearn_side(cpu, env)
            soma = soma_side(args.soma_bench, args.mnist, cpu, env)
        rounds.append((soma, sk))
        print("round %d: " % (k + 1) + ", ".join(
            "%s Soma %.2f ms, sklearn %.1f ms" % (n, soma[n]["ms_per_epoch"], sk[n]["ms_per_epoch"])
            for n in ("digits", "mnist5k")), file=sys.stderr)
    walls, cpus = whole_command(args.soma, cpu, max(5, 2 * args.rounds))
    load_after = os.getloadavg()

    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.split("\n")[0] \
        if shutil.which("swift") else "?"
    print("## Training (`make bench-train`)\n")
    print("- machine: %s, %d cores, %s; Soma's training kernels run their %s clone" % (
        cpu_model(), os.cpu_count() or 0, platform.system(), clone()))
    print("- date: %s; load average %.2f / %.2f / %.2f before, %.2f / %.2f / %.2f after" % (
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), *load, *load_after))
    print("- Soma: %s, `swift build -c release`, one thread" % swift)
    print("- scikit-learn %s, NumPy %s (%s), Python %s, one thread; core-type variables unset: %s" % (
        sk_env["sklearn"], sk_env["numpy"], sk_env.get("blas", "BLAS ?"), sk_env["python"],
        ", ".join(unset) if unset else "none were set"))
    print("- both pinned to core %d, %d rounds alternating which side goes first; ratio = scikit-learn's "
          "time / Soma's per round (above 1: Soma faster), median (min–max)\n" % (cpu, args.rounds))
    print("| data, layers, epochs | Soma ms/epoch | scikit-learn ms/epoch | ratio | test accuracy Soma / scikit-learn |")
    print("|---|---|---|---|---|")
    for name, label in (("digits", "digits, 64-32-10, 50"), ("mnist5k", "MNIST 5k, 784-128-64-10, 10")):
        soma_ms = [r[0][name]["ms_per_epoch"] for r in rounds]
        sk_ms = [r[1][name]["ms_per_epoch"] for r in rounds]
        ratios = [s / m for m, s in zip(soma_ms, sk_ms)]
        print("| %s | %s | %s | %s× | %.2f %% / %.2f %% |" % (
            label, spread(soma_ms, "%.2f"), spread(sk_ms, "%.1f"), spread(ratios, "%.1f"),
            100 * rounds[-1][0][name]["test_accuracy"], 100 * rounds[-1][1][name]["test_accuracy"]))
    print("\n| whole command | wall ms, median (min–max) | CPU ms (user + system), median (min–max) |")
    print("|---|---|---|")
    print("| `soma train data digits --epochs 1`, %d runs | %s | %s |" % (
        len(walls), spread(walls, "%.0f"), spread(cpus, "%.0f")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
