"""`soma import` refuses graphs outside the subset: a non-zero exit, a message naming
the node, its op type and why, and no output file."""
import os
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import soma_tools as st

F = TensorProto.FLOAT


def graph(nodes, inits, output, input_shape=("N", 4), output_shape=("N", 3)):
    g = helper.make_graph(nodes, "refused", [helper.make_tensor_value_info("x", F, list(input_shape))],
                          [helper.make_tensor_value_info(output, F, list(output_shape))], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])


def weights(name, shape, dtype=np.float32):
    return numpy_helper.from_array(np.random.default_rng(1).standard_normal(shape).astype(dtype), name)


CASES = {
    "conv": (graph([helper.make_node("Conv", ["x", "k"], ["y"], name="conv1")], [weights("k", (2, 1, 3, 3))], "y",
                   input_shape=("N", 1, 8, 8), output_shape=("N", 2, 6, 6)),
             ["conv1", "Conv", "convolution"]),
    "lstm-like op": (graph([helper.make_node("Gemm", ["x", "W"], ["h"], name="dense", transB=1),
                            helper.make_node("Hardmax", ["h"], ["y"], name="pick")], [weights("W", (3, 4))], "y"),
                     ["pick", "Hardmax", "outside the subset"]),
    "gemm transA": (graph([helper.make_node("Gemm", ["x", "W"], ["y"], name="g", transA=1)], [weights("W", (3, 3))], "y"),
                    ["\"g\"", "Gemm", "transA=1"]),
    "double weights": (graph([helper.make_node("MatMul", ["x", "W"], ["y"], name="mm")],
                             [weights("W", (4, 3), np.float64)], "y"),
                       ["mm", "MatMul", "DOUBLE"]),
    "branching": (graph([helper.make_node("Relu", ["x"], ["a"], name="left"),
                         helper.make_node("Sigmoid", ["x"], ["b"], name="right"),
                         helper.make_node("Add", ["a", "b"], ["c"], name="join"),
                         helper.make_node("MatMul", ["c", "W"], ["y"], name="mm")], [weights("W", (4, 3))], "y"),
                  ["Relu", "Sigmoid", "only fork Soma reads"]),
}


class RefusalTests(unittest.TestCase):
    def test_refusals_name_node_op_and_reason(self):
        with st.scratch_dir() as tmp:
            for label, (model, fragments) in CASES.items():
                with self.subTest(case=label):
                    onnx_path = os.path.join(tmp, label + ".onnx")
                    json_path = os.path.join(tmp, label + ".json")
                    onnx.save(model, onnx_path)
                    result = st.soma_import(onnx_path, json_path, expect_ok=False)
                    self.assertNotEqual(result.returncode, 0, label)
                    for fragment in fragments:
                        self.assertIn(fragment, result.stderr, f"{label}: {result.stderr.strip()}")
                    self.assertFalse(os.path.exists(json_path), f"{label}: wrote {json_path} anyway")

    def test_not_onnx(self):
        with st.scratch_dir() as tmp:
            bogus = os.path.join(tmp, "bogus.onnx")
            with open(bogus, "wb") as f:
                f.write(b"\xff\xff\xff not protobuf")
            result = st.soma_import(bogus, os.path.join(tmp, "out.json"), expect_ok=False)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("not a readable ONNX model", result.stderr)


if __name__ == "__main__":
    unittest.main()
