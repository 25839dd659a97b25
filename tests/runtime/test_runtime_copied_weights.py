"""Weights copied into tensors once (held-out 11): a copy of another layer's weight is LD010, the
frozen-copy code lint gives too (LD010's catalog text names copies of another layer's weight); a layer's own weights
copied into new attributes in build() get no gradient (LD009, with LD010's frozen copy); a
module-level keras.Variable the forward pass reads is LD011. Keras is measured first."""


import keras
import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # measured with tf.GradientTape: not in the JAX and torch environments

FILE = TARGETS / "copied_weights.py"


def _load():
    return load_target(FILE, "copied_weights")


def _no_gradient(model, x):
    """Paths of the trainable weights with a None gradient."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_weights)
    return sorted(w.path for w, g in zip(model.trainable_weights, grads) if g is None)


def test_keras_copies_are_constants_and_the_global_is_not_a_weight():
    module = _load()
    ids = np.random.default_rng(0).integers(0, 20, (2, 5)).astype("int32")
    model = module.tied_transpose_copy()
    model(ids)
    tied = model.layers[-1]
    assert not isinstance(tied.kernel, keras.Variable) and tied.weights == []  # the copy is no weight
    x = np.ones((2, 4), "float32")
    bands = module.bands_cached_in_build()
    assert _no_gradient(bands, x) == ["bands/low", "bands/width"]
    assert _no_gradient(module.bands_live(), x) == []
    with_global = module.bands_live_with_a_global_variable()
    with tf.GradientTape() as tape:
        tf.reduce_sum(with_global(x))
    assert any(v is module.SCALE.value for v in tape.watched_variables())  # read by the forward pass
    assert all(w is not module.SCALE for w in with_global.weights)


@pytest.mark.parametrize("name, codes", [
    ("tied_transpose_copy", {"LD010"}),
    ("tied_live", set()),
    ("bands_cached_in_build", {"LD009", "LD010"}),
    ("bands_live", set()),
    ("bands_live_with_a_global_variable", {"LD011"}),
])
def test_codes_follow_the_catalog(name, codes):
    report = inspect_target(f"{FILE}:{name}")
    assert {f.code for f in report.findings if f.severity == "error"} == codes
