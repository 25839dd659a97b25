"""A Lambda whose function (or a helper it calls) makes layers with weights on every call: inspect
reports LD002 at the line that makes them and LD012 at the Lambda, as lint does; weightless layers
made per call, and the same convolutions made once by a Layer, are clean. Keras is measured first.
Target: tests/runtime/targets/lambda_makes_layers.py."""

import importlib.util

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")  # the gradient check of the twins

FILE = TARGETS / "lambda_makes_layers.py"


def _module():
    spec = importlib.util.spec_from_file_location("lambda_makes_layers", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module




@pytest.mark.parametrize("name, tracked", [("grouped_in_lambda", 2), ("dense_in_lambda", 2)])
def test_layers_made_by_a_lambda_function_are_ld002_and_ld012(name, tracked):
    model = getattr(_module(), name)()
    lambda_layer = next(layer for layer in model.layers if isinstance(layer, keras.layers.Lambda))
    data = np.ones((2, *model.inputs[0].shape[1:]), "float32")
    model(data)
    # Keras tracks only the final Dense: the layers the Lambda's function makes are nobody's
    assert len(model.trainable_weights) == tracked and lambda_layer.weights == []
    found = {f.code for f in inspect_target(f"{FILE}:{name}").findings if f.severity == "error"}
    assert found == {"LD002", "LD012"}


@pytest.mark.parametrize("name", ["activations_in_lambda", "grouped_as_a_layer"])
def test_weightless_layers_per_call_and_layers_made_once_are_clean(name):
    model = getattr(_module(), name)()
    data = np.ones((2, *model.inputs[0].shape[1:]), "float32")
    model(data)
    with tf.GradientTape() as tape:
        loss = keras.ops.sum(model(data))
    assert all(g is not None for g in tape.gradient(loss, model.trainable_weights))
    assert [f for f in inspect_target(f"{FILE}:{name}").findings if f.severity == "error"] == []
