"""LD004 from a model that runs (held-out 21, the Keras guide's Linear): a weight made in __init__
whose first dimension is the width the layer is called on, given by hand. Keras is measured first:
the layer runs for that width and fails for another; the look-alikes are clean."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "weights_made_in_init.py"


def _load():
    return load_target(FILE, "weights_made_in_init")


def _found(name):
    return [(f.code, f.severity, f.attribute, f.line) for f in inspect_target(f"{FILE}:{name}").findings]


def _line(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if text in line)


def test_keras_the_hand_sized_layer_runs_for_its_width_only():
    module = _load()
    layer, x = module.hand_sized_linear()
    assert len(layer.weights) == 2 and tuple(layer.w.shape) == (module.WIDTH, module.UNITS)
    with pytest.raises(Exception, match="(?i)matmul|incompatible|shape"):
        layer(np.ones((2, module.WIDTH + 1), "float32"))


def test_inspect_warns_at_the_weight_made_in_init():
    assert _found("hand_sized_linear") == [("LD004", "warning", "w", _line("self.w = self.add_weight("))]


def test_inspect_warns_at_a_row_weight_made_in_init():
    module = _load()
    model, _ = module.hand_sized_threshold()
    assert [tuple(w.shape) for w in model.weights] == [(1, module.WIDTH)]
    assert _found("hand_sized_threshold") == [("LD004", "warning", "bias", _line('self.bias = self.add_weight(name="bias"'))]


def test_inspect_warns_at_per_step_weights_sized_by_hand():
    module = _load()
    model, _ = module.hand_sized_time2vec()
    assert [tuple(w.shape) for w in model.weights] == [(module.LENGTH,)]
    assert _found("hand_sized_time2vec") == [("LD004", "warning", "weights_linear", _line("self.weights_linear = "))]


@pytest.mark.parametrize("name", ["built_linear", "position_table"])
def test_look_alikes_are_clean(name):
    assert _found(name) == []
