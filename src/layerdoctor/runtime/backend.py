"""Everything that differs between Keras backends, in one place.

Only Keras 3 with the TensorFlow backend is implemented and tested. To add JAX, torch or
tf.keras 2, give each function below a branch for it (see the notes in each docstring).
"""

from __future__ import annotations

import contextlib
import random
import sys

import numpy as np


def keras_module():
    import keras

    return keras


def name() -> str:
    return keras_module().backend.backend()


def keras_info() -> dict:
    keras = keras_module()
    return {"version": keras.__version__, "backend": name()}


def is_keras_variable(value) -> bool:
    keras = keras_module()
    return isinstance(value, keras.Variable)


def is_native_variable(value) -> bool:
    """A backend variable Keras 3 does not track (LD003). JAX: none; torch: nn.Parameter."""
    if is_keras_variable(value):
        return False
    if name() == "tensorflow":
        import tensorflow as tf

        return isinstance(value, tf.Variable)
    return False


def is_tensor(value) -> bool:
    """A concrete tensor or array (not a variable): weight-like state if it holds floats."""
    if isinstance(value, np.ndarray):
        return True
    if name() == "tensorflow":
        import tensorflow as tf

        return isinstance(value, tf.Tensor) and not isinstance(value, tf.Variable) and _is_eager(value)
    return False


def _is_eager(value) -> bool:
    # A symbolic (graph) tensor left on self by a traced call has no values to count.
    return hasattr(value, "numpy")


def size_of(value) -> int:
    shape = getattr(value, "shape", ())
    try:
        return int(np.prod([int(d) for d in shape])) if len(shape) else 1
    except (TypeError, ValueError):
        return 0


def itemsize_of(value) -> int:
    """Bytes per value of a variable or tensor (4 for float32); 0 when its dtype is unknown."""
    try:
        return int(np.dtype(str(getattr(value, "dtype", "")).replace("bool_", "bool")).itemsize)
    except (TypeError, ValueError):
        return 0


def is_float(value) -> bool:
    dtype = getattr(value, "dtype", None)
    try:
        return np.dtype(getattr(dtype, "as_numpy_dtype", dtype) if not isinstance(dtype, str) else dtype).kind == "f"
    except TypeError:
        return "float" in str(dtype)


def is_integer_valued(value) -> bool:
    """A float tensor/array whose values are all whole numbers (0/1 masks, ones, triangular
    masks, position tables from arange, one-hot): a buffer, never a weight's trained values."""
    try:
        array = to_numpy(value)
        return bool(np.all(np.isfinite(array)) and np.all(array == np.round(array)))
    except Exception:  # noqa: BLE001
        return False


def looks_hand_written(value) -> bool:
    """Values a person wrote down (a fixed filter, a lookup table): a few distinct values, each used
    several times. An initialiser gives all-distinct random values, or one constant (zeros, ones)."""
    try:
        array = to_numpy(value).ravel()
    except Exception:  # noqa: BLE001
        return False
    if array.size < 9 or not np.all(np.isfinite(array)):
        return False
    distinct = np.unique(np.round(array, 6)).size
    return 1 < distinct <= array.size // 3


def to_numpy(value) -> np.ndarray:
    if hasattr(value, "numpy"):
        return np.array(value.numpy())
    return np.array(value)


@contextlib.contextmanager
def watch_native_variables(on_create):
    """Call `on_create(variable, frame)` for every backend variable created inside the block
    (`frame`: the frame that asked for the variable, to find the user's line).

    TF: `tf.variable_creator_scope` sees `tf.Variable(...)` and the tf.Variable inside each
    `keras.Variable`. JAX has no variables; torch would patch `nn.Parameter.__new__`.
    """
    if name() != "tensorflow":
        yield
        return
    import tensorflow as tf

    def creator(next_creator, **kwargs):
        variable = next_creator(**kwargs)
        on_create(variable, sys._getframe(1))
        return variable

    with tf.variable_creator_scope(creator):
        yield


def gradients(model_fn, variables):
    """Gradient of the scalar `model_fn()` with respect to each variable (None: no gradient).

    TF gives None for a disconnected variable. JAX would give zeros (never None), so a JAX
    branch must check the graph structurally; torch gives `.grad is None`.
    """
    if name() != "tensorflow":
        raise NotImplementedError(f"the gradient probe does not support the {name()} backend yet")
    import tensorflow as tf

    with tf.GradientTape(watch_accessed_variables=False) as tape:
        for variable in variables:
            tape.watch(variable.value)
        loss = model_fn()
    return tape.gradient(loss, [v.value for v in variables], unconnected_gradients=tf.UnconnectedGradients.NONE)


