"""Held-out 31's inspect misses, measured first on Keras itself: a base __init__ called again from build()
(deepflow's Mlp: a crash the report must explain, LD013), and tensors call() re-derives from the weights
through locals and other attributes (SincNet: a correct layer, no LD002 error), next to a tensor drawn
anew on every call (LD002 stays)."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "stop34_runtime.py"


def _load():
    return load_target(FILE, "stop34_runtime")


def _line_of(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if line.strip().startswith(text))


def _findings(target):
    return inspect_target(f"{FILE}:{target}").findings


def test_base_init_called_again_in_build_is_ld013():
    with pytest.raises(TypeError, match=r"__init__\(\) takes 1 positional argument but 2 were given"):
        _load().init_again()
    (finding,) = [f for f in _findings("init_again") if f.severity == "error"]
    assert (finding.code, finding.class_name) == ("LD013", "Mlp")
    assert finding.line == _line_of("super(Mlp, self).__init__(input_shape)")
    assert "super().build(input_shape)" in finding.fix


def test_the_fixed_build_is_clean():
    assert _load().init_once().count_params() == 3 * 2
    assert not [f for f in _findings("init_once") if f.severity == "error"]


def test_tensors_derived_from_the_weights_per_call_are_no_ld002():
    model = _load().derived_per_call()
    x = np.ones((2, 8), "float32")
    import tensorflow as tf
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_weights)
    assert len(grads) == 2 and all(g is not None for g in grads)  # both weights train through the tensors
    assert not [f for f in _findings("derived_per_call") if f.code == "LD002"]


def test_a_tensor_drawn_anew_per_call_stays_ld002():
    layer = _load().drawn_per_call().layers[-1]
    first = layer.noise
    layer(np.ones((2, 8), "float32"))
    assert layer.noise is not first
    assert any(f.code == "LD002" and f.attribute == "noise" for f in _findings("drawn_per_call"))
