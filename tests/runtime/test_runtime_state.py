"""Inspecting never changes the model: weights bit-identical, global random state restored."""

import random

import numpy as np
import pytest
from runtime_helpers import load_case

from layerdoctor.runtime.api import inspect_model

pytestmark = pytest.mark.runtime


def _values(model):
    return {id(v): np.array(v.numpy()).copy() for v in model.variables}


def _random_state():
    import keras
    from keras.src.random import seed_generator

    generator = seed_generator.global_seed_generator()  # created first: creating it draws from `random`
    torch_state = None
    if keras.backend.backend() == "torch":  # torch.randn in a layer draws from torch's own generator
        import torch

        torch_state = torch.get_rng_state().numpy().copy()
    return (random.getstate(), np.random.get_state(), np.array(generator.state.numpy()).copy(), torch_state)


def _assert_same_random_state(before, after):
    assert before[0] == after[0]
    assert all(np.array_equal(a, b) for a, b in zip(before[1], after[1]))
    assert np.array_equal(before[2], after[2])
    assert (before[3] is None and after[3] is None) or np.array_equal(before[3], after[3])


def _model_with_every_probe(keras):
    """BatchNorm, Dropout (seed state), a random layer, and a shadowed variable (LD010 perturbs it)."""
    # LD010b is stale on every backend (LD010a's transpose is a live view on torch: BEHAVIOUR.md)
    shadowed = load_case("ld010b_arith_on_add_weight__k3").make()
    inputs = keras.Input((4,))
    x = keras.layers.Dense(8)(inputs)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.Dropout(0.5)(x)
    x = keras.layers.GaussianNoise(0.1)(x)
    x = keras.layers.Dense(4)(x)
    return keras.Model(inputs, shadowed(x))


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_every_weight_is_bit_identical_and_random_state_restored(keras):
    keras.utils.set_random_seed(1)
    model = _model_with_every_probe(keras)
    before = _values(model)
    state = _random_state()
    report = inspect_model(model)
    assert "LD010" in {f.code for f in report.findings}  # the perturbation probe did run
    after = _values(model)
    assert before.keys() == after.keys()
    for key in before:
        assert before[key].tobytes() == after[key].tobytes()
    _assert_same_random_state(state, _random_state())


@pytest.mark.flavours("k3tf", "k3jax", "k3torch", "tfk2")
def test_random_state_restored_when_the_inspector_builds_the_model(keras):
    # An unbuilt layer draws its initial weights from the global generators during the first call.
    layer = keras.layers.Dense(3)
    state = _random_state()
    inspect_model(layer, input_shape=(2, 4))
    _assert_same_random_state(state, _random_state())
    assert layer.built


@pytest.mark.flavours("k3tf", "tfk2")
def test_foreign_variables_are_restored_too(keras):
    layer = load_case("ld003_foreign_variable__tf").make()
    layer(np.ones((2, 4), "float32"))
    kernel = layer.kernel.numpy().copy()
    inspect_model(layer, input_shape=(2, 4))
    assert layer.kernel.numpy().tobytes() == kernel.tobytes()



def test_snapshot_puts_back_exactly_the_variables_written_by_any_kind_of_write(keras):
    """The snapshot copies nothing up front: it holds reads that share the variables' buffers
    (TensorFlow copies a shared buffer before writing to it). Every kind of write, including
    raw ops, tf.function and XLA that never pass through Python's assign, is found and undone;
    an untouched variable is never rewritten."""
    import tensorflow as tf

    from layerdoctor.runtime.state import Snapshot

    untouched = keras.Variable(np.arange(6, dtype="float32"))
    through_keras = keras.Variable(np.zeros(3, "float32"))
    natives = [tf.Variable(tf.range(4, dtype=tf.float32)) for _ in range(5)]
    variables = [untouched, through_keras, *natives]
    before = [np.array(v.numpy()).tobytes() for v in variables]
    snapshot = Snapshot(variables)
    through_keras.assign(through_keras + 1.0)
    natives[0].assign_add(tf.ones(4))
    natives[1].scatter_nd_update([[0]], [5.0])
    tf.raw_ops.AssignAddVariableOp(resource=natives[2].handle, value=tf.ones(4))
    tf.function(lambda: natives[3].assign_add(tf.ones(4)))()
    tf.function(lambda: natives[4].assign_sub(tf.ones(4)), jit_compile=True)()
    assert [np.array(v.numpy()).tobytes() for v in variables] != before  # the writes did happen
    snapshot.restore()
    assert [np.array(v.numpy()).tobytes() for v in variables] == before
    assert [id(v) for v in snapshot.rewritten] == [id(v) for v in variables[1:]]


def test_inspect_rewrites_only_the_variables_the_inspection_wrote(keras, monkeypatch):
    """BatchNormalization's moving statistics change in the training-mode forward pass and are
    put back; the Dense kernels are never written, so never rewritten."""
    from layerdoctor.runtime import state

    snapshots = []
    monkeypatch.setattr(state.Snapshot, "restore", _recording(state.Snapshot.restore, snapshots))
    norm = keras.layers.BatchNormalization()
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), norm, keras.layers.Dense(2)])
    model(np.ones((2, 4), "float32"))
    before = _values(model)
    inspect_model(model)
    assert {id(v) for s in snapshots for v in s.rewritten} == {id(norm.moving_mean), id(norm.moving_variance)}
    assert all(before[key].tobytes() == value.tobytes() for key, value in _values(model).items())


def _recording(restore, snapshots):
    def recording_restore(self):
        snapshots.append(self)
        return restore(self)
    return recording_restore


def test_a_layer_without_init_leaves_no_stale_call_context(keras):
    """Keras sets its global call context, then fails in `_clear_losses` for a layer whose
    `__init__` never ran, before the `finally` that resets it: inspect must put it back, or
    every later call runs inside the stale context (it hid LD010 in the next inspection)."""
    import pathlib

    from keras.src.backend.common import global_state

    from layerdoctor.runtime.api import inspect_target

    case = pathlib.Path(__file__).parent.parent / "realworld" / "c_ld013_skip_adder_name_no_super.py"
    inspect_target(f"{case}:build_model")
    assert global_state.get_global_attribute("current_call_ctx") is None
