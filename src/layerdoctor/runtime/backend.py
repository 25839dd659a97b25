"""Everything that differs between Keras backends, in one place.

Keras 3 on TensorFlow, JAX and PyTorch. A function whose answer depends on the backend branches
on `name()` here; the probes never ask which backend runs. What differs (BEHAVIOUR.md):
- native variables: a `tf.Variable` (TF) or a `torch.nn.Parameter` (torch) on a layer is not a
  Keras weight (LD003); JAX has none, its arrays are plain values;
- a torch layer is a `torch.nn.Module`: sublayers and parameters live in `_modules` and
  `_parameters`, not in the instance `__dict__` (`attributes`);
- gradients: TF says None for a disconnected weight; JAX gives zeros, so the traced computation
  (jaxpr) decides; torch's autograd graph decides (`gradients_and_reads`);
- global random state: TF op seeds, torch's generator (`snapshot_random_state`).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
import sys

import numpy as np

BACKENDS = ("tensorflow", "jax", "torch")
# the pip extra that installs each backend with layerdoctor
_EXTRA = {"tensorflow": "runtime", "jax": "jax", "torch": "torch"}


def missing(backend_name: str) -> str | None:
    """One line saying what to install when Keras 3 or `backend_name` is not installed, else None.
    Checked before Keras is imported: Keras fails on import with a missing backend."""
    if backend_name not in BACKENDS:
        return f"unknown Keras backend {backend_name!r}: use one of {', '.join(BACKENDS)}"
    for module in ("keras", backend_name):
        if importlib.util.find_spec(module) is None:
            return (f"the {backend_name} backend is not installed here (no module {module!r}): "
                    f"pip install 'layerdoctor[{_EXTRA[backend_name]}]'")
    return None


def requested() -> str:
    """The backend Keras will use once imported: KERAS_BACKEND, else Keras's own setting
    (~/.keras/keras.json), else its default, TensorFlow."""
    chosen = os.environ.get("KERAS_BACKEND")
    if chosen:
        return chosen
    try:
        import json

        folder = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
        with open(os.path.join(folder, "keras.json"), encoding="utf-8") as handle:
            return str(json.load(handle).get("backend") or "tensorflow")
    except (OSError, ValueError, AttributeError):
        return "tensorflow"


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
    """A backend variable Keras 3 does not track (LD003): a tf.Variable, a torch.nn.Parameter.
    JAX has none (a JAX array is a value; see `made_by_backend`)."""
    if is_keras_variable(value):
        return False
    backend = name()
    if backend == "tensorflow":
        import tensorflow as tf

        return isinstance(value, tf.Variable)
    if backend == "torch":
        import torch

        return isinstance(value, torch.nn.Parameter)
    return False


def is_tensor(value) -> bool:
    """A concrete tensor or array (not a variable): weight-like state if it holds floats."""
    if isinstance(value, np.ndarray):
        return True
    backend = name()
    if backend == "tensorflow":
        import tensorflow as tf

        return isinstance(value, tf.Tensor) and not isinstance(value, tf.Variable) and _is_eager(value)
    if backend == "jax":
        import jax

        # a tracer left on self by a traced call has no values (it is the leaked-tracer bug)
        return isinstance(value, jax.Array) and not isinstance(value, jax.core.Tracer)
    if backend == "torch":
        import torch

        return isinstance(value, torch.Tensor) and not isinstance(value, torch.nn.Parameter) \
            and value.device.type != "meta"
    return False


def is_live_view(value) -> bool:
    """A torch tensor that is a view of a parameter (`ops.transpose(self.kernel)` in build()): it
    reads the variable's memory, so it follows every update and passes gradients to it (BEHAVIOUR.md
    LD010a: harmless on torch). Other backends copy: their tensors are state of their own."""
    if name() != "torch":
        return False
    import torch

    return isinstance(getattr(value, "_base", None), torch.nn.Parameter)


def is_leaked_tracer(value) -> bool:
    """A JAX tracer kept on a layer after the trace that made it ended (UnexpectedTracerError)."""
    if name() != "jax":
        return False
    import jax

    return isinstance(value, jax.core.Tracer)


def made_by_backend(statement: str) -> bool:
    """On JAX, a weight-like array assigned by a statement that calls jax.numpy/jax.random is the
    backend's own kind of state (LD003, as `lint` calls it), not a keras.ops tensor (LD001): both
    are jax.Arrays, so the source line is what tells them apart. Elsewhere native state has its
    own type (`is_native_variable`)."""
    if name() != "jax":
        return False
    import re

    return bool(re.search(r"\b(jax|jnp)\.", statement or ""))


def attributes(layer) -> dict:
    """What a layer holds as attributes. On torch a Keras layer is a torch.nn.Module, which keeps
    sublayers and nn.Parameters in its own registries, not in the instance __dict__."""
    found = dict(vars(layer))
    if name() == "torch":
        for registry in ("_parameters", "_buffers", "_modules"):
            for key, value in (found.get(registry) or {}).items():
                if key != "_torch_params" and value is not None:  # Keras's mirror of its own weights
                    found.setdefault(key, value)
    return found


def native_consequence() -> str:
    """What happens to the backend's own state on a Keras 3 layer (BEHAVIOUR.md, LD003)."""
    return {"tensorflow": "Keras 3 does not track it (a tf.GradientTape and tf.train.Checkpoint still see it, "
                          "Keras's optimizer and .keras files do not)",
            "torch": "torch registers it on the layer (layer.parameters() lists it and backward() fills its "
                     ".grad), but Keras does not: not counted, never updated by fit(), not saved",
            "jax": "to Keras it is a constant: not counted, never trained, not saved"}.get(name(), "")


