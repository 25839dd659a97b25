"""inspect's LD009 on a weight call() never reads is an error, unless a method of the layer that call() does not run
reads it (gSDE's `get_std()`: a loss built on it trains `log_std`, held-out 41's rl-toolkit look-alike): then a
warning, as lint's read_outside policy. Keras is measured first: the model's output gives the weight no gradient, a
loss on get_std() gives it one."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # measured with tf.GradientTape: not in the JAX and torch environments

FILE = TARGETS / "weight_read_by_a_method.py"


def _load():
    return load_target(FILE, "weight_read_by_a_method")


def test_keras_output_gives_log_std_no_gradient_a_loss_on_get_std_does():
    model = _load().noisy()
    layer = model.layers[-1]
    x = np.ones((3, 4), "float32")
    with tf.GradientTape(persistent=True) as tape:
        output_loss = tf.reduce_sum(model(x))
        std_loss = tf.reduce_sum(tf.math.log(layer.get_std()))
    assert tape.gradient(output_loss, layer.log_std) is None
    assert tape.gradient(std_loss, layer.log_std) is not None


def test_a_weight_a_method_outside_call_reads_is_a_warning():
    findings = [f for f in inspect_target(f"{FILE}:noisy").findings if f.code == "LD009"]
    assert [(f.attribute, f.severity) for f in findings] == [("log_std", "warning")]
    assert "get_std()" in findings[0].message


def test_a_weight_read_by_a_helper_call_runs_stays_an_error():
    findings = [f for f in inspect_target(f"{FILE}:forgotten").findings if f.code == "LD009"]
    assert [(f.attribute, f.severity) for f in findings] == [("scale", "error")]
