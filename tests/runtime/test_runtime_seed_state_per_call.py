"""LD002 for non-trainable state created per call (held-out 6, molecule VAE): a random layer or a
SeedGenerator made inside call() adds no weight and no gradient, but makes a new variable on every
forward pass, and fit()'s traced step refuses it. The truth is what Keras does, measured here first:
each bug fails in fit(), each correct twin trains."""

import warnings

import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
pytest.importorskip("tensorflow")  # the targets use tf.* ops (not in the JAX and torch environments)

FILE = TARGETS / "seed_state_per_call.py"


def _load():
    return load_target(FILE, "seed_state_per_call")


MODULE = _load()


def _keras_says(name):
    """(number of weights after two eager calls, whether fit() raised the tf.function variable error)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model, x = getattr(MODULE, name)()
        y = np.asarray(model(x))
        model(x)
        weights = len(model.weights)
        model.compile(optimizer="sgd", loss="mse")
        try:
            model.fit(x, np.zeros_like(y), epochs=1, batch_size=2, verbose=0)
            failed = False
        except ValueError as error:
            assert "tf.function only supports singleton tf.Variables" in str(error)
            failed = True
    return weights, failed


@pytest.mark.parametrize("name, weights, constructed", [
    ("sampler_model", 6, "Sampling"),  # a user layer owning a SeedGenerator, made in a Model's call()
    ("dropout_in_call", 2, "Dropout"),
    ("noise_in_call", 2, "GaussianNoise"),  # in a loop: one finding for the line
    ("seed_generator_in_call", 2, None),  # a bare SeedGenerator: a new variable, no layer
    ("counter_in_call", 2, None),  # a local non-trainable tf.Variable
])
def test_state_made_per_call_without_a_weight_is_ld002(name, weights, constructed):
    assert _keras_says(name) == (weights, True)
    report = inspect_target(f"{FILE}:{name}")
    (finding,) = report.findings
    assert finding.code == "LD002" and finding.severity == "error"
    assert f"creates a new {constructed or 'variable'}" in finding.message
    assert "fit()'s traced step fails" in finding.message


@pytest.mark.parametrize("name", MODULE.CORRECT)
def test_twins_seed_state_made_once_or_no_state_at_all_are_clean(name):
    weights, failed = _keras_says(name)
    assert not failed
    assert not inspect_target(f"{FILE}:{name}").findings
