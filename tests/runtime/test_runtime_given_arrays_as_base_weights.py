"""LD001 from a crash: values handed to a built-in layer's subclass stored as the base's weight (held-out 15's
copynet FixedEmbedding). Keras 3 raises "has no setter"; the diagnosis names LD001 at the store, not LD010 (that is
for a weight replaced by a tensor computed from itself). The truth is what Keras does, run here first."""

import pathlib

import numpy as np
import pytest
from runtime_helpers import load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = pathlib.Path(__file__).resolve().parent / "targets" / "given_arrays_as_base_weights.py"


def _load():
    return load_target(FILE, "given_arrays_as_base_weights")


def test_a_given_array_stored_as_the_kernel_is_ld001():
    module = _load()
    with pytest.raises(AttributeError, match="property 'kernel' of 'ConstantConv' object has no setter"):
        module.make_constant_conv()
    report = inspect_target(f"{FILE}:make_constant_conv")
    (finding,) = report.findings
    assert finding.code == "LD001" and finding.severity == "error" and finding.attribute == "kernel"
    assert FILE.read_text().splitlines()[finding.line - 1].strip() == "self.kernel = filters_bank"
    assert "super().build(input_shape)" in finding.fix and "Conv1D" in finding.fix


def test_the_values_given_as_an_initializer_are_clean():
    module = _load()
    model = module.make_preset_conv()
    assert model.count_params() == 3 * 4 * 5 + 5
    assert np.allclose(model.layers[-1].kernel.numpy(), module._bank())
    assert not inspect_target(f"{FILE}:make_preset_conv").findings
