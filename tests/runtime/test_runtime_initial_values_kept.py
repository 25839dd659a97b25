"""Initial values kept on self and assigned into the weight in build() are not a frozen copy (no
LD010) unless a method after build() reads them instead of the weight. Keras is measured first.
Target: tests/runtime/targets/initial_values_kept.py."""

import importlib.util

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")  # the gradient check

FILE = TARGETS / "initial_values_kept.py"


def _module():
    spec = importlib.util.spec_from_file_location("initial_values_kept", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _none_gradients(model):
    data = np.ones((2, *model.inputs[0].shape[1:]), model.inputs[0].dtype)
    with tf.GradientTape() as tape:
        loss = keras.ops.sum(model(data))
    return sum(g is None for g in tape.gradient(loss, model.trainable_weights))


def _errors(name):
    return sorted(f.code for f in inspect_target(f"{FILE}:{name}").findings if f.severity == "error")


@pytest.mark.parametrize("name, params", [("pretrained_embedding", 178), ("starts_from", 12)])
def test_kept_initial_values_assigned_in_build_are_not_a_copy(name, params):
    model = getattr(_module(), name)()
    layer = model.layers[1]
    kept = next(v for v in vars(layer).values() if isinstance(v, np.ndarray))
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer.weights[0]), kept)  # equal values
    assert model.count_params() == params and _none_gradients(model) == 0
    assert _errors(name) == []


def test_a_kept_copy_read_by_call_instead_of_the_weight_is_still_ld010():
    model = _module().starts_from_but_reads_the_copy()
    assert _none_gradients(model) == 1  # the kernel is counted but call() computes with the array
    assert "LD010" in _errors("starts_from_but_reads_the_copy")
