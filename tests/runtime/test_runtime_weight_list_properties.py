"""LD006 for a layer whose own `trainable_weights` / `non_trainable_weights` property raises when read: it
adds Keras 2's private lists (`self._trainable_weights`), which Keras 3 does not have (held-out 9,
w_tfmot_cluster_wrapper_weights_property). The truth is what Keras does with each target, run here without
layerdoctor first."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "weight_list_properties.py"


def _load():
    return load_target(FILE, "weight_list_properties")


def _line_of(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if line.startswith(text))


def test_a_weight_list_property_that_raises_is_ld006():
    model = _load().private_lists()
    wrapper = model.layers[1]
    with pytest.raises(AttributeError, match="no attribute '_trainable_weights'"):
        wrapper.trainable_weights
    with pytest.raises(AttributeError, match="no attribute '_non_trainable_weights'"):
        wrapper.non_trainable_weights
    assert len(model.trainable_weights) == 5 and model.count_params() == 4 * 6 + 4 + 2 + 4 * 2 + 2
    found = {f.attribute: f for f in inspect_target(f"{FILE}:private_lists").findings if f.code == "LD006"}
    assert set(found) == {"trainable_weights", "non_trainable_weights"}
    finding = found["trainable_weights"]
    assert finding.severity == "error" and finding.class_name == "Centroids"
    assert "'_trainable_weights'" in finding.message
    assert finding.line == _line_of("        return self.layer.trainable_weights + self._trainable_weights")


def test_a_weight_list_property_that_reads_is_clean():
    model = _load().fixed()
    assert len(model.layers[1].trainable_weights) == 3 and len(model.layers[1].non_trainable_weights) == 1
    assert not [f for f in inspect_target(f"{FILE}:fixed").findings if f.code == "LD006"]
