"""Where inputs come from: the target's own, --input-shape, the model's input specs."""

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.errors import UsageError
from layerdoctor.runtime import load
from layerdoctor.runtime.api import inspect_model, inspect_target

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax", "k3torch")]

WRAPPERS = TARGETS / "functional_wrappers.py"


def test_inputs_returned_by_the_target_are_used():
    report = inspect_target(f"{WRAPPERS}:model_and_inputs")
    dense = report.tree.children[0]
    assert dense.output_shape == (None, 2)
    assert report.params["total"] == 3 * 2 + 2


@pytest.mark.flavours("k3tf", "tfk2")
def test_input_shape_option_builds_an_unbuilt_layer(keras):
    report = inspect_model(keras.layers.Dense(3), input_shape=(2, 7))
    assert report.params["total"] == 7 * 3 + 3


@pytest.mark.flavours("k3tf", "tfk2")
def test_several_input_shapes(keras):
    a, b = keras.Input((3,)), keras.Input((5,))
    merged = keras.layers.Concatenate()([a, b])
    model = keras.Model([a, b], keras.layers.Dense(1)(merged))
    report = inspect_model(model, input_shape=[(2, 3), (2, 5)])
    assert report.params["total"] == 8 + 1


@pytest.mark.flavours("k3tf", "tfk2")
def test_model_input_specs_are_used_and_none_dims_filled(keras):
    inputs = keras.Input((None, 6))
    model = keras.Model(inputs, keras.layers.LSTM(4)(inputs))
    report = inspect_model(model)
    assert report.params["total"] == model.count_params()


@pytest.mark.flavours("k3tf", "tfk2")
def test_integer_inputs_feeding_an_embedding_stay_below_input_dim(keras):
    model = keras.Sequential([keras.Input((5,), dtype="int32"), keras.layers.Embedding(7, 3),
                              keras.layers.GlobalAveragePooling1D()])
    arrays = load.make_inputs(model)
    assert arrays.dtype == np.int32 and arrays.max() < 7 and arrays.shape == (2, 5)
    report = inspect_model(model)
    assert report.params["total"] == 7 * 3


@pytest.mark.flavours("k3tf", "tfk2")
def test_input_dtype_option(keras):
    model = keras.Sequential([keras.layers.Embedding(4, 2)])
    arrays = load.make_inputs(model, input_shapes=[(3, 6)], input_dtype="int32")
    assert arrays.dtype == np.int32 and arrays.max() < 4


@pytest.mark.flavours("k3tf", "tfk2")
def test_no_input_available_names_the_option(keras):
    with pytest.raises(UsageError) as raised:
        inspect_model(keras.layers.Dense(3))
    assert "input_shape=(2, 4)" in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.flavours("k3tf", "tfk2")
@pytest.mark.parametrize("text", ["", "nosuchfile.py", "nosuchfile.py:f", "no_such_module_xyz:f", "model.keras"])
def test_bad_targets_are_one_usage_line(text):
    with pytest.raises(UsageError) as raised:
        inspect_target(text)
    assert "\n" not in str(raised.value)


@pytest.mark.flavours("k3tf", "tfk2")
def test_missing_function_and_missing_build_model():
    with pytest.raises(UsageError, match="no function 'nope'"):
        inspect_target(f"{WRAPPERS}:nope")
    with pytest.raises(UsageError, match="build_model"):
        inspect_target(str(WRAPPERS))


@pytest.mark.flavours("k3tf", "tfk2")
def test_target_returning_something_else():
    with pytest.raises(UsageError, match="not a Keras model"):
        inspect_target(f"{WRAPPERS}:not_a_model")


@pytest.mark.flavours("k3tf", "tfk2")
def test_bad_input_shape_text():
    with pytest.raises(UsageError):
        load.parse_shape("a,b")
    assert load.parse_shape("4,10") == (4, 10)


@pytest.mark.flavours("k3tf", "tfk2")
def test_keras_file_is_loaded_in_safe_mode(tmp_path, keras):
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    path = tmp_path / "clean.keras"
    model.save(path)
    report = inspect_target(str(path))
    assert report.params["total"] == 10 and report.exit_code() == 0


def test_keras_file_with_a_lambda_needs_unsafe_load(tmp_path, keras):
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Lambda(lambda t: t * 2.0)(inputs))
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(UsageError, match="unsafe_load=True"):
        inspect_target(str(path))
    report = inspect_target(str(path), unsafe_load=True)
    assert report.params["total"] == 0


def test_module_function_target(monkeypatch):
    monkeypatch.syspath_prepend(str(TARGETS))
    report = inspect_target("tree_models:build_autoencoder", input_shapes=[(2, 5)])
    assert report.params["total"] == 5 * 3 + 3 + 5


@pytest.mark.flavours("k3tf", "tfk2")
def test_plain_word_target_is_a_usage_error():
    with pytest.raises(UsageError, match="cannot read target"):
        inspect_target("build_model")
