"""A `_name` set before super().__init__() (LD013): Keras 3 reads `name`, which Layer.__init__ sets itself,
so the name given is lost (held-out 45's ANTsPyNet resampling layers). Keras is measured first."""

import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "private_name_before_super.py"


def test_keras_3_loses_a_private_name_and_keeps_one_handed_on():
    module = load_target(FILE, "private_name_before_super")
    with pytest.raises(ValueError):
        module.private_name().get_layer("upsample_0")  # Keras: no layer has that name
    assert module.name_handed_on().get_layer("upsample_0").name == "upsample_0"


def test_a_private_name_set_before_super_init_is_ld013():
    found = [f for f in inspect_target(f"{FILE}:private_name").findings if f.code == "LD013"]
    assert [(f.class_name, f.attribute, f.severity) for f in found] == [("Resample", "_name", "error")]


def test_a_name_handed_to_super_init_is_clean():
    assert not [f for f in inspect_target(f"{FILE}:name_handed_on").findings if f.code == "LD013"]
