"""inspect's LD010 for weights kept only combined, as an item of a list attribute call() reads (Nested-LSTM's cell,
held-out 41: `self.kernels.append(concatenate([input_kernel, hidden_kernel]))` in build()): one finding on
`kernels[0]` that explains both weights' missing gradients (no LD009 for them, no LD001 for the list item); the
twin keeping the weights themselves in the list is clean. Keras is measured first."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # measured with tf.GradientTape: not in the JAX and torch environments

FILE = TARGETS / "weights_combined_into_a_list.py"


def _load():
    return load_target(FILE, "weights_combined_into_a_list")


def _has_gradient(model):
    x = np.ones((2, 3), "float32")
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    layer = model.layers[-1]
    return {w.name: g is not None for w, g in zip(layer.trainable_weights, tape.gradient(loss, layer.trainable_weights))}


def test_keras_the_combined_weights_get_no_gradient():
    module = _load()
    assert _has_gradient(module.levels()) == {"inputs": False, "hidden": False, "level_1": True}
    assert _has_gradient(module.listed()) == {"level_0": True, "level_1": True}


def test_the_combined_copy_in_a_list_is_one_ld010():
    report = inspect_target(f"{FILE}:levels")
    assert [(f.code, f.attribute) for f in report.findings if f.severity == "error"] == [("LD010", "kernels[0]")]


def test_weights_kept_in_the_list_are_clean():
    assert [f for f in inspect_target(f"{FILE}:listed").findings if f.severity == "error"] == []
