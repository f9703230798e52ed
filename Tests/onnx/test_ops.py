"""ONNX graphs built with onnx.helper, one per supported op and activation, with
seeded random weights -> `soma import` -> build/soma-run, against ONNX Runtime on
1,000 inputs.

The bound is 1e-6 x max(1, |reference|): absolute for outputs within [-1, 1],
relative beyond. ONNX Runtime sums in another order than the one Soma's format
fixes (and approximates exp, sigmoid and tanh its own way), so the two agree to a
few units in the last place, and binary32's spacing grows with the value: from 2
to 8 it is 2.4e-7 to 9.5e-7, so a purely absolute 1e-6 would ask for one or two
ULP on the larger outputs (selu, elu and batch norm reach several units here) and less
than one ULP above 8. The weights are drawn at 1/sqrt(fan-in) scale, so outputs
stay O(1) and the bound is tight where most values lie. The largest differences,
absolute and relative, go to build/onnx-differences.txt.
"""
import base64
import json
import os
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import soma_tools as st

ROWS = 1000
TOLERANCE = 1e-6
F = TensorProto.FLOAT


class Graph:
    """A chain of nodes from `x` [N, width], with seeded initializers."""

    def __init__(self, width, seed):
        self.rng = np.random.default_rng(seed)
        self.width = width
        self.inputs = width
        self.nodes, self.inits = [], []
        self.current = "x"
        self.count = 0

    def name(self, stem):
        self.count += 1
        return f"{stem}_{self.count}"

    def const(self, values, stem="c"):
        name = self.name(stem)
        self.inits.append(numpy_helper.from_array(np.asarray(values), name))
        return name

    def op(self, op_type, *others, first=True, domain="", **attrs):
        out = self.name(op_type.lower())
        inputs = [self.current, *others] if first else [*others, self.current]
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, domain=domain, **attrs))
        self.current = out
        return out

    def weights(self, rows, cols):
        return (self.rng.standard_normal((rows, cols)) / np.sqrt(self.width)).astype(np.float32)

    def matmul_add(self, outputs):
        w = self.weights(self.width, outputs)
        self.op("MatMul", self.const(w, "W"))
        self.op("Add", self.const(self.rng.uniform(-0.5, 0.5, (1, outputs)).astype(np.float32), "b"))
        self.width = outputs
        return w

    def gemm(self, outputs, trans_b=1, **attrs):
        w = self.weights(outputs, self.width) if trans_b else self.weights(self.width, outputs)
        b = self.rng.uniform(-0.5, 0.5, outputs).astype(np.float32)
        self.op("Gemm", self.const(w, "W"), self.const(b, "b"), transB=trans_b, **attrs)
        self.width = outputs
        return w

    def model(self, opsets=(("", 17),)):
        graph = helper.make_graph(self.nodes, "ops", [helper.make_tensor_value_info("x", F, ["N", self.inputs])],
                                  [helper.make_tensor_value_info(self.current, F, ["N", self.width])], self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets])
        model.ir_version = 8
        onnx.checker.check_model(model, full_check=True)
        return model


