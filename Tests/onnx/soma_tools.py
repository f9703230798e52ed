"""Shared helpers for the ONNX interop tests: run `soma import`, `soma export-onnx`,
the C runtime's CLI (`build/soma-run`) and ONNX Runtime, and measure differences.

Paths come from the environment (SOMA, SOMA_RUN), else the repository's build
outputs; `make test-onnx` builds both first. Every largest difference measured is
appended to build/onnx-differences.txt, which docs/interop.md quotes.
"""
import os
import subprocess
import tempfile

import numpy as np
import onnxruntime as ort

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOMA = os.environ.get("SOMA", os.path.join(ROOT, ".build", "release", "soma"))
SOMA_RUN = os.environ.get("SOMA_RUN", os.path.join(ROOT, "build", "soma-run"))
REPORT = os.path.join(ROOT, "build", "onnx-differences.txt")


def scratch_dir():
    """A temporary directory removed when the returned object is collected."""
    return tempfile.TemporaryDirectory(prefix="soma-onnx-")


def run(args, expect_ok=True):
    """Runs a command; returns the completed process (checked unless expect_ok is False)."""
    result = subprocess.run(args, capture_output=True, text=True)
    if expect_ok and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result


def soma_import(onnx_path, json_path, *extra, expect_ok=True):
    return run([SOMA, "import", onnx_path, "--out", json_path, "--quiet", *extra], expect_ok=expect_ok)


def soma_export(json_path, onnx_path, *extra):
    return run([SOMA, "export-onnx", json_path, "--out", onnx_path, "--quiet", *extra])


def rows_text(x):
    """CSV rows with every float32 printed exactly (9 significant digits round-trip binary32)."""
    return "".join(",".join(f"{v:.9g}" for v in row) + "\n" for row in np.asarray(x, dtype=np.float32))


def soma_run(json_path, x):
    """The C runtime's outputs for the rows of x, as float32 (it prints %.9g: exact)."""
    result = subprocess.run([SOMA_RUN, json_path], input=rows_text(x), capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"soma-run {json_path}: {result.stderr.strip()}")
    return np.array([[np.float32(v) for v in line.split(",")] for line in result.stdout.splitlines()],
                    dtype=np.float32)


def onnx_run(onnx_path, x, output=None):
    """ONNX Runtime's output for the rows of x (the named output, else the first)."""
    session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    outputs = session.run([output] if output else None, {name: np.asarray(x, dtype=np.float32)})
    return np.asarray(outputs[0], dtype=np.float32)


def differences(soma, reference):
    """Largest absolute difference, and largest difference relative to max(1, |reference|)."""
    soma = np.asarray(soma, dtype=np.float64)
    reference = np.asarray(reference, dtype=np.float64).reshape(soma.shape)
    gap = np.abs(soma - reference)
    return float(gap.max()), float((gap / np.maximum(1.0, np.abs(reference))).max())


def classes(outputs):
    """The predicted class of each row: argmax, or output > 0.5 for one output."""
    outputs = np.asarray(outputs)
    if outputs.shape[1] == 1:
        return (outputs[:, 0] > 0.5).astype(int)
    return outputs.argmax(axis=1)


def record(suite, case, absolute, relative, rows):
    """Appends one measurement to build/onnx-differences.txt."""
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "a") as out:
        out.write(f"{suite}\t{case}\t{absolute:.3g}\t{relative:.3g}\t{rows}\n")
