"""LD005 for a sublayer run through its .call() method (held-out 22): Keras is measured first (the block
stays unbuilt, count_params() raises, its Dense layers are built); inspect warns once per class and
attribute, at the .call() line; the twin that calls the block is clean."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "run_through_call_method.py"


def _load():
    return load_target(FILE, "run_through_call_method")


def _line(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if text in line)


def test_keras_the_block_stays_unbuilt_while_its_dense_layers_are_built():
    model, x = _load().through_call()
    model(x)
    wrapper = model.layers[1]
    assert not wrapper.block.built and wrapper.block.up.built and wrapper.block.down.built
    with pytest.raises(ValueError):
        wrapper.block.count_params()


def test_inspect_warns_at_the_call_method_line():
    report = inspect_target(f"{FILE}:through_call")
    assert [(f.code, f.severity, f.attribute, f.line) for f in report.findings] == \
        [("LD005", "warning", "block", _line("return self.block.call(x)"))]


def test_the_called_twin_is_clean():
    model, x = _load().called()
    model(x)
    assert model.layers[1].block.built
    assert inspect_target(f"{FILE}:called").findings == []
