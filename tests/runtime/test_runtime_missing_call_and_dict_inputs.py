"""A user layer with no call() (its `def call` indented inside __init__, or misspelt): Keras 3 raises
NotImplementedError when it is called, and inspect reports LD005 with the cause instead of a bare
failure (held-out 10, Perceiver); a model built on a dict of inputs is called on the same keys (held-out
10, a Hugging Face model's dummy inputs: an internal error before); a Lambda whose function makes
variables is LD012 at the Lambda beside LD002 (held-out 10, the TF 1.15 Lambda docs)."""

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "fix10c_calls_and_inputs.py"


def _codes(report):
    return sorted((f.code, f.line) for f in report.findings)


def test_keras_raises_for_a_layer_without_call():
    import importlib.util

    spec = importlib.util.spec_from_file_location("fix10c_targets", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("nested_call", "misspelt_call"):
        with pytest.raises(NotImplementedError):
            getattr(module, name)()


def test_nested_call_is_ld005_at_the_nested_def_and_ld003_for_the_tf_variable():
    report = inspect_target(f"{FILE}:nested_call")
    codes = {f.code: f for f in report.findings}
    assert set(codes) == {"LD005", "LD003"}
    assert "indented inside __init__()" in codes["LD005"].message
    assert codes["LD005"].line == 15  # the nested `def call`
    assert "proj" in codes["LD005"].message
    assert codes["LD003"].attribute == "table"


def test_misspelt_call_is_ld005_at_the_class():
    report = inspect_target(f"{FILE}:misspelt_call")
    found = [f for f in report.findings if f.code == "LD005"]
    assert len(found) == 1 and found[0].class_name == "Gate"
    assert "no call() is defined" in found[0].message


def test_dict_build_shapes_are_fed_back_as_a_dict():
    report = inspect_target(f"{FILE}:dict_inputs")
    assert report.findings == []
    assert report.params["total"] == 50 * 8


def test_lambda_making_variables_is_ld012_at_the_lambda_and_ld002_at_the_variable():
    report = inspect_target(f"{FILE}:lambda_variables")
    assert ("LD002", 67) in _codes(report)
    assert ("LD012", 72) in _codes(report)
    assert np.all([f.severity == "error" for f in report.findings])
