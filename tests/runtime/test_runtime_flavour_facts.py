"""One test per flavour-sensitive fact of BEHAVIOUR.md that the inspector builds on (Keras 3 + TF)."""

import numpy as np
import pytest
from runtime_helpers import TARGETS, case_path, codes, load_case

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_model, inspect_target

pytestmark = pytest.mark.runtime

WRAPPERS = TARGETS / "functional_wrappers.py"


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_unbuilt_sublayers_after_model_build_versus_after_a_call(keras):
    # Fact: model.build(shape) on a subclassed Model without build() leaves every sublayer unbuilt.
    model = load_case("ld005a_unbuilt_sublayer_model__k3").make()
    model.build((None, 4))
    assert [layer.built for layer in (model.hidden, model.aux_head, model.head)] == [False, False, False]
    # The inspector calls the model on data, so only the never-called sublayer stays unbuilt.
    report = inspect_target(f"{WRAPPERS}:ld005a_built_only")
    unbuilt = [f for f in report.findings if f.code == "LD005" and "after a call" in f.message]
    assert [f.attribute for f in unbuilt] == ["aux_head"]
    # The model as returned (built by build(shape), never called) is reported too: hidden and head
    # only got their weights at the inspector's first call (issue 10, family 2).
    (as_returned,) = [f for f in report.findings if f.code == "LD005" and "after a call" not in f.message]
    assert as_returned.extra["unbuilt"] == ["hidden (Dense)", "head (Dense)"]
    assert report.params["total"] == 4 * 8 + 8 + 8 * 3 + 3  # hidden + head, counted by hand


def test_sublayer_before_super_init_is_fine_on_tensorflow():
    # Fact: Keras 3 + TF accepts a sublayer assigned before super().__init__() (torch raises).
    report = inspect_target(f"{WRAPPERS}:ld013b_built_only")
    # no LD013; LD005 only because the wrapper returns it built by model.build(shape), never called
    assert codes(report) == {"LD005"}
    assert report.params["total"] == 4 + 1


def test_variable_local_to_call_is_silent_eagerly_and_raises_in_a_functional_model():
    eager = inspect_target(f"{case_path('ld002b_variable_in_call__tf')}:make", input_shapes=[(2, 4)])
    assert codes(eager) == {"LD002"} and eager.tree is not None  # found by watching variable creation
    functional = inspect_target(f"{WRAPPERS}:ld002b_tf")
    assert codes(functional) == {"LD002"} and functional.params["partial"]  # recognised from the build failure
    assert "could not be lifted" in functional.findings[0].message
    assert functional.findings[0].line == 14


# JAX raises its unseeded-random-op error first (BEHAVIOUR.md E3), which inspect does not classify
@pytest.mark.flavours("k3tf", "k3torch")
def test_keras_variable_local_to_call_in_a_functional_model_raises_too():
    report = inspect_target(f"{WRAPPERS}:ld002b_k3")
    assert codes(report) == {"LD002"}


def test_sublayer_created_in_call_builds_in_a_functional_model():
    # Fact: a local Dense in call() does not stop the functional model from building.
    report = inspect_target(f"{WRAPPERS}:ld002a_tf")
    assert codes(report) == {"LD002"} and report.tree is not None


def test_nested_foreign_variable_raises_in_a_functional_model_and_is_silent_eagerly():
    eager = inspect_target(f"{case_path('ld003b_nested_foreign_variable__tf')}:make", input_shapes=[(2, 4)])
    assert codes(eager) == {"LD003"} and eager.params["untracked"] == 4 * 3
    functional = inspect_target(f"{WRAPPERS}:ld003b_tf")
    assert codes(functional) == {"LD003"} and functional.params["partial"]
    assert functional.findings[0].class_name == "InnerLayer"


def test_numpy_in_call_gives_no_gradient_eagerly_and_raises_in_a_functional_model():
    eager = inspect_target(f"{case_path('ld009c_numpy_in_call__tf')}:make", input_shapes=[(2, 4)])
    assert codes(eager) == {"LD009"}
    functional = inspect_target(f"{WRAPPERS}:ld009c_tf")
    assert codes(functional) == {"LD009"}
    assert "numpy() is only available" in functional.findings[0].message


@pytest.mark.flavours("k3tf", "tfk2")
def test_incompatible_reuse_fails_at_construction_with_tf_ops(keras):
    case = load_case("ld008a_incompatible_reuse_custom__tf")
    with pytest.raises(ValueError):
        case.make_functional()
    report = inspect_target(f"{case_path('ld008a_incompatible_reuse_custom__tf')}:make_functional")
    assert codes(report) == {"LD008"} and report.params["partial"]


def test_incompatible_reuse_builds_with_keras_ops_and_fails_on_the_first_call(keras):
    case = load_case("ld008a_incompatible_reuse_custom__k3")
    _, layer = case.make_functional()  # builds: keras.ops.matmul does not check at construction
    assert layer.count_params() == 64 * 32 + 32
    report = inspect_target(f"{case_path('ld008a_incompatible_reuse_custom__k3')}:make_functional")
    (finding,) = report.findings
    assert finding.code == "LD008"
    assert finding.extra["built_for"] == "(None, 10, 64)"
    assert finding.extra["got"] == "(None, 10, 32)"
    assert finding.extra["first_call"].endswith(":25") and finding.extra["failing_call"].endswith(":26")


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_private_weight_list_raises_attribute_error_on_keras3(keras):
    layer = load_case("ld006a_private_weight_list__k3").make()
    with pytest.raises(AttributeError):
        layer(np.ones((2, 4), "float32"))
    report = inspect_model(load_case("ld006a_private_weight_list__k3").make(), input_shape=(2, 4))
    assert codes(report) == {"LD006"}


@pytest.mark.flavours("k3tf", "k3jax", "k3torch", "tfk2")
def test_a_failure_that_is_not_one_of_ours_is_one_usage_line():
    with pytest.raises(UsageError) as raised:
        inspect_target(f"{WRAPPERS}:raises_unrelated")
    assert "RuntimeError: database unavailable" in str(raised.value)
    assert "\n" not in str(raised.value)