def native_label() -> str:
    """What the backend's untracked variables are called in messages."""
    return {"tensorflow": "tf.Variable", "torch": "torch.nn.Parameter", "jax": "JAX array"}.get(name(), "variable")


def _is_eager(value) -> bool:
    # A symbolic (graph) tensor left on self by a traced call has no values to count.
    return hasattr(value, "numpy")


def size_of(value) -> int:
    shape = getattr(value, "shape", ())
    try:
        return int(np.prod([int(d) for d in shape])) if len(shape) else 1
    except (TypeError, ValueError):
        return 0


def dtype_name(value) -> str:
    """`float32` for a NumPy, TF (`tf.float32`), JAX or torch (`torch.float32`) dtype."""
    dtype = getattr(value, "dtype", "")
    return str(getattr(dtype, "name", dtype)).replace("torch.", "").replace("bool_", "bool")


def itemsize_of(value) -> int:
    """Bytes per value of a variable or tensor (4 for float32); 0 when its dtype is unknown."""
    try:
        return int(np.dtype(dtype_name(value)).itemsize)
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


def to_numpy(value) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch tensor or parameter (.numpy() refuses one that has grad)
        return np.array(value.detach().cpu().numpy())
    if hasattr(value, "numpy"):
        return np.array(value.numpy())
    return np.array(value)


def assign(variable, value) -> None:
    """Put `value` (a NumPy array) back into a Keras or native variable."""
    if hasattr(variable, "assign"):
        variable.assign(value)
        return
    import torch  # an nn.Parameter: the only native variable without assign()

    with torch.no_grad():
        variable.copy_(torch.as_tensor(value, dtype=variable.dtype, device=variable.device))


