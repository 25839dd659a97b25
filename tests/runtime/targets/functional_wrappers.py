"""Targets that wrap the behaviour cases the way users do: a functional model around a layer,
or a subclassed Model built with `model.build(shape)` (the "symbolic" mode of BEHAVIOUR.md)."""

import importlib.util
import pathlib

import keras

CASES = pathlib.Path(__file__).parents[2] / "cases"  # tests/cases, shared with the static tests


def _case(name):
    spec = importlib.util.spec_from_file_location(f"wrapped_{name}", CASES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _functional(name):
    case = _case(name)
    inputs = keras.Input(case.SHAPE)
    return keras.Model(inputs, case.make()(inputs))


def _built(name):
    case = _case(name)
    model = case.make()
    model.build((None,) + tuple(case.SHAPE))
    return model


def ld002a_tf():
    return _functional("ld002a_sublayer_in_call__tf")


def ld002b_tf():
    return _functional("ld002b_variable_in_call__tf")


def ld002b_k3():
    return _functional("ld002b_variable_in_call__k3")


def ld003b_tf():
    return _functional("ld003b_nested_foreign_variable__tf")


def ld009c_tf():
    return _functional("ld009c_numpy_in_call__tf")


def ld005a_built_only():
    return _built("ld005a_unbuilt_sublayer_model__k3")


def ld013b_built_only():
    return _built("ld013b_sublayer_before_super_model__k3")


def not_a_model():
    return 42


def raises_unrelated():
    raise RuntimeError("database unavailable")


def model_and_inputs():
    import numpy as np

    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    return model, np.ones((5, 3), "float32")
