"""Held-out 17's focalnet miss as a family, measured on Keras first (target:
tests/runtime/targets/fix17b_state_reached_from_call.py; its docstring says what was measured)."""

import importlib.util

import keras
import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax")]

FILE = TARGETS / "fix17b_state_reached_from_call.py"


def _module():
    spec = importlib.util.spec_from_file_location("fix17b_state_reached_from_call", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _line(text):
    return next(n for n, line in enumerate(FILE.read_text().splitlines(), 1) if text in line)


def _state(generator_or_variable):
    value = getattr(generator_or_variable, "state", generator_or_variable)
    return keras.ops.convert_to_numpy(value.value).copy()


def _fit(model, inputs):
    model.compile(optimizer="sgd", loss="mse")
    model.fit(inputs, np.zeros((len(inputs), 1), "float32"), batch_size=2, epochs=1, verbose=0)


BUGGY = [
    ("jitter_from_global_generator", "NOISE_RNG", "NOISE_RNG = krandom.SeedGenerator(3)"),
    ("drop_path_through_helper_function", "_DROP_RNG", "_DROP_RNG = keras.random.SeedGenerator(11)"),
    ("mask_through_helper_method", "_MASK_RNG", "_MASK_RNG = keras.random.SeedGenerator(13)"),
    ("global_step_counter", "STEPS_SEEN", "STEPS_SEEN = keras.Variable(0"),
]


@pytest.mark.parametrize("name, state, created", BUGGY)
def test_keras_state_a_call_reaches_through_a_global_is_ld011(name, state, created):
    module = _module()
    model, inputs = getattr(module, name)()
    held = getattr(module, state)
    custom = model.layers[2]
    assert custom.variables == []
    assert all(v is not getattr(held, "state", held) for v in model.variables)
    before = _state(held)
    _fit(model, inputs)
    # TF: fit advances it outside the model; JAX: the traced step never advances it (the same seed each step)
    assert np.array_equal(before, _state(held)) == (keras.backend.backend() == "jax")
    report = inspect_target(f"{FILE}:{name}")
    assert [(f.code, f.severity, f.line) for f in report.findings] == [("LD011", "error", _line(created))]


def test_a_generator_a_layer_factory_closes_over_is_ld011():
    module = _module()
    model, inputs = module.dropout_closing_over_generator()
    custom = model.layers[2]
    generator = dict(zip(type(custom).call.__code__.co_freevars,
                         (c.cell_contents for c in type(custom).call.__closure__)))["generator"]
    assert custom.variables == [] and all(v is not generator.state for v in model.variables)
    report = inspect_target(f"{FILE}:dropout_closing_over_generator")
    assert [(f.code, f.severity, f.line) for f in report.findings] == [
        ("LD011", "error", _line("generator = keras.random.SeedGenerator(23)"))]


@pytest.mark.parametrize("name", ["generator_made_in_init", "generator_only_draws_the_data",
                                  "shared_generator_assigned_to_self", "global_layer_wired_functionally"])
def test_state_the_model_tracks_or_call_does_not_use_is_clean(name):
    module = _module()
    model, _ = getattr(module, name)()
    if name in ("generator_made_in_init", "shared_generator_assigned_to_self"):
        custom = model.layers[2]
        assert [v.path.rsplit("/", 1)[-1] for v in custom.variables] == ["seed_generator_state"]
        assert any(v is custom.variables[0] for v in model.variables)
    if name == "global_layer_wired_functionally":
        assert any(layer is module.shared_head for layer in model.layers)
    assert inspect_target(f"{FILE}:{name}").findings == []
