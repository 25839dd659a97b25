"""LD013 from a crash: a read-only property of Keras 3's Layer (dtype, input, ...) set on self before
super().__init__() raises "property 'dtype' of 'NoiseInput' object has no setter" (held-out 9,
x_input_random_uniform_dtype_before_super). The truth is what Keras does with each target, run here
without layerdoctor first."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "property_before_super.py"


def _load():
    return load_target(FILE, "property_before_super")


def _line_of(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if line.startswith(text))


def _errors(target):
    return [f for f in inspect_target(f"{FILE}:{target}").findings if f.severity == "error"]


@pytest.mark.parametrize("target, cls, attribute", [("dtype_before_super", "NoiseInput", "dtype"),
                                                    ("input_before_super", "InputEcho", "input")])
def test_a_read_only_property_set_before_super_init_is_ld013(target, cls, attribute):
    with pytest.raises(AttributeError, match=f"property '{attribute}' of '{cls}' object has no setter"):
        getattr(_load(), target)()
    (finding,) = _errors(target)
    assert finding.code == "LD013" and finding.class_name == cls and finding.attribute == attribute
    assert f"{cls}.__init__ sets self.{attribute} before super().__init__()" in finding.message
    assert finding.line == _line_of(f"        self.{attribute} = ")


def test_the_same_property_set_after_super_init_is_not_ld013():
    with pytest.raises(AttributeError, match="property 'dtype' of 'LateDtype' object has no setter"):
        _load().dtype_after_super()
    with pytest.raises(UsageError, match="has no setter"):  # a plain failure: not a late super().__init__()
        inspect_target(f"{FILE}:dtype_after_super")


def test_the_fixed_layer_builds_and_is_clean():
    model = _load().fixed()
    assert model.count_params() == 4 * 2 + 2
    assert not _errors("fixed")


def test_assigning_the_weights_property_is_ld006_not_ld013():
    with pytest.raises(AttributeError, match="property 'weights' of 'WeightsAssigned' object has no setter"):
        _load().weights_assigned()
    (finding,) = _errors("weights_assigned")
    assert finding.code == "LD006" and "read-only property weights" in finding.message
    assert finding.line == _line_of("        self.weights = ")
