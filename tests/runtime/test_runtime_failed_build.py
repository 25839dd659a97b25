"""A model marked built by `model.build(shape)` whose call() also fails (held-out 5, EfficientPhys):
the report is LD005 for the weighted sublayers left unbuilt, with the failing call named and the
partial tree, not a bare error. The truth is what Keras does with each target, measured here first."""

import warnings

import keras
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "failed_build.py"
SHAPES = {"positional_extra": (2, 6), "missing_backend_function": (2, 10, 3), "nested_block_fails": (2, 5),
          "own_build_call_fails": (2, 6)}


def _load():
    return load_target(FILE, "failed_build")


def _keras_says(name):
    """(built, count_params, unbuilt sublayers' classes, whether a call on data raises)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = getattr(_load(), name)()
    unbuilt = sorted(type(sub).__name__ for sub in model._flatten_layers(include_self=False) if not sub.built)
    params = model.count_params()  # as returned: the failing call below may build a few layers
    try:
        model(keras.ops.zeros(SHAPES[name]))
        raised = False
    except Exception:  # noqa: BLE001 - any failure of call() is what is measured
        raised = True
    return model.built, params, unbuilt, raised


@pytest.mark.parametrize("name, unbuilt, listed", [
    ("positional_extra", ["Dense", "Dense", "Shift"], ["dense (Dense)", "out (Dense)"]),
    ("missing_backend_function", ["Conv1D", "LayerNormalization"], ["conv (Conv1D)", "norm (LayerNormalization)"]),
    ("nested_block_fails", ["Block", "Dense", "Dense"], ["proj (Dense)", "head (Dense)"]),
])
def test_a_model_marked_built_with_a_failing_call_reports_its_unbuilt_weighted_sublayers(name, unbuilt, listed):
    assert _keras_says(name) == (True, 0, unbuilt, True)
    report = inspect_target(f"{FILE}:{name}")
    (finding,) = report.findings
    assert finding.code == "LD005" and finding.severity == "error"
    assert sorted(finding.extra["unbuilt"]) == sorted(listed)
    assert "a call on data raised" in finding.message and "failed_build.py:" in finding.message
    assert report.params["partial"] and report.tree is not None


def test_twins_a_fixed_call_built_on_data_is_clean_and_build_shape_alone_is_still_ld005():
    module = _load()
    called = module.keyword_extra_called_on_data()
    assert called.count_params() == (6 * 3 + 3) + (3 + 1)
    assert not inspect_target(f"{FILE}:keyword_extra_called_on_data").findings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert module.keyword_extra().count_params() == 0  # build(shape) ran no call()
    assert {f.code for f in inspect_target(f"{FILE}:keyword_extra").findings} == {"LD005"}


def test_twins_a_failing_call_with_every_weight_built_or_nothing_marked_built_stays_a_plain_failure():
    assert _keras_says("own_build_call_fails") == (True, (6 * 3 + 3) + (3 + 1), ["Shift"], True)
    module = _load()
    model, inputs = module.positional_extra_never_built()
    assert not model.built
    with pytest.raises(ValueError):
        model(inputs)
    for name in ("own_build_call_fails", "positional_extra_never_built"):
        with pytest.raises(UsageError, match="failed: ValueError: Only input tensors"):
            inspect_target(f"{FILE}:{name}")
