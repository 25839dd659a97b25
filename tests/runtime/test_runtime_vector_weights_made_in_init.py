"""LD004 (warning) for a vector weight made in __init__ as long as the input's width: Keras is asked
first whether a fresh layer with the same settings runs on an input one feature wider (the RMSNorm
scale given `hidden_size` by hand fails; a bias made from `units`, as wide as the input by chance,
runs), then inspect must warn for the first only."""


import numpy as np
import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "vector_weights_made_in_init.py"


def _load():
    return load_target(FILE, "vector_weights_made_in_init")


MODULE = _load()


def _runs_one_feature_wider(layer_class):
    try:
        layer_class(4)(np.ones((1, 5, 5), dtype="float32"))
    except Exception:  # noqa: BLE001 - any failure: it does not run on that width
        return False
    return True


def _ld004(name):
    return [f for f in inspect_target(f"{FILE}:{name}").findings if f.code == "LD004"]


def test_a_scale_sized_by_hand_is_ld004():
    assert not _runs_one_feature_wider(MODULE.RMSNorm)
    (finding,) = _ld004("scale_sized_by_hand")
    assert finding.severity == "warning" and "RMSNorm.scale" in finding.message


def test_a_scale_sized_by_hand_is_ld004_when_no_config_rebuilds_the_layer():
    with pytest.raises(TypeError):
        MODULE.RMSNormPartialConfig.from_config(MODULE.RMSNormPartialConfig(4).get_config())
    assert not _runs_one_feature_wider(MODULE.RMSNormPartialConfig)
    (finding,) = _ld004("scale_sized_by_hand_partial_config")
    assert finding.severity == "warning" and "RMSNormPartialConfig.scale" in finding.message


def test_twin_a_bias_as_wide_by_chance_is_clean():
    assert _runs_one_feature_wider(MODULE.BiasFirst)
    assert _ld004("bias_as_wide_by_chance") == []
