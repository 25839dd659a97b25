"""On TF, sign() has a registered gradient of zeros: a kernel reaching the output only through it
gets an all-zero gradient, not None (held-out 11, TernaryDense without a straight-through
estimator). inspect reports LD009 when the gradient is zero AND the traced graph shows every path
crosses a zero-derivative op; a gradient that is zero by values (LoRA's zero-initialised `up`
makes `down`'s zero) and a straight-through estimator stay clean. Keras is measured first."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # measured with tf.GradientTape: not in the JAX and torch environments

FILE = TARGETS / "zero_gradient_paths.py"


def _load():
    return load_target(FILE, "zero_gradient_paths")


def _gradients(model):
    """{weight name: 'none' | 'zero' | 'nonzero'} on random inputs."""
    x = np.random.default_rng(1).random((3, 6)).astype("float32")
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_weights)
    return {w.path.rpartition("/")[2]: "none" if g is None else "zero" if not np.any(g.numpy()) else "nonzero"
            for w, g in zip(model.layers[1].trainable_weights, grads)}


def test_keras_gradients_sign_zero_lora_down_zero_straight_through_nonzero():
    module = _load()
    assert _gradients(module.sign_only()) == {"kernel": "zero", "bias": "nonzero"}
    assert _gradients(module.sign_straight_through()) == {"kernel": "nonzero", "bias": "nonzero"}
    assert _gradients(module.lora_zero_up()) == {"base": "nonzero", "down": "zero", "up": "nonzero"}


def test_a_kernel_only_through_sign_is_ld009():
    report = inspect_target(f"{FILE}:sign_only")
    assert [(f.code, f.attribute) for f in report.findings if f.severity == "error"] == [("LD009", "kernel")]


@pytest.mark.parametrize("name", ["sign_straight_through", "lora_zero_up"])
def test_twins_zero_by_values_or_a_straight_through_estimator_are_clean(name):
    report = inspect_target(f"{FILE}:{name}")
    assert [f for f in report.findings if f.severity == "error"] == []
