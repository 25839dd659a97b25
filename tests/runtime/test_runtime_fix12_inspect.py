"""Held-out 12's inspect misses, each as a family measured on Keras first:
- several weights combined once in build() (concatenate / tf.stack / tf.concat): a frozen copy, LD010;
- a Lambda reaching a variable through the object its function closes over (or a bound method's self): LD012;
- a sublayer first built inside a tf.function call(): its variables are created while call() is traced
  and the traced graph keeps their initial values, LD002 (and LD009).
Targets: tests/runtime/targets/{combined_weight_copies,lambda_reads_owner_variable,traced_call_builds_sublayer}.py."""

import importlib.util

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # the targets use tf.keras / tf.function: TF backend only

COMBINED = TARGETS / "combined_weight_copies.py"
LAMBDA = TARGETS / "lambda_reads_owner_variable.py"
TRACED = TARGETS / "traced_call_builds_sublayer.py"


def _load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _measure(model):
    """(weights with a None gradient, weights whose +0.5 moves the output, untracked variables watched)."""
    x = np.random.default_rng(0).random((2,) + tuple(model.inputs[0].shape[1:])).astype("float32")
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_weights)
    tracked = {id(v.value) for v in model.weights}
    untracked = [v for v in tape.watched_variables() if id(v) not in tracked]
    baseline = model(x).numpy()
    moves = 0
    for weight in model.trainable_weights:
        old = weight.numpy()
        weight.assign(old + 0.5)
        moves += not np.allclose(model(x).numpy(), baseline)
        weight.assign(old)
    return sum(g is None for g in grads), moves, len(untracked)


def _errors(path, name):
    report = inspect_target(f"{path}:{name}")
    return sorted({f.code for f in report.findings if f.severity == "error"})


@pytest.mark.parametrize("name", ["concat_basis", "stacked_pair", "tf_concat_blocks"])
def test_keras_combined_weights_never_train(name):
    assert _measure(getattr(_load(COMBINED), name)()) == (2, 0, 0)


@pytest.mark.parametrize("name", ["list_concat_in_call", "property_concat"])
def test_keras_combined_in_call_trains(name):
    assert _measure(getattr(_load(COMBINED), name)()) == (0, 2, 0)


@pytest.mark.parametrize("name", ["concat_basis", "stacked_pair", "tf_concat_blocks"])
def test_weights_combined_once_are_ld010_not_ld001(name):
    codes = _errors(COMBINED, name)
    assert "LD010" in codes and "LD001" not in codes


@pytest.mark.parametrize("name", ["list_concat_in_call", "property_concat"])
def test_weights_combined_in_call_are_clean(name):
    assert _errors(COMBINED, name) == []


@pytest.mark.parametrize("name", ["colour_model", "bound_method_model", "helper_held_model"])
def test_keras_lambda_reads_a_variable_the_model_does_not_own(name):
    model = getattr(_load(LAMBDA), name)()
    assert model.weights == [] and _measure(model)[2] == 1


@pytest.mark.parametrize("name", ["colour_model", "bound_method_model", "helper_held_model"])
def test_a_variable_reached_through_the_lambdas_self_is_ld012(name):
    assert "LD012" in _errors(LAMBDA, name)


@pytest.mark.parametrize("name", ["constant_table_model", "setting_model"])
def test_lambda_reading_constants_through_self_is_clean(name):
    model = getattr(_load(LAMBDA), name)()
    assert _measure(model) == (0, 0, 0)
    assert _errors(LAMBDA, name) == []


@pytest.mark.parametrize("name,count", [("cell_step", 3), ("traced_projection", 2), ("wrapped_call", 2)])
def test_keras_sublayer_built_in_traced_call_never_trains(name, count):
    assert _measure(getattr(_load(TRACED), name)()) == (count, 0, 0)


@pytest.mark.parametrize("name,count", [("cell_built_in_build", 3), ("plain_call", 2)])
def test_keras_sublayer_built_before_trace_or_plain_call_trains(name, count):
    assert _measure(getattr(_load(TRACED), name)()) == (0, count, 0)


@pytest.mark.parametrize("name", ["cell_step", "traced_projection", "wrapped_call"])
def test_sublayer_built_inside_traced_call_is_ld002_with_ld009(name):
    assert _errors(TRACED, name) == ["LD002", "LD009"]


@pytest.mark.parametrize("name", ["cell_built_in_build", "plain_call"])
def test_sublayer_built_before_trace_or_plain_call_is_clean(name):
    assert _errors(TRACED, name) == []
