"""Runtime LD010 for a weight kept as a list of slices taken once in build() (as in
tests/heldout3/b_frozen_es_rnn_seasonality_slices_in_build), and for a copy a wrapper stores on its layer
through a local alias (`inner = self.layer`). The truth is a GradientTape on the
real model: which trainable weights get a gradient."""

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "frozen_slices.py"


def _untrained(name):
    import importlib.util

    import tensorflow as tf

    spec = importlib.util.spec_from_file_location("frozen_slices", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = getattr(module, name)()
    x = np.random.RandomState(0).rand(2, module.FEATURES).astype("float32")
    with tf.GradientTape() as tape:
        outputs = model(x)
        outputs = outputs if isinstance(outputs, list) else [outputs]
        floats = [tf.reduce_sum(o) for o in outputs if o.dtype.is_floating]
        total = tf.add_n(floats) if floats else None
    if total is None:
        return {w.path for w in model.trainable_weights}  # nothing float to differentiate
    grads = tape.gradient(total, model.trainable_weights)
    return {w.path for w, g in zip(model.trainable_weights, grads) if g is None}


def _report(name):
    return inspect_target(f"{FILE}:{name}")


def test_a_list_of_slices_taken_in_build_is_a_frozen_copy_and_slices_in_call_are_not():
    assert _untrained("sliced_once") == {"sliced_once/season"}
    findings = [f for f in _report("sliced_once").findings if f.code in ("LD009", "LD010")]
    # the frozen copy (LD010) and the weight call() never reads, with no gradient (LD009)
    assert [(f.code, f.attribute) for f in findings] == [("LD009", "season"), ("LD010", "season_steps")]
    assert _untrained("sliced_per_call") == set()
    assert not [f for f in _report("sliced_per_call").findings if f.code in ("LD009", "LD010")]


def test_a_copy_stored_on_the_wrapped_layer_through_a_local_alias_is_linked_to_its_weight():
    assert "normed_through_alias/g" in _untrained("normed_through_alias")
    findings = [f for f in _report("normed_through_alias").findings if f.code == "LD010"]
    assert [f.attribute for f in findings] == ["layer._kernel"] and "NormedThroughAlias.g" in findings[0].message
