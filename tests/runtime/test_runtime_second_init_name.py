"""A second Layer.__init__ from the same user __init__ (LD013): reported when it drops a name the first call
was given, not when the name Keras picked itself moves on (held-out 39's U-Sleep DeepFeatureNet)."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "second_init_name.py"


def _load():
    return load_target(FILE, "second_init_name")


def test_a_given_name_lost_to_a_second_init_is_ld013():
    assert _load().named().name != "encoder_block"  # Keras: the second call picked a default name
    found = [f for f in inspect_target(f"{FILE}:named").findings if f.code == "LD013"]
    assert [(f.class_name, f.attribute, f.severity) for f in found] == [("Named", "name", "error")]


def test_a_name_keras_picked_moving_on_is_not_reported():
    model = _load().twice_functional()
    assert model.count_params() == 4 * 3 + 3 and model.units == 3  # the second init kept the model whole
    assert not [f for f in inspect_target(f"{FILE}:twice_functional").findings if f.code == "LD013"]


def test_a_name_none_handed_on_is_not_a_choice_but_a_given_name_is():
    module = _load()
    assert module.name_handed_on().return_sequences  # Keras: the flag set between the two calls stays
    assert module.name_handed_on_given().name != "attention"  # Keras: a name given is lost
    assert not [f for f in inspect_target(f"{FILE}:name_handed_on").findings if f.code == "LD013"]
    found = [f for f in inspect_target(f"{FILE}:name_handed_on_given").findings if f.code == "LD013"]
    assert [(f.class_name, f.attribute) for f in found] == [("NameHandedOn", "name")]
