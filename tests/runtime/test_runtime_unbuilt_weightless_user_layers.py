"""LD005 and a user's layer a model keeps without calling, whose build() makes no variable and no
layer (held-out 26's ncps wiring): staying unbuilt loses nothing. Keras is asked first: after the
model's call the spare layer is unbuilt, and building it by hand adds no variable for the correct
targets, and adds weights for the twins (a helper method's add_weight, a built Dense sublayer, a
Dense base's build() through super())."""

import warnings

import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "unbuilt_weightless_user_layers.py"


def _load():
    return load_target(FILE, "unbuilt_weightless_user_layers")


MODULE = _load()


def _keras_says(name):
    """(whether the spare layer is unbuilt after a call, variables building it by hand adds to the model)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model, inputs = getattr(MODULE, name)()
        model(inputs)
        unbuilt = not model.spare.built
        before = len(model.variables)
        model.spare.build((2, 3) if name != "wiring_kept_unbuilt" and "subclassed" not in name else 3)
        return unbuilt, len(model.variables) - before


@pytest.mark.parametrize("name", MODULE.CORRECT)
def test_unbuilt_user_layers_whose_build_makes_nothing_are_not_ld005(name):
    assert _keras_says(name) == (True, 0)
    assert not [f for f in inspect_target(f"{FILE}:{name}").findings if f.code == "LD005"]


@pytest.mark.parametrize("name, added", [
    ("helper_weight_kept_unbuilt", 1),
    ("built_head_kept_unbuilt", 2),
    ("dense_subclass_kept_unbuilt", 2),
])
def test_twins_unbuilt_user_layers_whose_build_makes_weights_stay_ld005(name, added):
    assert _keras_says(name) == (True, added)
    found = [f for f in inspect_target(f"{FILE}:{name}").findings if f.code == "LD005"]
    assert len(found) == 1 and found[0].severity == "error" and "spare" in found[0].message