@contextlib.contextmanager
def watch_native_variables(on_create):
    """Call `on_create(variable, frame)` for every variable created inside the block (`frame`:
    the frame that asked for it, to find the user's line).

    TF: `tf.variable_creator_scope` sees `tf.Variable(...)` and the tf.Variable inside each
    `keras.Variable`. JAX and torch: the Keras variables being constructed, and on torch every
    `nn.Parameter` made outside one (a Keras variable makes its own Parameter inside).
    """
    backend = name()
    if backend == "tensorflow":
        import tensorflow as tf

        def creator(next_creator, **kwargs):
            variable = next_creator(**kwargs)
            on_create(variable, sys._getframe(1))
            return variable

        with tf.variable_creator_scope(creator):
            yield
        return
    from keras.src.backend.common.variables import Variable

    original_init = Variable.__init__
    inside_keras_variable = [0]

    def watching_init(variable, *args, **kwargs):
        inside_keras_variable[0] += 1
        try:
            original_init(variable, *args, **kwargs)
        finally:
            inside_keras_variable[0] -= 1
        on_create(variable, sys._getframe(1))

    Variable.__init__ = watching_init
    parameter_new = None
    if backend == "torch":
        import torch

        parameter_new = torch.nn.Parameter.__new__

        def watching_new(cls, *args, **kwargs):
            parameter = parameter_new(cls, *args, **kwargs)
            if not inside_keras_variable[0]:
                on_create(parameter, sys._getframe(1))
            return parameter

        torch.nn.Parameter.__new__ = watching_new
    try:
        yield
    finally:
        Variable.__init__ = original_init
        if parameter_new is not None:
            torch.nn.Parameter.__new__ = parameter_new


def gradients_and_reads(objectives, variables):
    """For each callable of `objectives` (each runs a forward pass and returns a scalar, or None
    when it has nothing to differentiate): the ids of `variables` that get a gradient from it,
    and the ids of those the forward pass read at all.

    A variable read but given no gradient went through stop_gradient, NumPy, round, argmax or an
    int cast; a variable never read is one call() does not use (or uses through a stale copy).
    How "gets a gradient" is decided differs per backend:
    - TF: the tape's gradient is None for a disconnected variable;
    - JAX: a gradient is never None (zeros instead), so the objective is traced with the
      variables as inputs (`jax.make_jaxpr`) and linearized: a variable is trained when the
      derivative's computation depends on it, read when the forward computation does;
    - torch: the autograd graph is walked from the objective: a variable is trained when a path
      reaches it without crossing an operation whose derivative is zero (round, floor, sign).
    """
    backend = name()
    if backend == "jax":
        return _jax_gradients_and_reads(objectives, variables)
    if backend == "torch":
        return _torch_gradients_and_reads(objectives, variables)
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


def no_gradient_means() -> str:
    """How the backend shows a weight with no gradient, for LD009's message."""
    return {"tensorflow": "TensorFlow gives it a None gradient",
            "jax": "on JAX: the traced computation (jaxpr) has no differentiable path to it; jax.grad gives "
                   "it zeros, never None, or fails when call() turns it into NumPy",
            "torch": "on torch: the autograd graph has no differentiable path to it; its .grad stays None, "
                     "or zero through round/sign"}.get(name(), "")


def _jax_gradients_and_reads(objectives, variables):
    floats = [v for v in variables if is_float(v)]
    trained = {id(v) for v in variables if not is_float(v)}  # not differentiable: not judged
    read: set[int] = set()
    for objective in objectives:
        traced = _jax_trace(objective, floats)
        if traced is None:
            # call() turns a weight into NumPy or a Python number (TracerArrayConversionError,
            # which Keras may re-wrap): that weight leaves the traced computation. Trace one
            # weight at a time to find which.
            more_trained, more_read = _jax_one_at_a_time(objective, floats)
            trained |= more_trained
            read |= more_read
            continue
        used_forward, used_derivative = traced
        read |= {id(v) for v, used in zip(floats, used_forward) if used}
        trained |= {id(v) for v, used in zip(floats, used_derivative) if used}
    return trained, read


def _jax_trace(objective, variables):
    """(variables the objective reads, variables its derivative depends on), each a list of bools
    over `variables`: the objective is traced with the variables as inputs (through a StatelessScope,
    as stateless_call does), then linearized, and the derivative's jaxpr says which inputs it
    depends on (dead code removed). None when it cannot be traced."""
    import jax

    keras = keras_module()
    produced = []

    def run(values):
        with keras.StatelessScope(state_mapping=list(zip(variables, values))):
            loss = objective()
        produced.append(loss is not None)
        return keras.ops.convert_to_tensor(0.0) if loss is None else loss

    values = [v.value for v in variables]
    try:
        with _reads_recorded() as reads:
            jax.make_jaxpr(run)(values)
    except Exception:  # noqa: BLE001 - see _jax_gradients_and_reads
        return None
    read = [id(v) in reads for v in variables]
    if not produced[-1]:
        return read, [False] * len(variables)
    _, derivative = jax.linearize(run, values)
    return read, _used_inputs(jax.make_jaxpr(derivative)(values))


