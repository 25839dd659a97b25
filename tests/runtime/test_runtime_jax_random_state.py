"""Keras 3 + JAX: state created in call() from an unseeded random op makes building a functional
model fail with "[JAX RNG] ..." (BEHAVIOUR.md, E3); inspect names that failure LD002, at the line
that creates the state, and leaves unseeded noise that is not state as a plain failure."""

import pytest
from runtime_helpers import TARGETS

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

TARGET = TARGETS / "jax_random_state.py"
LINES = TARGET.read_text().splitlines()


@pytest.mark.flavours("k3jax")
@pytest.mark.parametrize("function, attribute, created", [
    ("variable_in_call", None, "kernel = keras.Variable("),
    ("random_tensor_on_self", "noise", "self.noise = keras.random.normal("),
])
def test_state_made_from_an_unseeded_random_op_is_ld002(function, attribute, created):
    report = inspect_target(f"{TARGET}:{function}")
    (finding,) = report.findings
    assert finding.code == "LD002"
    assert finding.severity == "error" and report.exit_code() == 1
    assert finding.attribute == attribute
    assert "[JAX RNG]" in finding.message and "in call()" in finding.message
    assert LINES[finding.line - 1].strip().startswith(created)
    assert "never in call()" in finding.fix


@pytest.mark.flavours("k3jax")
def test_unseeded_noise_that_is_not_state_stays_a_plain_failure():
    with pytest.raises(UsageError, match="building .* failed"):
        inspect_target(f"{TARGET}:noise_on_output")
