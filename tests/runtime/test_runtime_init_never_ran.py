"""LD013 from a crash far from the cause (held-out 7, noisy-cyclegan): a layer whose __init__ never calls
super().__init__() fails when a Sequential adds it, on `name`, a public attribute Layer.__init__ sets.
The truth is what Keras does with each target, run here without layerdoctor first."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "init_never_ran.py"


def _load():
    return load_target(FILE, "init_never_ran")


def _line_of(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if text in line)


def test_a_layer_added_to_a_sequential_without_layer_init_is_named():
    module = _load()
    with pytest.raises(AttributeError, match="'ConvBlock' object has no attribute 'name'"):
        module.in_sequential()
    report = inspect_target(f"{FILE}:in_sequential")
    (finding,) = [f for f in report.findings if f.severity == "error"]
    assert finding.code == "LD013" and "ConvBlock.__init__ never calls super().__init__()" in finding.message
    assert finding.line == _line_of("def __init__(self, filters):")


def test_a_layer_called_while_wiring_without_layer_init_is_named():
    module = _load()
    with pytest.raises(RuntimeError, match="forgot to call `super\\(\\).__init__\\(\\)`"):
        module.called_while_wiring()
    codes = {f.code for f in inspect_target(f"{FILE}:called_while_wiring").findings if f.severity == "error"}
    assert codes == {"LD013"}


def test_the_fixed_layer_builds_and_is_clean():
    model = _load().fixed()
    assert model.count_params() == 3 * 3 * 3 * 4 + 4
    assert not [f for f in inspect_target(f"{FILE}:fixed").findings if f.severity == "error"]