def _jax_one_at_a_time(objective, floats):
    """(trained, read) when the objective cannot be traced with every weight abstract: each weight
    alone is traced; one whose tracing fails is read and then made concrete (NumPy, float()), so
    no gradient reaches it. When it fails with no weight traced, nothing is decided: all count
    as trained."""
    if _jax_trace(objective, []) is None:
        every = {id(v) for v in floats}
        return every, every
    trained, read = set(), set()
    for variable in floats:
        traced = _jax_trace(objective, [variable])
        if traced is None:
            read.add(id(variable))  # read, then turned into a constant: no gradient
            continue
        (used_forward,), (used_derivative,) = traced
        if used_forward:
            read.add(id(variable))
        if used_derivative:
            trained.add(id(variable))
    return trained, read


def _used_inputs(closed_jaxpr) -> list[bool]:
    """Which inputs of a traced computation its outputs depend on (dead code removed), the
    flattened inputs in order."""
    from jax._src.interpreters import partial_eval

    jaxpr = closed_jaxpr.jaxpr
    _, used = partial_eval.dce_jaxpr(jaxpr, [True] * len(jaxpr.outvars))
    return list(used)


# torch operations whose derivative is zero everywhere: a weight reached only through them is
# in the graph but never trained (BEHAVIOUR.md: torch `round` gives a zero gradient, not None)
_TORCH_ZERO_DERIVATIVE = ("RoundBackward", "FloorBackward", "CeilBackward", "SignBackward", "SgnBackward",
                          "TruncBackward")


def _torch_gradients_and_reads(objectives, variables):
    parameters = {id(v.value): v for v in variables}
    trained, read = set(), set()
    for objective in objectives:
        with _reads_recorded() as reads:
            loss = objective()
        read |= {id(v) for v in variables if id(v) in reads}
        if loss is None or getattr(loss, "grad_fn", None) is None:
            continue
        stack, seen = [loss.grad_fn], set()
        while stack:
            node = stack.pop()
            if node is None or node in seen:
                continue
            seen.add(node)
            if type(node).__name__.startswith(_TORCH_ZERO_DERIVATIVE):
                continue
            leaf = getattr(node, "variable", None)  # AccumulateGrad: a leaf the gradient reaches
            if leaf is not None and id(leaf) in parameters:
                trained.add(id(parameters[id(leaf)]))
            stack.extend(child for child, _ in node.next_functions)
    return trained, read


@contextlib.contextmanager
def _reads_recorded():
    """The ids of the Keras variables whose value is read inside the block."""
    keras = keras_module()
    cls = next((c for c in type.mro(keras.Variable) if "value" in c.__dict__), keras.Variable)
    original = cls.__dict__.get("value")
    reads: set[int] = set()
    if not isinstance(original, property):
        yield reads
        return

    def reading(variable):
        reads.add(id(variable))
        return original.fget(variable)

    cls.value = property(reading)
    try:
        yield reads
    finally:
        cls.value = original


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
    backend = name()
    if backend == "tensorflow":
        from tensorflow.python.eager import context

        ctx = context.context()
        rng = getattr(ctx, "_rng", None)
        state["tf_op_seeds"] = (ctx, rng.getstate() if rng is not None else None)
    elif backend == "torch":  # torch.randn in a layer draws from torch's own generator
        import torch

        state["torch"] = torch.get_rng_state()
    # JAX has no global random state: its keys are explicit values
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
    if "torch" in state:
        import torch

        torch.set_rng_state(state["torch"])


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
        return native_label()
    if is_keras_variable(value):
        return "keras.Variable"
    if is_tensor(value):
        return {"tensorflow": "tf.Tensor", "jax": "jax.Array", "torch": "torch.Tensor"}.get(name(), "tensor")
    return type(value).__name__
