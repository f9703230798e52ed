"""Export then import gives back the same parameters bit for bit (every number
compared as its binary32 bit pattern, and the checksum over those bits) and the
same outputs in the C runtime, on every model in models/ and one random model
per activation."""
import glob
import json
import os
import unittest

import numpy as np

import soma_models
import soma_tools as st
from test_export import inputs_for


def parameters(path):
    """Everything that defines the computation, every number as its binary32 bit pattern."""
    def bits(text):
        return int(np.array(float(text), dtype=np.float32).view(np.uint32))
    with open(path) as f:
        m = json.load(f, parse_float=bits)
    return {"inputs": m["inputs"], "outputs": m["outputs"], "input_scaling": m.get("input_scaling"),
            "layers": m["layers"], "labels": m.get("labels"), "task": m.get("task")}


class RoundTripTests(unittest.TestCase):
    def setUp(self):
        self.dir = st.scratch_dir()

    def tearDown(self):
        self.dir.cleanup()

    def test_export_then_import_is_exact(self):
        sources = sorted(glob.glob(os.path.join(st.ROOT, "models", "*.json"))) + soma_models.write_all(self.dir.name)
        for seed, original in enumerate(sources, start=1):
            name = os.path.basename(original)
            with self.subTest(model=name):
                onnx_path = os.path.join(self.dir.name, name + ".onnx")
                back = os.path.join(self.dir.name, "back-" + name)
                st.soma_export(original, onnx_path)
                st.soma_import(onnx_path, back)
                self.assertEqual(parameters(back), parameters(original), name)
                with open(back) as f:
                    imported = json.load(f)
                with open(original) as f:
                    source = json.load(f)
                if "checksum" in source:
                    self.assertEqual(imported["checksum"], source["checksum"], name)
                self.assertEqual(imported["training"]["method"], "onnx-import")
                x = inputs_for(original, 1000, seed)
                np.testing.assert_array_equal(st.soma_run(back, x).view(np.uint32), st.soma_run(original, x).view(np.uint32))
                self.assertEqual(st.run([st.SOMA_RUN, "--verify", back]).returncode, 0)


if __name__ == "__main__":
    unittest.main()