def build(case, seed):
    """The graph for one case: the op under test between dense layers."""
    g = Graph(6, seed)
    opsets = (("", 17),)
    if case == "gemm-transB1-relu":
        g.gemm(8); g.op("Relu"); g.gemm(3)
    elif case == "gemm-transB0-beta-sigmoid":
        g.gemm(8, trans_b=0, beta=0.5); g.op("Sigmoid"); g.gemm(3, trans_b=0)
    elif case == "matmul-add-tanh":
        g.matmul_add(8); g.op("Tanh"); g.matmul_add(3)
    elif case == "leaky-relu":
        g.gemm(8); g.op("LeakyRelu", alpha=0.2); g.gemm(3)
    elif case == "elu":
        g.gemm(8); g.op("Elu", alpha=0.7); g.gemm(3)
    elif case == "selu":
        g.gemm(8); g.op("Selu"); g.gemm(3)
    elif case == "prelu":
        g.gemm(8); g.op("PRelu", g.const(g.rng.uniform(0, 0.5, 8).astype(np.float32), "slope")); g.gemm(3)
    elif case == "softmax":
        g.gemm(8); g.op("Relu"); g.gemm(4); g.op("Softmax", axis=-1)
    elif case == "batchnorm":
        g.gemm(8)
        stats = [g.rng.uniform(0.5, 1.5, 8), g.rng.uniform(-0.5, 0.5, 8), g.rng.uniform(-0.5, 0.5, 8),
                 g.rng.uniform(0.2, 2.0, 8)]
        g.op("BatchNormalization", *[g.const(s.astype(np.float32), "bn") for s in stats], epsilon=1e-3)
        g.op("Relu"); g.gemm(3)
    elif case == "shape-ops":
        g.op("Identity"); g.op("Flatten", axis=1); g.gemm(8); g.op("Relu")
        g.op("Reshape", g.const(np.array([-1, 8], dtype=np.int64), "shape")); g.op("Dropout")
        g.op("Cast", to=F); g.gemm(3)
    elif case == "swish":
        g.gemm(8)
        x = g.current
        s = g.op("Sigmoid"); g.current = x
        g.op("Mul", s); g.gemm(3)
    elif case == "swish-beta":
        g.gemm(8)
        x = g.current
        g.op("Mul", g.const(np.float32(1.7), "beta")); g.op("Sigmoid")
        s = g.current; g.current = x
        g.op("Mul", s); g.gemm(3)
    elif case == "sub-div-scaling":
        g.op("Sub", g.const(g.rng.uniform(-3, 3, 6).astype(np.float32), "mean"))
        g.op("Div", g.const(g.rng.uniform(0.5, 4, 6).astype(np.float32), "std"))
        g.gemm(8); g.op("Relu"); g.gemm(3)
    elif case == "scaler":
        g.op("Scaler", domain="ai.onnx.ml", offset=list(g.rng.uniform(-3, 3, 6)), scale=list(g.rng.uniform(0.25, 2, 6)))
        g.gemm(8); g.op("Tanh"); g.gemm(3)
        opsets = (("", 17), ("ai.onnx.ml", 1))
    elif case == "step":
        g.gemm(8)
        g.op("Greater", g.const(np.float32(0), "zero")); g.op("Cast", to=F); g.gemm(3)
    else:
        raise ValueError(case)
    return g.model(opsets)


CASES = ["gemm-transB1-relu", "gemm-transB0-beta-sigmoid", "matmul-add-tanh", "leaky-relu", "elu", "selu",
         "prelu", "softmax", "batchnorm", "shape-ops", "swish", "swish-beta", "sub-div-scaling", "scaler", "step"]


class OpTests(unittest.TestCase):
    def setUp(self):
        self.dir = st.scratch_dir()

    def tearDown(self):
        self.dir.cleanup()

    def imported(self, model, name):
        onnx_path = os.path.join(self.dir.name, name + ".onnx")
        json_path = os.path.join(self.dir.name, name + ".json")
        onnx.save(model, onnx_path)
        st.soma_import(onnx_path, json_path)
        return onnx_path, json_path

    def test_every_op_matches_onnx_runtime(self):
        for seed, case in enumerate(CASES, start=1):
            with self.subTest(case=case):
                onnx_path, json_path = self.imported(build(case, seed), case)
                x = np.random.default_rng(100 + seed).uniform(-3, 3, (ROWS, 6)).astype(np.float32)
                soma = st.soma_run(json_path, x)
                reference = st.onnx_run(onnx_path, x)
                absolute, relative = st.differences(soma, reference)
                st.record("onnx-helper ops", case, absolute, relative, ROWS)
                self.assertLessEqual(relative, TOLERANCE,
                                     f"{case}: differs from ONNX Runtime by {absolute} ({relative} of max(1, |reference|))")

    def test_weights_are_copied_bit_for_bit(self):
        """MatMul's [in, out] and Gemm's B (either transB) become Soma's output-major rows, bits unchanged
        (read back from the packed form, which stores the binary32 bits themselves)."""
        for case, transposed in [("matmul-add-tanh", True), ("gemm-transB1-relu", False),
                                 ("gemm-transB0-beta-sigmoid", True)]:
            with self.subTest(case=case):
                model = build(case, 7)
                onnx_path = os.path.join(self.dir.name, case + ".onnx")
                json_path = os.path.join(self.dir.name, case + "-packed.json")
                onnx.save(model, onnx_path)
                st.soma_import(onnx_path, json_path, "--packed")
                with open(json_path) as f:
                    layers = json.load(f)["layers"]
                weights = [numpy_helper.to_array(t) for t in model.graph.initializer if t.name.startswith("W")]
                self.assertEqual(len(layers), len(weights))
                for layer, w in zip(layers, weights):
                    rows = (w.T if transposed else w).astype(np.float32)
                    got = np.frombuffer(base64.b64decode(layer["weights"]["data"]), dtype="<f4")
                    np.testing.assert_array_equal(got.view(np.uint32), np.ascontiguousarray(rows).reshape(-1).view(np.uint32))


if __name__ == "__main__":
    unittest.main()
