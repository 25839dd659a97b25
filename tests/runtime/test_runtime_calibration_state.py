"""A tensor call() keeps on self while a traced call runs (a calibration range recorded by
predict()) belongs to that graph: the next call raises "out of scope". inspect reports LD002 at
the assignment in call() (not LD001 "computed in build()"). Keras is measured first."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "calibration_state.py"


def _load():
    return load_target(FILE, "calibration_state")


def test_keras_a_range_kept_as_a_tensor_is_out_of_scope_after_predict():
    module = _load()
    with pytest.raises(TypeError, match="out of scope"):
        module.range_kept_as_a_tensor()
    model = module.range_in_a_variable()
    assert model.count_params() == 12 + 1  # Dense(2) on 5 features, plus the range variable


def test_the_range_kept_in_call_is_ld002_at_its_assignment():
    report = inspect_target(f"{FILE}:range_kept_as_a_tensor")
    (finding,) = report.findings
    assert (finding.code, finding.attribute, finding.line) == ("LD002", "high", 27)


def test_twin_a_range_in_a_variable_is_clean():
    report = inspect_target(f"{FILE}:range_in_a_variable")
    assert [f for f in report.findings if f.severity == "error"] == []
