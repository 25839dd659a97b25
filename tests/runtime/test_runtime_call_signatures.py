"""A call() that a single made-up input cannot call (held-out 11: an FM model's
call(feat_index, feat_value), a Transformer's call(x, training) with `training` required) is
inspected, not a bare "building failed": inspect reuses the positional arguments the target
called the model with, and passes training=False when call() requires it. Keras is measured first."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "call_signatures.py"


def _load():
    return load_target(FILE, "call_signatures")


def _raises(call) -> str:
    try:
        call()
    except TypeError as error:
        return str(error)
    return ""


def test_keras_needs_every_positional_input_and_a_required_training():
    module = _load()
    model = module.two_inputs_foreign_bias()
    ids, values = module._ids_and_values()
    assert "values" in _raises(lambda: model(ids))  # one input is not enough
    assert [w.path for w in model.trainable_weights] == ["two_inputs/embedding/embeddings"]  # the tf.Variable is not there
    model = module.training_required_per_call()
    assert "training" in _raises(lambda: model(np.zeros((2, 3), "float32")))
    before = model.count_params()
    model(np.zeros((2, 3), "float32"), training=False)
    assert model.count_params() == before  # the Dense made in call() is never counted


@pytest.mark.parametrize("name, codes", [
    ("two_inputs_foreign_bias", ["LD003"]),
    ("two_inputs_correct", []),
    ("training_required_per_call", ["LD002"]),
    ("training_required_correct", []),
])
def test_inspect_calls_the_model_as_its_signature_asks(name, codes):
    report = inspect_target(f"{FILE}:{name}")
    assert sorted({f.code for f in report.findings if f.severity == "error"}) == codes
    assert report.tree is not None and report.tree.output_shape[0] is None  # the batch is known
