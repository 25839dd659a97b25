"""A shape taken with a TensorFlow op from a model input while wiring, for a Lambda to read later: on Keras 3
the factory raises at that op, before the Lambda is made; inspect names the Lambda (LD012) instead of printing the
bare error. The truth is what Keras itself does with each factory, run here without layerdoctor."""

import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "lambda_reads_shape_taken_while_wiring.py"
LINES = FILE.read_text().splitlines()


@pytest.mark.parametrize("factory", ["global_shape", "closure_batch"])
def test_keras_3_refuses_the_keras_tensor_in_the_tensorflow_op(factory):
    module = load_target(FILE, "lambda_reads_shape_taken_while_wiring")
    with pytest.raises(ValueError, match="KerasTensor cannot be used as input to a TensorFlow function"):
        getattr(module, factory)()


def test_keras_builds_the_lambda_that_takes_the_shape_of_its_own_input():
    module = load_target(FILE, "lambda_reads_shape_taken_while_wiring")
    model = module.shape_inside()
    assert model(tf_ones()).shape == (2, 4, 7)


def tf_ones():
    import numpy as np

    return np.ones((2, 4, 6), dtype="float32")


@pytest.mark.parametrize("factory, name", [("global_shape", "shape_n"), ("closure_batch", "flat")])
def test_inspect_names_the_lambda_that_reads_the_shape(factory, name):
    report = inspect_target(f"{FILE}:{factory}")
    (finding,) = [f for f in report.findings if f.code == "LD012"]
    assert finding.path.endswith("lambda_reads_shape_taken_while_wiring.py")
    assert "layers.Lambda(" in LINES[finding.line - 1]
    assert LINES[finding.line - 1][finding.column - 1:].startswith("layers.Lambda(")
    assert f"reads {name}" in finding.message


def test_no_finding_when_the_function_takes_the_shape_itself():
    report = inspect_target(f"{FILE}:shape_inside")
    assert not [f for f in report.findings if f.code == "LD012"]
