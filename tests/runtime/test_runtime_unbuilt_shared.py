"""A layer that is never called stays unbuilt, but loses nothing when every weight it holds is built
another way (held-out 5, DiffPool: its one Dense is shared with the batched pooling layer that is
called). It still loses weights with a sublayer of its own nobody builds, or a build() of its own.
Each target is measured on Keras first: which layers stay unbuilt and which weights exist."""

import importlib.util

import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "unbuilt_shared.py"
PROJ, OUT, GATE = 3 * 2 + 2, 2 + 1, 3 * 2 + 2


def _keras_says(name):
    spec = importlib.util.spec_from_file_location("unbuilt_shared", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = getattr(module, name)()
    unbuilt = sorted(type(sub).__name__ for sub in model._flatten_layers(include_self=False) if not sub.built)
    return model.count_params(), unbuilt, model


def test_a_never_called_layer_whose_only_weights_are_shared_and_built_is_not_ld005():
    params, unbuilt, model = _keras_says("shared_head")
    assert (params, unbuilt) == (PROJ + OUT, ["Pool"])
    assert model.pool.proj is model.batched.proj and model.pool.proj.built
    report = inspect_target(f"{FILE}:shared_head")
    assert [f.code for f in report.findings] == ["LD007"]  # the shared Dense, counted once (info)


def test_a_never_called_container_whose_sublayers_the_model_calls_directly_is_not_ld005():
    params, unbuilt, model = _keras_says("driver")
    assert (params, unbuilt) == ((3 * 4 + 4) + (4 + 1), ["Backbone"])
    assert not inspect_target(f"{FILE}:driver").findings


def test_look_alikes_that_lose_a_weight_stay_ld005():
    params, unbuilt, model = _keras_says("shared_head_and_dead_gate")
    assert (params, unbuilt) == (PROJ + OUT, ["Dense", "PoolWithOwnHead"])
    assert not model.pool.gate.weights  # its GATE parameters were never made
    report = inspect_target(f"{FILE}:shared_head_and_dead_gate")
    assert sorted(f.attribute for f in report.findings if f.code == "LD005") == ["gate", "pool"]

    params, unbuilt, model = _keras_says("shared_head_and_own_weight")
    assert (params, unbuilt) == (PROJ + OUT, ["PoolWithTemperature"])
    assert not hasattr(model.pool, "temperature")  # its build() never ran
    report = inspect_target(f"{FILE}:shared_head_and_own_weight")
    assert [f.attribute for f in report.findings if f.code == "LD005"] == ["pool"]
