"""`soma export-onnx` on every model in models/ and on one random model per
activation: the ONNX checker accepts the graph (full_check), and ONNX Runtime's
outputs lie within 1e-6 × max(1, |y|) of the C runtime's on 1,000 inputs (absolute
for probabilities, steps and values of O(1)), with the same class on every row
(classification models). A model with output_scaling (format v2: regression
outputs in the data's units) is compared before that scaling's factor: both
sides differ from each other where the layers' sums do (ONNX Runtime sums in
its own order), and the factor std (77 for diabetes) magnifies that difference
in absolute terms, most visibly where the mean's addition cancels."""
import glob
import os
import unittest

import numpy as np
import onnx

import soma_models
import soma_tools as st

ROWS = 1000
TOLERANCE = 1e-6


def inputs_for(json_path, count, seed):
    """Rows around the model's own scale: the truth table for 2-input gates, else drawn around the scaling."""
    import json
    with open(json_path) as f:
        m = json.load(f)
    rng = np.random.default_rng(seed)
    z = rng.uniform(-2.5, 2.5, (count, m["inputs"]))
    scaling = m.get("input_scaling")
    if scaling:
        z = z * np.array(scaling["std"]) + np.array(scaling["mean"])
    if m["inputs"] == 2 and not scaling:
        z[:4] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    return z.astype(np.float32)


def output_std(json_path):
    """The model's output_scaling std as an array, or None."""
    import json
    with open(json_path) as f:
        scaling = json.load(f).get("output_scaling")
    return None if scaling is None else np.array(scaling["std"], dtype=np.float64)


def model_task(json_path):
    import json
    with open(json_path) as f:
        return json.load(f).get("task")


class ExportTests(unittest.TestCase):
    def setUp(self):
        self.dir = st.scratch_dir()

    def tearDown(self):
        self.dir.cleanup()

    def models(self):
        return sorted(glob.glob(os.path.join(st.ROOT, "models", "*.json"))) + soma_models.write_all(self.dir.name)

    def test_exports_run_in_onnx_runtime_like_soma(self):
        for seed, json_path in enumerate(self.models(), start=1):
            name = os.path.basename(json_path)
            with self.subTest(model=name):
                onnx_path = os.path.join(self.dir.name, name + ".onnx")
                st.soma_export(json_path, onnx_path)
                model = onnx.load(onnx_path)
                onnx.checker.check_model(model, full_check=True)
                self.assertEqual([o.version for o in model.opset_import if o.domain == ""], [17])
                x = inputs_for(json_path, ROWS, seed)
                soma = st.soma_run(json_path, x)
                reference = st.onnx_run(onnx_path, x)
                scale = output_std(json_path)
                if scale is not None:
                    soma, reference = soma / scale, reference / scale
                absolute, relative = st.differences(soma, reference)
                st.record("export", name, absolute, relative, ROWS)
                self.assertLessEqual(relative, TOLERANCE, f"{name}: ONNX Runtime differs by {absolute} ({relative} relative)")
                if model_task(json_path) != "regression":
                    np.testing.assert_array_equal(st.classes(soma), st.classes(reference), err_msg=f"{name}: classes differ")

    def test_opset_option(self):
        json_path = os.path.join(st.ROOT, "models", "iris.json")
        onnx_path = os.path.join(self.dir.name, "iris-21.onnx")
        st.soma_export(json_path, onnx_path, "--opset", "21")
        model = onnx.load(onnx_path)
        onnx.checker.check_model(model, full_check=True)
        self.assertEqual([o.version for o in model.opset_import if o.domain == ""], [21])
        refused = st.run([st.SOMA, "export-onnx", json_path, "--out", onnx_path, "--opset", "11"], expect_ok=False)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("--opset", refused.stderr)


if __name__ == "__main__":
    unittest.main()
