"""When Keras raises while the target builds, the report names the likely cause (issue 10, item 7).
The truth is what Keras itself does with the target, run here without layerdoctor."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "tracker_dict.py"


def _load():
    return load_target(FILE, "tracker_dict")


def test_a_dict_under_keras_own_layers_name_is_named_as_the_cause_of_the_crash():
    module = _load()
    with pytest.raises(AttributeError):
        module.heads_under_keras_name()
    assert module.heads_under_own_name().count_params() == (4 * 2 + 2) + (4 * 4 + 4)
    report = inspect_target(f"{FILE}:heads_under_keras_name")
    (finding,) = [f for f in report.findings if f.code == "LD006"]
    assert finding.class_name == "Heads" and finding.attribute == "_layers"
    assert "self._layers = {" in FILE.read_text().splitlines()[finding.line - 1]
    assert not inspect_target(f"{FILE}:heads_under_own_name").findings
