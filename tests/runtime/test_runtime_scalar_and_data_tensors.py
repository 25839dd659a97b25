"""Which tensors kept on a layer are weights (held-out 5): a 0-d float array made from a constructor
parameter and named like a weight is LD001 (a warning: ParametricSoftplus's alpha and beta), scalar
settings are not; data the caller hands the constructor (a graph's edge weights: few distinct
values) is not LD001, while a random kernel the caller hands over, or a constant layer-scale vector
the constructor makes, stay LD001 errors. Keras is measured first: which parameters exist."""

import importlib.util
import os
import tempfile

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "scalar_and_data_tensors.py"
DENSE_4_4 = 4 * 4 + 4


def _module():
    spec = importlib.util.spec_from_file_location("scalar_and_data_tensors", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _found(name):
    return sorted((f.code, f.severity, f.attribute) for f in inspect_target(f"{FILE}:{name}").findings)


@pytest.mark.parametrize("name, attributes", [
    ("array_softplus", ["alpha", "beta"]),
    ("tensor_theta", ["theta"]),
])
def test_a_0d_float_array_made_from_a_constructor_parameter_and_named_like_a_weight_is_ld001(name, attributes):
    model = getattr(_module(), name)()
    assert model.count_params() == DENSE_4_4  # the scalars are no parameters: never trained or saved
    assert _found(name) == [("LD001", "warning", a) for a in attributes]


def test_twins_the_same_scalars_as_weights_and_scalar_settings_are_clean():
    module = _module()
    assert module.weight_softplus().count_params() == DENSE_4_4 + 2
    assert not _found("weight_softplus")
    assert module.scalar_settings().count_params() == DENSE_4_4
    assert not _found("scalar_settings")  # 0-d eps, np.float32 scale, Python float, sqrt(dim) named beta


@pytest.mark.parametrize("name", ["graph_with_uniform_edge_weights", "graph_with_two_edge_types"])
def test_graph_data_the_caller_hands_the_constructor_is_not_ld001(name):
    module = _module()
    model, node_ids = getattr(module, name)()
    assert model.count_params() == (5 * 8 + 8) + (8 * 3 + 3)  # every parameter is in the two Dense layers
    # the checkpoint restores the model: the graph comes from the caller again, it is not state
    path = os.path.join(tempfile.mkdtemp(), "graph.weights.h5")
    model.save_weights(path)
    fresh, _ = getattr(module, name)()
    for variable in fresh.weights:
        variable.assign(np.zeros(variable.shape, variable.dtype))
    fresh.load_weights(path)
    assert np.array_equal(np.asarray(model(node_ids)), np.asarray(fresh(node_ids)))
    assert not _found(name)


def test_look_alikes_a_given_random_kernel_and_a_constant_layer_scale_stay_ld001_errors():
    module = _module()
    assert module.given_random_kernel().count_params() == DENSE_4_4  # the kernel is no parameter
    assert module.layer_scale_constant().count_params() == DENSE_4_4  # nor is gamma
    assert _found("given_random_kernel") == [("LD001", "error", "kernel")]
    assert _found("layer_scale_constant") == [("LD001", "error", "gamma")]
