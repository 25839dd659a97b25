"""LD005 for a model returned with unbuilt layers whose inputs are unknown (held-out 9: keras-tuner
w_kerastuner_hypermodel_sequential_unbuilt, deepchem w_deepchem_kerasmodel_ensure_built_no_weights): the
inspector cannot call it, so it reports the model as returned: its tree, and the layers that have no weights
yet. The truth is what Keras does with each target, run here without layerdoctor first."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "returned_unbuilt.py"


def _load():
    return load_target(FILE, "returned_unbuilt")


def _unbuilt_as_returned(model):
    with pytest.raises(ValueError, match="isn't built"):
        model.count_params()
    with pytest.raises(ValueError, match="not yet been built"):
        model.save_weights("/tmp/never.weights.h5")
    assert model.get_weights() == []


def test_a_sequential_without_an_input_shape_is_reported_as_returned():
    _unbuilt_as_returned(_load().sequential_without_input())
    report = inspect_target(f"{FILE}:sequential_without_input")
    (finding,) = report.findings
    assert finding.code == "LD005"
    assert finding.severity == "warning"  # fit() would build it: nothing shows it is used unbuilt
    assert finding.extra["unbuilt"][0].endswith("(Block)") and len(finding.extra["unbuilt"]) == 3
    assert "could not call it (its input shape is unknown" in finding.message
    assert report.params["total"] == 0 and report.tree is not None


def test_a_subclassed_model_whose_weights_the_target_read_unbuilt_is_an_error():
    _unbuilt_as_returned(_load().subclassed_weights_read_unbuilt())
    (finding,) = inspect_target(f"{FILE}:subclassed_weights_read_unbuilt").findings
    assert finding.code == "LD005" and finding.severity == "error"
    assert finding.class_name == "Net" and finding.extra["unbuilt"] == ["hidden (Dense)", "out (Dense)"]
    assert "get_weights() returned []" in finding.message


@pytest.mark.parametrize("target, params", [("sequential_with_input", 29), ("subclassed_called_once", 22)])
def test_models_built_before_they_are_returned_are_clean(target, params):
    assert getattr(_load(), target)().count_params() == params
    report = inspect_target(f"{FILE}:{target}")
    assert not [f for f in report.findings if f.code == "LD005"] and report.params["total"] == params


def test_a_model_without_weights_still_asks_for_its_input_shape():
    with pytest.raises(UsageError, match="cannot tell the input shape"):
        inspect_target(f"{FILE}:activation_only")


def test_a_model_reported_as_returned_does_not_claim_zero_untracked_state():
    # no forward pass ran, so the untracked-state probes did not: the totals say so instead of a green 0
    from rich.console import Console

    from layerdoctor.render.tree import render_tree

    report = inspect_target(f"{FILE}:sequential_without_input")
    assert report.params["untracked_checked"] is False
    console = Console(record=True, width=200)
    render_tree(report, console)
    totals = next(line for line in console.export_text().splitlines() if line.startswith("Total params"))
    assert totals.endswith("untracked: not checked (no forward pass)")
