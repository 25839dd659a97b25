"""LD005 when a model's `def call(self, ...)` is at module level, outside its class: Keras is asked first
(calling the model raises NotImplementedError naming the class, and its sublayers stay unbuilt; the
twin with call() indented runs and builds them), then the report must name the cause and the line of
the stray def instead of failing."""

import warnings

import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "call_at_module_level.py"


def _load():
    return load_target(FILE, "call_at_module_level")


MODULE = _load()
DEF_LINE = next(i for i, line in enumerate(FILE.read_text().splitlines(), 1) if line.startswith("def call(self"))


def _keras_says(name):
    """(the error calling the model raised or None, whether its encoder is built afterwards)."""
    model, inputs = getattr(MODULE, name)()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model(inputs)
            error = None
        except NotImplementedError as exc:
            error = str(exc)
    return error, model.encoder.built


def test_a_call_at_module_level_is_named_as_the_cause():
    error, built = _keras_says("model_call_at_module_level")
    assert "AutoEncoder" in error and "call" in error and not built
    (finding,) = inspect_target(f"{FILE}:model_call_at_module_level").findings
    assert finding.code == "LD005" and finding.severity == "error"
    assert "module level" in finding.message and finding.line == DEF_LINE


def test_twin_call_indented_into_the_class_is_clean():
    assert _keras_says("model_call_indented") == (None, True)
    assert not [f for f in inspect_target(f"{FILE}:model_call_indented").findings if f.severity == "error"]
