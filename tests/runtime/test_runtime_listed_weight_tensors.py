"""LD001 next to LD006 from a crash: `self.trainable_weights = [self.gamma, self.beta]` raises on Keras 3, and
when what it lists are tensors (an initializer's output), not variables, they would be constants even without
that line (held-out 9, w_densenet_scale_initializer_tensors). The truth is what Keras does with each target,
run here without layerdoctor first."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "listed_weight_tensors.py"


def _load():
    return load_target(FILE, "listed_weight_tensors")


def _errors(target):
    return [f for f in inspect_target(f"{FILE}:{target}").findings if f.severity == "error"]


def test_tensors_listed_as_trainable_weights_are_ld001_too():
    with pytest.raises(AttributeError, match="property 'trainable_weights' of 'Scale' object has no setter"):
        _load().tensors_listed()
    found = _errors("tensors_listed")
    assert {f.code for f in found} == {"LD006", "LD001"}
    assert sorted(f.attribute for f in found if f.code == "LD001") == ["beta", "gamma"]


def test_variables_listed_as_trainable_weights_are_ld006_only():
    with pytest.raises(AttributeError, match="property 'trainable_weights' of 'ListedVariables' object has no setter"):
        _load().variables_listed()
    assert {f.code for f in _errors("variables_listed")} == {"LD006"}


def test_the_fixed_layer_is_clean():
    assert _load().fixed().count_params() == 6 * 2 + 6 * 2 + 2
    assert not _errors("fixed")
