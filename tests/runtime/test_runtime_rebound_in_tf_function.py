"""A tensor made in build() and rebound inside a @tf.function (held-out 21, SN-GAN): the "out of scope"
error names the tensor under its layer's name scope while the attribute holds the function graph's
tensor of the same op name; inspect still finds the attribute (LD001 at its assignment). Keras is
measured first; the twin that assigns a non-trainable weight runs and is clean."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime
tf = pytest.importorskip("tensorflow")  # tf.function and tf ops in the target: TF backend only

FILE = TARGETS / "rebound_in_tf_function.py"


def _load():
    return load_target(FILE, "rebound_in_tf_function")


def _line(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if text in line)


def test_keras_the_rebound_tensor_is_out_of_scope_and_the_assigned_weight_runs():
    module = _load()
    with pytest.raises(TypeError, match="out of scope"):
        module.tensor_rebound_in_tf_function()
    model, _ = module.weight_assigned_in_tf_function()
    assert [w.name for w in model.non_trainable_weights] == ["u"]


def test_inspect_names_the_attribute_made_in_build():
    report = inspect_target(f"{FILE}:tensor_rebound_in_tf_function")
    assert [(f.code, f.attribute, f.line) for f in report.findings if f.severity == "error"] == \
        [("LD001", "u", _line("self.u = _normalize(tf.random.normal"))]


def test_the_assigned_twin_is_clean():
    assert [f for f in inspect_target(f"{FILE}:weight_assigned_in_tf_function").findings if f.severity == "error"] == []
