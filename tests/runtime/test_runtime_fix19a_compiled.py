"""Held-out 19's compiled-loss and frozen-after-compile misses as a family (target:
tests/runtime/targets/fix19a_compiled_loss_and_frozen_flag.py): Keras's behaviour first, then the finding."""

import importlib.util

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

tf = pytest.importorskip("tensorflow")  # measured with tf.GradientTape: not in the JAX and torch environments

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf")]

FILE = TARGETS / "fix19a_compiled_loss_and_frozen_flag.py"
X, Y = np.random.default_rng(0).random((8, 4), "float32"), np.eye(3, dtype="float32")[np.arange(8) % 3]


def _module():
    spec = importlib.util.spec_from_file_location("fix19a_compiled_loss_and_frozen_flag", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ld009(name):
    report = inspect_target(f"{FILE}:{name}")
    return [f for f in report.findings if f.code == "LD009"]


@pytest.mark.parametrize("name", ["metric_object_loss", "argmax_accuracy_loss"])
def test_keras_no_weight_gets_a_gradient_from_the_compiled_loss(name):
    model = getattr(_module(), name)()
    with tf.GradientTape(persistent=True) as tape:
        out = model(X, training=True)
        loss = model.compute_loss(x=X, y=Y, y_pred=out, training=True)
        total = tf.reduce_sum(out)
    assert all(g is None for g in tape.gradient(loss, model.trainable_variables))
    assert all(g is not None for g in tape.gradient(total, model.trainable_variables))
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        model.fit(X, Y, epochs=1, verbose=0)
    found = _ld009(name)
    assert [f.severity for f in found] == ["error"] and "compiled loss" in found[0].message


@pytest.mark.parametrize("name", ["metric_function_loss", "masked_crossentropy_loss", "frozen_base_classifier"])
def test_keras_the_twins_train_and_are_not_reported(name):
    model = getattr(_module(), name)()
    before = [w.numpy().copy() for w in model.trainable_weights]
    y = Y if model.output.shape[-1] == 3 else np.arange(8) % 2
    model.fit(X, y, epochs=1, verbose=0)
    assert before and all(not np.array_equal(b, w.numpy()) for b, w in zip(before, model.trainable_weights))
    assert _ld009(name) == []


def test_keras_a_model_frozen_after_compile_never_trains():
    model = _module().frozen_critic()
    assert len(model.weights) == 4 and model.trainable_weights == []
    before = [w.numpy().copy() for w in model.weights]
    with pytest.warns(UserWarning, match="does not have any trainable weights"):
        model.train_on_batch(X, np.ones((8, 1), "float32"))
    assert all(np.array_equal(b, w.numpy()) for b, w in zip(before, model.weights))
    found = _ld009("frozen_critic")
    assert [f.severity for f in found] == ["warning"] and "trainable flag is off" in found[0].message
