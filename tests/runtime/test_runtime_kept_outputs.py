"""A tensor call() replaces on self at every call is LD002 only when something shows it is weight
state: the class reads it back (as a weight). An output kept for a plotting property (held-out 11,
TabNet's aggregate feature mask) is not: no variable, every weight trained. Keras is measured first."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # measured with tf.GradientTape: not in the JAX and torch environments

FILE = TARGETS / "kept_outputs.py"


def _load():
    return load_target(FILE, "kept_outputs")


def _measure(model, name):
    """(count_params, trainable weights without a gradient, the attribute `name` replaced by a second call)."""
    x = np.random.default_rng(0).random((2, 4)).astype("float32")
    layer = model.layers[-1]
    model(x)
    first = getattr(layer, name)
    with tf.GradientTape() as tape:
        out = tf.reduce_sum(model(x))
    grads = tape.gradient(out, model.trainable_weights)
    return model.count_params(), sum(g is None for g in grads), getattr(layer, name) is not first


def test_keras_kept_mask_is_trained_and_the_per_call_kernel_is_no_weight():
    module = _load()
    assert _measure(module.keeps_mask(), "_mask") == (20, 0, True)  # Dense 4x4 + 4, all trained
    assert _measure(module.kernel_per_call(), "kernel") == (0, 0, True)  # the kernel is no weight at all
    assert _measure(module.keeps_attention(), "attention_weights") == (40, 0, True)  # the attention weights: remade each call


def test_attention_weights_kept_and_read_in_the_same_call_are_not_state():
    report = inspect_target(f"{FILE}:keeps_attention")
    assert [f for f in report.findings if f.severity == "error"] == []


def test_an_output_kept_for_a_property_is_not_ld002():
    report = inspect_target(f"{FILE}:keeps_mask")
    assert [f for f in report.findings if f.severity == "error"] == []


def test_a_tensor_call_makes_and_reads_as_a_weight_is_still_ld002():
    report = inspect_target(f"{FILE}:kernel_per_call")
    assert [(f.code, f.attribute) for f in report.findings if f.severity == "error"] == [("LD002", "kernel")]
