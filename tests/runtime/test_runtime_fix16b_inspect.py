"""Held-out 16's inspect misses, as families measured on Keras first (target:
tests/runtime/targets/fix16b_held_parts_and_weights.py; its docstring says what was measured)."""

import importlib.util

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # tf ops in the targets: TF backend only

FILE = TARGETS / "fix16b_held_parts_and_weights.py"


def _module():
    spec = importlib.util.spec_from_file_location("fix16b_held_parts_and_weights", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _found(name):
    return sorted((f.code, f.severity, f.attribute) for f in inspect_target(f"{FILE}:{name}").findings)


def _line(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if text in line)


def _params(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


# -- 1. parts of a container without call() -------------------------------------------------

@pytest.mark.parametrize("name, weights, params", [
    ("parts_built_on_arrays", 6, 123),
    ("parts_in_a_list_built_on_arrays", 4, 31),
])
def test_parts_a_container_holds_are_tracked_though_built_on_arrays(name, weights, params):
    container = getattr(_module(), name)()
    assert (len(container.trainable_weights), _params(container.trainable_weights)) == (weights, params)
    assert _found(name) == []


def test_a_layer_built_on_arrays_that_the_container_does_not_hold_is_still_ld011():
    container = _module().side_layer_not_held()
    assert _params(container.trainable_weights) == 123  # the probe's 6 values are not the model's
    report = inspect_target(f"{FILE}:side_layer_not_held")
    assert [(f.code, f.severity, f.line) for f in report.findings] == [("LD011", "error", _line("probe(features)"))]


# -- 2. a one-value tensor used as a weight ---------------------------------------------------

def _gradients(model, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    return tape.gradient(loss, model.trainable_weights)


@pytest.mark.parametrize("name, attribute", [
    ("one_value_matmul", "mix"),
    ("one_value_tensordot", "gain"),
    ("one_value_at_operator", "k"),
])
def test_a_one_value_tensor_used_as_a_matmul_operand_is_ld001(name, attribute):
    model, x = getattr(_module(), name)()
    assert model.count_params() == 0 and _gradients(model, x) == []  # nothing to train
    assert _found(name) == [("LD001", "error", attribute)]


@pytest.mark.parametrize("name, params", [("one_value_constants", 0), ("one_value_factor_beside_kernel", 12)])
def test_one_value_constants_added_or_multiplied_in_are_clean(name, params):
    model, x = getattr(_module(), name)()
    assert model.count_params() == params
    assert all(g is not None for g in _gradients(model, x))
    assert _found(name) == []


# -- 4. a weight attribute replaced in call() by a tensor derived from it --------------------

def _first_call_raises(model, x):
    """What Keras raises on the first eager call and on a traced one (fit's path), or None."""
    raised = []
    for call in (model, tf.function(lambda v: model(v))):
        try:
            call(x)
            raised.append(None)
        except Exception as error:  # noqa: BLE001 - measured
            raised.append(type(error).__name__)
    return raised


@pytest.mark.parametrize("name, statement", [
    ("swapped_dense_kernel_in_helper", "self.kernel = ste_sign(self.kernel)\n        return full"),
    ("swapped_conv_kernel", "self.kernel = ste_sign(self.kernel)\n        result"),
])
def test_an_inherited_kernel_replaced_in_call_is_ld010_at_that_line_with_the_tree(name, statement):
    model, x = getattr(_module(), name)()
    # eager: the tf.custom_gradient refuses the variable; traced: "property 'kernel' ... has no setter"
    assert _first_call_raises(model, x) == ["TypeError", "AttributeError"]
    report = inspect_target(f"{FILE}:{name}")
    text = FILE.read_text()
    line = text[:text.index(statement)].count("\n") + 1
    assert [(f.code, f.severity, f.attribute, f.line) for f in report.findings] == [("LD010", "error", "kernel", line)]
    assert report.tree is not None and report.params["total"] == model.count_params()


@pytest.mark.parametrize("name", ["binarised_kernel_in_a_local", "straight_through_with_stop_gradient"])
def test_a_binarised_kernel_kept_in_a_local_is_clean(name):
    model, x = getattr(_module(), name)()
    assert _first_call_raises(model, x) == [None, None]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    assert all(g is not None for g in tape.gradient(loss, model.trainable_weights))
    assert _found(name) == []


# -- 3. a random matrix drawn in call() as a matmul operand -----------------------------------

def _differs_per_call(model, x):
    return not np.allclose(np.asarray(model(x)), np.asarray(model(x)))


@pytest.mark.parametrize("name, draw", [
    ("random_projection_per_call", "proj = keras.random.normal("),
    ("numpy_matrix_per_call", "x @ np.random.randn("),
    ("random_mixer_per_call", "mixer = tf.random.uniform("),
])
def test_a_random_matrix_drawn_in_call_as_an_operand_is_ld002_at_the_draw(name, draw):
    model, x = getattr(_module(), name)()
    assert model.count_params() == 0 and _differs_per_call(model, x)  # a new weight each call, none tracked
    report = inspect_target(f"{FILE}:{name}")
    assert [(f.code, f.severity, f.line) for f in report.findings] == [("LD002", "error", _line(draw))]


@pytest.mark.parametrize("name", ["noise_added_to_inputs", "hand_written_dropout", "vae_sampling",
                                  "per_example_colour_matrix", "seeded_random_filter"])
def test_random_values_combined_with_the_input_are_clean(name):
    model, x = getattr(_module(), name)()
    assert model.count_params() == 0 and _differs_per_call(model, x)  # random too, but no weight
    assert _found(name) == []
