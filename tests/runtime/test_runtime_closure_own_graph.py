"""LD012 only for what a Lambda's closure reaches that the model does not track (held-out 8, keras-rl):
an object the closure captures may hold a model whose layers are all in the returned model's graph, and
then every variable it reaches is tracked. The truth is what Keras does with each target, run here
without layerdoctor first."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "closure_own_graph.py"


def _load():
    return load_target(FILE, "closure_own_graph")


def test_a_closure_over_a_model_of_the_same_graph_is_clean():
    model = _load().graph_submodel()
    captured = model.get_layer("loss").function.__closure__[0].cell_contents.model
    assert {id(v) for v in captured.weights} <= {id(v) for v in model.weights}  # all tracked by the model
    assert len(model.trainable_weights) == 4
    report = inspect_target(f"{FILE}:graph_submodel")
    assert not [f for f in report.findings if f.severity == "error"], report.findings


def test_a_closure_over_a_model_outside_the_graph_is_ld012():
    model = _load().separate_model()
    judge = model.get_layer("judged").function.__closure__[0].cell_contents.judge
    tracked = {id(v) for v in model.weights}
    assert judge.weights and not any(id(v) in tracked for v in judge.weights)  # used, but not the model's
    assert np.asarray(model(np.ones((1, 4), "float32"))).shape == (1, 2)
    report = inspect_target(f"{FILE}:separate_model")
    assert any(f.code == "LD012" and f.severity == "error" for f in report.findings), report.findings
