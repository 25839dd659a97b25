"""Held-out 37's inspect family (targets/backend_variable_rebound.py): a tf.Variable rebound on self to a tensor
computed from it is LD010 (the variable is gone from every attribute), beside its twins; Keras is measured first."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # the targets make tf.Variables

FILE = TARGETS / "backend_variable_rebound.py"


def _load():
    return load_target(FILE, "backend_variable_rebound")


def test_keras_facts():
    module = _load()
    model = module.rebound()
    layer = model.layers[1]
    assert not isinstance(layer.weight, tf.Variable) and tf.is_tensor(layer.weight)  # the variable is gone
    assert model.weights == []
    kept = module.kept()
    assert isinstance(kept.layers[1].weight, tf.Variable) and kept.weights == []  # held, but untracked
    x = tf.constant(np.ones((2, 4), "float32"))
    with tf.GradientTape() as tape:
        tf.reduce_sum(kept(x))
    assert [v.name for v in tape.watched_variables()] == [kept.layers[1].weight.name]
    wrapped = module.wrapped_at_once()
    assert tf.is_tensor(wrapped.layers[1].tau) and not isinstance(wrapped.layers[1].tau, tf.Variable)
    with tf.GradientTape() as tape:
        tf.reduce_sum(wrapped(x))
    assert tape.watched_variables() == ()  # the temperature is a constant: nothing to train


@pytest.mark.parametrize("name, codes", [
    ("rebound", {"LD010"}),
    ("kept", {"LD003"}),
    ("wrapped_at_once", {"LD010"}),
    ("scaled_in_call", set()),
])
def test_inspect(name, codes):
    report = inspect_target(f"{FILE}:{name}")
    assert {f.code for f in report.findings if f.code != "LD007"} == codes
    if name == "rebound":
        assert "no layer tracks the variable" in next(f for f in report.findings if f.code == "LD010").message


def test_a_variable_made_on_the_side_by_a_helper_is_not_a_rebound_weight():
    report = inspect_target(f"{FILE}:helper_made_constant")
    assert "LD010" not in {f.code for f in report.findings}
