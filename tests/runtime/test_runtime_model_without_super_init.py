"""LD013 for a model the target returns whose __init__ never called super().__init__(): Keras is asked first
(the constructor returns, the first use raises AttributeError), then the report must name the cause at the
class's __init__ instead of failing inside layerdoctor."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "model_without_super_init.py"
LINES = FILE.read_text().splitlines()


def _load():
    return load_target(FILE, "model_without_super_init")


MODULE = _load()


def test_keras_accepts_the_object_then_fails_at_first_use():
    model = MODULE.no_super()
    with pytest.raises(AttributeError):
        model.count_params()


def test_the_missing_super_init_is_the_report():
    (finding,) = inspect_target(f"{FILE}:no_super").findings
    assert finding.code == "LD013" and finding.severity == "error"
    assert "never calls super().__init__()" in finding.message
    assert "def __init__" in LINES[finding.line - 1] and finding.class_name == "NoSuper"


def test_twin_that_calls_super_init_has_no_ld013():
    assert not [f for f in inspect_target(f"{FILE}:with_super").findings if f.code == "LD013"]
