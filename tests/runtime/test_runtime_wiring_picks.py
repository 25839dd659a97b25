"""Runtime LD012 for a Lambda closing over an entry picked from a kernel while wiring (as in
tests/heldout3/a_lambda_scales_by_kernel_entry_copied_at_wiring). The truth: after the kernel changes,
the Lambda still multiplies by the old entry."""

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "wiring_picks.py"


def _lambda_follows_the_kernel() -> bool:
    import importlib.util

    spec = importlib.util.spec_from_file_location("wiring_picks", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.picked_entry()
    dense = next(layer for layer in model.layers if layer.name.startswith("dense"))
    x = np.random.RandomState(0).rand(2, module.FEATURES).astype("float32")
    dense.kernel.assign(2.0 * dense.kernel)
    expected = (x @ dense.kernel.numpy() + dense.bias.numpy()) * dense.kernel.numpy().ravel()[0]
    return np.allclose(model(x).numpy(), expected, rtol=1e-5)


def test_an_entry_picked_from_a_kernel_is_a_captured_copy_and_constants_are_not():
    assert not _lambda_follows_the_kernel()
    picked = [f for f in inspect_target(f"{FILE}:picked_entry").findings if f.code == "LD012"]
    assert len(picked) == 1 and "dense" in picked[0].message and "kernel" in picked[0].message
    for clean in ("constant_equal_to_a_weight", "fractional_constant"):
        assert not [f for f in inspect_target(f"{FILE}:{clean}").findings if f.severity == "error"], clean
