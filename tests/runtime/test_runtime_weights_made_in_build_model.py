"""LD005 for weights a layer makes in a method Keras never runs (`build_model()`), run on only some instances:
Keras is asked first (the model's first call raises AttributeError for the instance nobody ran it on; the twin
that names the method build() runs), then the report must name the method and the weight instead of failing."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "weights_made_in_build_model.py"
LINES = FILE.read_text().splitlines()


def _load():
    return load_target(FILE, "weights_made_in_build_model")


MODULE = _load()


def test_keras_fails_on_the_instance_nobody_ran_build_model_on():
    model, inputs = MODULE.head()
    assert model.first.weights and not model.out.weights
    with pytest.raises(AttributeError, match="'w'"):
        model(inputs)


def test_the_method_keras_never_runs_is_named():
    errors = [f for f in inspect_target(f"{FILE}:head").findings if f.severity == "error"]
    assert [(f.code, f.attribute) for f in errors] == [("LD005", "w")]
    assert "build_model()" in errors[0].message and "self.w = self.add_weight" in LINES[errors[0].line - 1]


def test_twin_with_build_is_clean():
    model, inputs = MODULE.head_built()
    model(inputs)
    assert len(model.weights) == 2
    assert not [f for f in inspect_target(f"{FILE}:head_built").findings if f.severity == "error"]
