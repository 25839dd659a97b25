"""Held-out 34's inspect families (targets/weight_slot_copies.py), each beside its correct twin; Keras is measured
first."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # the targets use tf.sparse and tf.Variable

FILE = TARGETS / "weight_slot_copies.py"


def _load():
    return load_target(FILE, "weight_slot_copies")


def test_keras_facts():
    module = _load()
    x = np.random.default_rng(0).normal(size=(2, 6)).astype("float32")
    for factory, frozen in ((module.mirrored_in_build, True), (module.mirrored_each_call, False)):
        layer = factory()
        assert [w.path for w in layer.weights] == [w.path for w in layer.forward.weights]  # the copy is no weight
        before = np.array(layer.mirror._kernel)
        layer.forward.kernel.assign(layer.forward.kernel + 1.0)
        layer(x)
        assert np.allclose(before, np.array(layer.mirror._kernel)) is frozen
    for factory, stale in ((module.sparse_reservoir, True), (module.dense_reservoir, False)):
        model = factory()
        first = np.array(model(x))
        variable = model.layers[-1].weights[0]
        variable.assign(tf.zeros_like(variable))
        assert np.allclose(first, np.array(model(x))) is stale
    model = module.step_model_with_a_tf_variable()
    assert all(w is not model.start for w in model.weights)  # Keras 3 does not track the tf.Variable
    twin = module.step_model_with_a_weight()
    assert any(w is twin.start for w in twin.weights)


@pytest.mark.parametrize("name, codes", [
    ("mirrored_in_build", {"LD010"}),
    ("mirrored_each_call", set()),
    ("sparse_reservoir", {"LD010"}),
    ("dense_reservoir", set()),
    ("step_model_with_a_tf_variable", {"LD003"}),  # its input shape cannot be told: reported as returned
    ("kernel_in_init", {"LD004"}),
    ("kernel_in_build", set()),
])
def test_inspect(name, codes):
    report = inspect_target(f"{FILE}:{name}")
    assert {f.code for f in report.findings if f.code != "LD007"} == codes


@pytest.mark.parametrize("name, codes", [("step_model_with_a_tf_variable", {"LD003"}), ("step_model_with_a_weight", set())])
def test_inspect_a_model_whose_call_wants_more_than_inputs(name, codes):
    """Given the input's shape, inspect still cannot call it (prev_state): the model as returned shows its
    tf.Variable all the same."""
    report = inspect_target(f"{FILE}:{name}", input_shapes=[(2, 6)])
    assert {f.code for f in report.findings} == codes


def test_a_model_with_nothing_to_report_as_returned_still_asks_for_its_shape():
    with pytest.raises(UsageError, match="cannot tell the input shape"):
        inspect_target(f"{FILE}:step_model_with_a_weight")
