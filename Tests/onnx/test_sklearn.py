"""scikit-learn MLPs -> skl2onnx -> `soma import` -> build/soma-run, against ONNX Runtime.

Classifiers: the same class on every row and probabilities within 1e-5 (absolute:
probabilities lie in [0, 1]). The regressor predicts diabetes progression (25 to
346), where one binary32 unit in the last place is already 3e-5, so its bound is
1e-5 relative to max(1, |reference|).
"""
import os
import unittest
import warnings

import numpy as np
from skl2onnx import to_onnx
from sklearn.datasets import load_diabetes, load_digits, load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import soma_tools as st

TOLERANCE = 1e-5


def fit(model, x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x, y)
    return model


class ScikitLearnTests(unittest.TestCase):
    def setUp(self):
        self.dir = st.scratch_dir()

    def tearDown(self):
        self.dir.cleanup()

    def convert(self, model, x, name, classifier):
        onnx_path = os.path.join(self.dir.name, name + ".onnx")
        json_path = os.path.join(self.dir.name, name + ".json")
        options = {"zipmap": False} if classifier else None
        with open(onnx_path, "wb") as f:
            f.write(to_onnx(model, x[:1], options=options, target_opset=17).SerializeToString())
        output = "probabilities" if classifier else "variable"
        st.soma_import(onnx_path, json_path, *(["--output-name", output] if classifier else []))
        return onnx_path, json_path, output

    def check_classifier(self, model, x, name):
        onnx_path, json_path, output = self.convert(model, x, name, classifier=True)
        soma = st.soma_run(json_path, x)
        reference = st.onnx_run(onnx_path, x, output)
        absolute, relative = st.differences(soma, reference)
        st.record("scikit-learn", name, absolute, relative, len(x))
        np.testing.assert_array_equal(soma.argmax(axis=1), reference.argmax(axis=1), err_msg=f"{name}: classes differ")
        np.testing.assert_array_equal(soma.argmax(axis=1), model.predict(x), err_msg=f"{name}: not scikit-learn's classes")
        self.assertLessEqual(absolute, TOLERANCE, f"{name}: probabilities differ by {absolute}")

    def test_digits_classifier(self):
        x, y = load_digits(return_X_y=True)
        x = x.astype(np.float32)
        self.check_classifier(fit(MLPClassifier(hidden_layer_sizes=(64, 32), max_iter=200, random_state=1), x, y),
                              x, "digits-mlp")

    def test_iris_classifier(self):
        x, y = load_iris(return_X_y=True)
        x = x.astype(np.float32)
        self.check_classifier(fit(MLPClassifier(hidden_layer_sizes=(16,), activation="tanh", max_iter=500,
                                                random_state=1), x, y), x, "iris-mlp-tanh")

    def test_iris_pipeline_with_scaler(self):
        """StandardScaler becomes the ai.onnx.ml Scaler op, read as Soma's input scaling."""
        x, y = load_iris(return_X_y=True)
        x = x.astype(np.float32)
        model = fit(make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(16,), max_iter=500,
                                                                  random_state=1)), x, y)
        self.check_classifier(model, x, "iris-scaler-mlp")

    def test_diabetes_regressor(self):
        x, y = load_diabetes(return_X_y=True)
        x = x.astype(np.float32)
        model = fit(make_pipeline(StandardScaler(), MLPRegressor(hidden_layer_sizes=(32, 16), activation="logistic",
                                                                 learning_rate_init=0.01, max_iter=500, random_state=1)), x, y)
        onnx_path, json_path, output = self.convert(model, x, "diabetes-scaler-mlp-regressor", classifier=False)
        soma = st.soma_run(json_path, x)
        reference = st.onnx_run(onnx_path, x, output)
        absolute, relative = st.differences(soma, reference)
        st.record("scikit-learn", "diabetes-scaler-mlp-regressor", absolute, relative, len(x))
        self.assertLessEqual(relative, TOLERANCE, f"outputs differ by {relative} relative ({absolute} absolute)")


if __name__ == "__main__":
    unittest.main()
