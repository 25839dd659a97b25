"""A model without call() (held-out 6, the torch-backend GAN guide): the container cannot be called,
so inspect shows its tree and inspects each built sub-model on its own inputs instead of stopping
at "cannot tell the input shape". The truth is what Keras does, measured first."""

import warnings

import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_model, inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "no_call_containers.py"


def _load():
    return load_target(FILE, "no_call_containers")


MODULE = _load()


def _keras_says(name):
    """(whether calling the container raises NotImplementedError, its weights' values, the sum of
    its sub-models' weights' values)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = getattr(MODULE, name)()
    try:
        model(np.zeros((2, 6), "float32"))
        raised = False
    except NotImplementedError:
        raised = True
    return raised, _params(model.weights), sum(_params(sub.weights) for sub in model._layers)


def _params(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


@pytest.mark.parametrize("name, params, parts", [
    ("gan", (6 * 8 + 8) + (8 + 1) + (4 * 8 + 8) + (8 * 6 + 6), ["discriminator", "generator"]),
    ("trainer", (6 * 4 + 4) + (4 * 8 + 8) + (8 * 6 + 6), ["encoder", "generator"]),
])
def test_a_container_without_call_shows_its_tree_and_inspects_its_sub_models(name, params, parts, capsys):
    assert _keras_says(name) == (True, params, params)
    report = inspect_target(f"{FILE}:{name}")
    assert not report.findings
    assert report.params["total"] == params
    assert [child.name for child in report.tree.children] == parts
    assert f"has no call(): inspected its sub-models {', '.join(parts)}" in capsys.readouterr().err


def test_a_bug_inside_a_sub_model_of_a_container_is_found():
    raised, params, _ = _keras_says("gan_with_a_buggy_generator")
    assert raised
    generator = MODULE.gan_with_a_buggy_generator().generator
    generator.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match="singleton tf.Variables"):  # the Dropout made per call
        generator.fit(np.zeros((4, MODULE.LATENT), "float32"), np.zeros((4, 6), "float32"), verbose=0)
    (finding,) = inspect_target(f"{FILE}:gan_with_a_buggy_generator").findings
    assert finding.code == "LD002" and "DropoutPerCall.call() creates a new Dropout" in finding.message


def test_a_container_without_call_and_no_built_sub_model_is_one_clear_error():
    assert _keras_says("trainer_of_unbuilt_parts") == (True, 0, 0)
    with pytest.raises(UsageError, match="has no call\\(\\) and no built sub-model with known inputs"):
        inspect_target(f"{FILE}:trainer_of_unbuilt_parts")
    with pytest.raises(UsageError, match="no built sub-model"):
        inspect_model(MODULE.trainer_of_unbuilt_parts())


def test_a_sublayer_the_targets_own_code_never_ran_is_named_as_returned():
    """A layer overriding __call__ (so no call() of Keras's kind) whose demo runs three of its four Dense
    layers: the gate, only run with use_gate=True, is returned unbuilt; with the gate on, none is."""
    attention = MODULE.attention_gate_never_run()
    assert (attention.query.built, attention.key.built, attention.score.built) == (True, True, True)
    assert not attention.gate.built and attention.gate.weights == []
    with pytest.raises(ValueError):  # Keras: count_params() of an unbuilt layer
        attention.gate.count_params()
    (finding,) = [f for f in inspect_target(f"{FILE}:attention_gate_never_run").findings if f.code == "LD005"]
    assert finding.severity == "warning" and "gate (Dense) unbuilt" in finding.message
    assert "pass its input shape" not in finding.message

    assert all(layer.built for layer in MODULE.attention_gate_run()._layers)
    assert not [f for f in inspect_target(f"{FILE}:attention_gate_run").findings if f.code == "LD005"]
