"""Keras 3's "cannot add new elements of state" raised by a script, not by a layer's call(): Keras is asked
first (writing a variable over a built layer's kernel, or appending one to a `_trainable_weights` list the
script assigned, raises that ValueError; sharing by calling one layer twice builds), then the report must
name the statement as LD010 / LD006 at its line, not as state made in call() (LD002)."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "weight_shared_from_outside.py"
LINES = FILE.read_text().splitlines()


def _load():
    return load_target(FILE, "weight_shared_from_outside")


MODULE = _load()


def _keras_raises(name):
    try:
        getattr(MODULE, name)()
    except ValueError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("name, code, statement", [
    ("kernel_written_over", "LD010", "conv2.kernel = conv1.kernel"),
    ("private_list_refilled", "LD006", "conv2._trainable_weights.append(conv1.kernel)"),
])
def test_the_failing_statement_is_named(name, code, statement):
    assert "cannot add new elements of state" in _keras_raises(name)
    errors = [f for f in inspect_target(f"{FILE}:{name}").findings if f.severity == "error"]
    assert [(f.code, LINES[f.line - 1].strip()) for f in errors] == [(code, statement)]


def test_twin_sharing_by_calling_one_layer_twice_is_clean():
    assert _keras_raises("shared_by_calling_twice") is None
    assert not [f for f in inspect_target(f"{FILE}:shared_by_calling_twice").findings if f.severity == "error"]
