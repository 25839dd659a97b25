"""LD010 from a crash (held-out 6, PEN-Net): a helper written for tf.keras 2 replaces a built-in layer's
`kernel` with a tensor computed from it; Keras 3 raises because the weight is a read-only property there.
The truth is what Keras does with each target, run here without layerdoctor first."""

import pathlib

import numpy as np
import pytest
from runtime_helpers import load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = pathlib.Path(__file__).resolve().parents[1] / "cases_static" / "ld010h_weight_of_a_held_layer_replaced__k3.py"


def _load():
    return load_target(FILE, "ld010h")


def test_a_replaced_kernel_is_named_as_the_cause_of_the_crash():
    module = _load()
    with pytest.raises(AttributeError, match="property 'kernel' of 'Dense' object has no setter"):
        module.make_weight_norm()
    report = inspect_target(f"{FILE}:make_weight_norm")
    (finding,) = report.findings
    assert finding.code == "LD010" and finding.severity == "error" and finding.attribute == "kernel"
    assert "self.layer.kernel = _normalized(self.layer.kernel)" in FILE.read_text().splitlines()[finding.line - 1]


def test_a_kernel_changed_with_assign_is_clean():
    module = _load()
    model = module.make_assigned_norm()
    assert np.asarray(model(np.ones((2, module.FEATURES), "float32"))).shape == (2, 4)
    assert not inspect_target(f"{FILE}:make_assigned_norm").findings
