"""LD011 for a target that returns a tf.Module holding Keras layers: Keras 3 layers are no tf.Modules, so the module's
trainable_variables lists none of their weights (held-out 40's grl DQN). Keras is measured first."""


import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "tf_module_holder.py"


def _load():
    return load_target(FILE, "tf_module_holder")


def test_a_tf_module_holding_keras_layers_lists_none_of_their_weights_and_is_ld011():
    net, _ = _load().q_network()
    held = net.blocks[0].trainable_weights + net.out.trainable_weights
    assert len(held) == 4 and list(net.trainable_variables) == []  # Keras 3: tf.Module sees none of them
    (finding,) = inspect_target(f"{FILE}:q_network").findings
    assert (finding.code, finding.class_name, finding.severity) == ("LD011", "QNetwork", "error")
    assert "lists 0 of their 4 trainable weights" in finding.message
    assert "re_lu" not in finding.message  # a layer without weights is not named


def test_a_tf_module_holding_only_its_own_variables_is_still_refused_as_a_target():
    assert len(_load().schedule().trainable_variables) == 1  # tf.Module finds its tf.Variable
    with pytest.raises(UsageError, match="not a Keras model or layer"):
        inspect_target(f"{FILE}:schedule")
