"""Held-out 23's runtime findings. Keras is measured first: `+=` on a weight rebinds the attribute while the
variable stays at its initial value; a noise tensor drawn in build() is the same on every call. Then inspect:
LD010 for the rebound state, an LD001 warning for the noise drawn once, and models the target called with a
keyword setting or a state list are inspected with those arguments (not reported as uncallable)."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "state_rebound_or_drawn_once.py"


def _load():
    return load_target(FILE, "state_rebound_or_drawn_once")


def _report(name):
    return inspect_target(f"{FILE}:{name}")


def _codes(name):
    return sorted({(f.code, f.severity, f.attribute) for f in _report(name).findings})


def test_keras_rebinds_the_attribute_and_leaves_the_variable():
    module = _load()
    model = module.rebound_routing()
    layer = model.layers[-1]
    first = np.asarray(model(module._x()))
    second = np.asarray(model(module._x()))
    assert not hasattr(layer.logits, "assign")  # a tensor now, no longer the variable
    assert np.all(np.asarray([w for w in layer.weights if w.name == "logits"][0]) == 0)
    assert not np.allclose(first, second)


def test_inspect_reports_the_state_rebound_by_every_call():
    assert ("LD010", "error", "logits") in _codes("rebound_routing")


def test_assign_add_is_clean():
    assert _codes("assigned_routing") == []


def test_keras_draws_the_noise_once():
    module = _load()
    model = module.noise_drawn_once()
    layer = model.layers[-1]
    x = module._x()
    model(x)
    before = np.asarray(layer.w_epsilon).copy()
    model(x)
    assert np.array_equal(before, np.asarray(layer.w_epsilon)) and len(layer.weights) == 2


def test_inspect_warns_at_noise_drawn_once():
    assert _codes("noise_drawn_once") == [("LD001", "warning", "w_epsilon")]


def test_noise_redrawn_in_call_gets_no_ld001():
    assert not [c for c in _codes("noise_redrawn_per_call") if c[0] == "LD001"]


def test_a_keyword_setting_the_target_passed_is_reused():
    report = _report("payoff_called_with_edges")
    assert report.errors == [] and report.findings == []
    assert report.params["total"] == 4 * 2 + 2


def test_a_cell_called_with_its_states_is_called_and_its_variable_found():
    assert _codes("cell_called_with_states") == [("LD003", "error", "A")]