def gradients_and_reads(objectives, variables):
    """For each callable of `objectives` (each runs a forward pass and returns a scalar, or None
    when it has nothing to differentiate): the ids of `variables` that get a gradient from it,
    and the ids of those the forward pass read at all (a tape's watched variables).

    A variable read but given no gradient went through stop_gradient, NumPy, round, argmax or an
    int cast; a variable never read is one call() does not use (or uses through a stale copy)."""
    if name() != "tensorflow":
        raise NotImplementedError(f"the gradient probe does not support the {name()} backend yet")
    import tensorflow as tf

    handles = {id(v.value): v for v in variables}
    trained, read = set(), set()
    for objective in objectives:
        with tf.GradientTape(watch_accessed_variables=True) as tape:
            loss = objective()
        read |= {id(handles[id(w)]) for w in tape.watched_variables() if id(w) in handles}
        if loss is None:
            continue
        try:
            grads = tape.gradient(loss, [v.value for v in variables],
                                  unconnected_gradients=tf.UnconnectedGradients.NONE)
        except Exception:  # noqa: BLE001 - TF cannot differentiate this graph: nothing is decided
            grads = [True] * len(variables)
        trained |= {id(v) for v, g in zip(variables, grads) if g is not None}
    return trained, read


@contextlib.contextmanager
def call_context_kept():
    """Keras's current call context as it was: a layer whose `__init__` never ran sets it and then
    fails (`_clear_losses`) before the `finally` that resets it, and every later call, in any
    model, would run inside that stale context."""
    from keras.src.backend.common import global_state

    before = global_state.get_global_attribute("current_call_ctx")
    try:
        yield
    finally:
        global_state.set_global_attribute("current_call_ctx", before)


def snapshot_random_state():
    """Every global random state a probe can advance: Python, NumPy, Keras and TF."""
    keras = keras_module()
    from keras.src.random import seed_generator

    from keras.src.backend.common import global_state

    state = {"python": random.getstate(), "numpy": np.random.get_state()}
    # After keras.utils.set_random_seed there is no global generator until the next unseeded
    # draw makes one: creating it here would change what that draw gives, so only note its absence.
    generator = global_state.get_global_attribute(seed_generator.GLOBAL_SEED_GENERATOR)
    state["keras"] = (generator, to_numpy(generator.state.value).copy() if generator is not None else None)
    if name() == "tensorflow":
        from tensorflow.python.eager import context

        ctx = context.context()
        rng = getattr(ctx, "_rng", None)
        state["tf_op_seeds"] = (ctx, rng.getstate() if rng is not None else None)
    del keras
    return state


def restore_random_state(state) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    from keras.src.backend.common import global_state
    from keras.src.random import seed_generator

    generator, value = state["keras"]
    if generator is not None:
        generator.state.assign(value)
    global_state.set_global_attribute(seed_generator.GLOBAL_SEED_GENERATOR, generator)
    if "tf_op_seeds" in state:
        ctx, rng_state = state["tf_op_seeds"]
        rng = getattr(ctx, "_rng", None)
        if rng is not None and rng_state is not None:
            rng.setstate(rng_state)


def is_keras_layer(value) -> bool:
    keras = keras_module()
    return isinstance(value, keras.layers.Layer)


def is_keras_layer_class(value) -> bool:
    keras = keras_module()
    return isinstance(value, type) and issubclass(value, keras.layers.Layer)


def own_variables(layer) -> list:
    """The variables a layer owns itself (not its sublayers'), as Keras 3 counts them."""
    return list(getattr(layer, "_trainable_variables", [])) + list(getattr(layer, "_non_trainable_variables", []))


def sublayers(layer) -> list:
    """Direct tracked sublayers (Keras 3 keeps them in `_layers`)."""
    return list(getattr(layer, "_layers", []))


def type_label(value) -> str:
    if isinstance(value, np.ndarray):
        return "ndarray"
    if is_native_variable(value):
        return "tf.Variable" if name() == "tensorflow" else "native variable"
    if is_keras_variable(value):
        return "keras.Variable"
    if name() == "tensorflow" and is_tensor(value):
        return "tf.Tensor"
    return type(value).__name__
