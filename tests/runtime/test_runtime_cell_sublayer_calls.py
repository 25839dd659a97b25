"""LD007 (info) and a cell's sublayer: the RNN calls the cell once per time step, so a sublayer the cell
calls once per call runs once per step; that is not a shared layer. A cell that applies one Dense twice
in one call is. Keras is asked first: how many times the Dense runs in one cell call, and that the model
holds its weights once."""


import keras
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "cell_sublayer_calls.py"


def _load():
    return load_target(FILE, "cell_sublayer_calls")


MODULE = _load()


def _dense_calls_per_cell_call(name):
    """(Dense calls in one call of the cell, the model's weight count): the cell is called by hand once."""
    model, inputs = getattr(MODULE, name)()
    model(inputs)
    cell = model.layers[-1].cell
    dense = cell.mix
    count = [0]
    original = keras.layers.Layer.__call__  # (patched on Layer and put back there: Dense defines none)

    def counting(layer, *args, **kwargs):
        if layer is dense:
            count[0] += 1
        return original(layer, *args, **kwargs)

    keras.layers.Layer.__call__ = counting
    try:
        cell(keras.ops.ones((2, 3)), [keras.ops.zeros((2, 4))])
    finally:
        keras.layers.Layer.__call__ = original
    return count[0], len(model.weights)


def _ld007(name):
    return [f for f in inspect_target(f"{FILE}:{name}").findings if f.code == "LD007"]


def test_a_sublayer_a_cell_calls_once_per_call_is_not_shared():
    assert _dense_calls_per_cell_call("cell_calls_its_dense_once_per_step") == (1, 2)
    assert _ld007("cell_calls_its_dense_once_per_step") == []


def test_twin_a_sublayer_a_cell_calls_twice_per_call_is_shared():
    assert _dense_calls_per_cell_call("cell_calls_its_dense_twice_per_step") == (2, 2)
    (finding,) = _ld007("cell_calls_its_dense_twice_per_step")
    assert finding.severity == "info" and "called" in finding.message
