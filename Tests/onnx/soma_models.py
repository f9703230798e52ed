"""Soma model files with seeded random weights, one per activation (and batch norm,
input scaling), so export and round-trip tests cover every layer and activation
Soma has, beside the trained models in models/."""
import json
import os

import numpy as np

ACTIVATIONS = ["step", "identity", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "selu", "swish",
               "softmax"]


def activation(name, width, rng):
    spec = {"name": name}
    if name in ("leaky_relu", "elu"):
        spec["alpha"] = float(np.float32(rng.uniform(0.05, 1.5)))
    if name == "prelu":
        spec["alpha"] = [float(v) for v in rng.uniform(0, 0.5, width).astype(np.float32)]
    if name == "swish":
        spec["beta"] = float(np.float32(rng.uniform(0.5, 2.0)))
    return spec


def floats(values):
    return [float(v) for v in np.asarray(values, dtype=np.float32).reshape(-1)]


def dense(inputs, outputs, act, rng):
    w = (rng.standard_normal((outputs, inputs)) / np.sqrt(inputs)).astype(np.float32)
    return {"type": "dense", "inputs": inputs, "outputs": outputs, "layout": "output-major",
            "weights": [floats(row) for row in w], "bias": floats(rng.uniform(-0.5, 0.5, outputs)),
            "activation": activation(act, outputs, rng)}


def model(hidden_activation, seed):
    """5 inputs (scaled) -> dense 8 -> batchnorm 8 (hidden activation) -> dense 3 (softmax)."""
    rng = np.random.default_rng(seed)
    layers = [dense(5, 8, "identity", rng),
              {"type": "batchnorm", "size": 8, "epsilon": 1e-5, "gamma": floats(rng.uniform(0.5, 1.5, 8)),
               "beta": floats(rng.uniform(-0.5, 0.5, 8)), "mean": floats(rng.uniform(-0.5, 0.5, 8)),
               "variance": floats(rng.uniform(0.2, 2, 8)), "activation": activation(hidden_activation, 8, rng)},
              dense(8, 3, "softmax" if hidden_activation != "softmax" else "identity", rng)]
    return {"format": "soma-model", "version": 1, "name": f"random-{hidden_activation}", "inputs": 5, "outputs": 3,
            "input_scaling": {"mean": floats(rng.uniform(-2, 2, 5)), "std": floats(rng.uniform(0.5, 3, 5))},
            "labels": ["a", "b", "c"], "task": "classification", "layers": layers}


def write_all(directory):
    """Writes one model per activation into directory; returns their paths."""
    paths = []
    for seed, name in enumerate(ACTIVATIONS, start=1):
        path = os.path.join(directory, f"random-{name}.json")
        with open(path, "w") as f:
            json.dump(model(name, seed), f)
        paths.append(path)
    return paths
