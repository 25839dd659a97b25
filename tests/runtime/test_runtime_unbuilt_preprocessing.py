"""LD005 and preprocessing layers a model keeps without calling (held-out 6, keras-hub Task with its
preprocessor): staying unbuilt loses nothing when building would make no variable. The truth is
measured here first: after the model's call, building the spare layer by hand adds no variable to the
model for the correct twins, and adds weights for the bugs."""

import warnings

import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
pytest.importorskip("keras_hub")  # the targets are keras-hub preprocessors (not in the tf.keras 2 environment)

FILE = TARGETS / "unbuilt_preprocessing.py"


def _load():
    return load_target(FILE, "unbuilt_preprocessing")


MODULE = _load()


def _keras_says(name):
    """(whether the spare layer is unbuilt after a call, variables it adds to the model once built)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model, inputs = getattr(MODULE, name)()
        model(inputs)
        unbuilt = not model.spare.built
        before = len(model.variables)
        model.spare.build((2, 6))
        return unbuilt, len(model.variables) - before


@pytest.mark.parametrize("name", MODULE.CORRECT)
def test_unbuilt_preprocessing_layers_that_make_no_variable_are_not_ld005(name):
    assert _keras_says(name) == (True, 0)
    assert not inspect_target(f"{FILE}:{name}").findings


@pytest.mark.parametrize("name, added", [
    ("unbuilt_dense_on_functional", 2),
    ("weighted_preprocessing_subclass_on_subclassed", 1),  # a preprocessing class whose build() adds a weight
])
def test_twins_unbuilt_layers_whose_build_makes_weights_stay_ld005(name, added):
    assert _keras_says(name) == (True, added)
    (finding,) = inspect_target(f"{FILE}:{name}").findings
    assert finding.code == "LD005" and finding.severity == "error"
    assert "spare" in finding.message
