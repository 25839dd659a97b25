"""A variable attribute rebound to a tensor in call() (`self.kernel *= self.mask`): after a
functional build the attribute holds a symbolic tensor and the first call on data raises. inspect
names the cause (LD010) with the partial tree, not a bare "building failed". Keras is measured first."""


import keras
import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "masked_kernel.py"


def _line_of(text: str) -> int:
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if line.strip() == text)


def _load():
    return load_target(FILE, "masked_kernel")


def test_keras_the_functional_build_leaves_a_symbolic_kernel_and_a_call_raises():
    module = _load()
    model = module.masked_in_place()
    layer = model.layers[-1]
    assert not isinstance(layer.kernel, keras.Variable)
    assert [w.path.rpartition("/")[2] for w in layer.weights] == ["kernel"]  # the variable is still counted
    with pytest.raises(Exception):  # noqa: B017 - the backend's own error for a symbolic tensor
        model(np.zeros((2, 4), "float32"))
    twin = module.masked_into_a_local()
    assert isinstance(twin.layers[-1].kernel, keras.Variable)
    assert twin(np.zeros((2, 4), "float32")).shape == (2, 3)


def test_the_failed_call_is_explained_as_ld010_with_the_partial_tree():
    report = inspect_target(f"{FILE}:masked_in_place")
    (finding,) = report.findings
    assert (finding.code, finding.attribute) == ("LD010", "kernel")
    assert finding.path.endswith("masked_kernel.py") and finding.line == _line_of("self.kernel *= self.mask")
    assert report.params["partial"] and report.tree is not None


def test_twin_masking_into_a_local_is_clean():
    report = inspect_target(f"{FILE}:masked_into_a_local")
    assert [f for f in report.findings if f.severity == "error"] == []


def test_the_same_rebinding_failing_inside_the_target_is_explained_too():
    # ssl-for-slr's TDNN (held-out 40): the target calls its model itself, so the failure is the target's
    module = _load()
    model = module.masked_and_rebound()
    assert not isinstance(model.layers[-1].kernel, keras.Variable)  # Keras: the build left a symbolic tensor
    with pytest.raises(Exception):  # noqa: B017 - the backend's own error for a symbolic tensor
        module.masked_and_rebound_called_by_the_target()
    report = inspect_target(f"{FILE}:masked_and_rebound_called_by_the_target")
    (finding,) = report.findings
    assert (finding.code, finding.attribute, finding.line) == ("LD010", "kernel", _line_of("self.kernel = self.kernel * self.mask"))
    assert "earlier run of the statement" in finding.message
