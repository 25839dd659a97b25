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
- tf.keras 2 (tf-keras, TF_USE_LEGACY_KERAS=1): the `is_tf_keras()` branches; it tracks every
  tf.Variable and has no keras.Variable, StatelessScope or global seed generator.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
import sys

import numpy as np

from . import locate

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


def is_tf_keras() -> bool:
    """tf.keras 2 (tf-keras) rather than Keras 3: the test TensorFlow itself makes to resolve
    `tensorflow.keras`, so a target's `tf.keras` and the inspector's Keras are the same."""
    return os.environ.get("TF_USE_LEGACY_KERAS") in ("true", "True", "1")


def keras_module():
    if is_tf_keras():
        import tf_keras

        return tf_keras
    import keras

    return keras


def name() -> str:
    return keras_module().backend.backend()


def keras_info() -> dict:
    keras = keras_module()
    return {"version": keras.__version__, "backend": name(), "package": "tf-keras" if is_tf_keras() else "keras"}


def flavour_target() -> str:
    """The target findings speak of: "tf-keras" on tf.keras 2, else "keras3" (vocab.TARGETS)."""
    return "tf-keras" if is_tf_keras() else "keras3"


def is_keras_variable(value) -> bool:
    """A variable Keras tracks when a layer holds it. tf.keras 2 has no keras.Variable: its
    weights are tf.Variables, and it tracks every tf.Variable set on a layer."""
    if is_tf_keras():
        import tensorflow as tf

        return isinstance(value, tf.Variable)
    keras = keras_module()
    return isinstance(value, keras.Variable)


def value_of(variable):
    """The current value of a variable as a tensor (keras.Variable.value; tf.Variable.value())."""
    value = variable.value
    return value() if callable(value) else value


def tape_handle(variable):
    """What a GradientTape watches for a variable: the tf.Variable inside a keras.Variable, or
    the tf.Variable itself on tf.keras 2."""
    return variable if is_tf_keras() else variable.value


def variable_path(variable) -> str:
    """`dense/kernel` (Keras 3 `.path`; tf.keras 2 has only the name, `dense/kernel:0`)."""
    path = getattr(variable, "path", None)
    if isinstance(path, str):
        return path
    return str(getattr(variable, "name", "?")).rpartition(":")[0] or str(getattr(variable, "name", "?"))


def flatten(structure) -> list:
    if is_tf_keras():
        import tensorflow as tf

        return tf.nest.flatten(structure)
    return keras_module().tree.flatten(structure)


def map_structure(function, structure):
    if is_tf_keras():
        import tensorflow as tf

        return tf.nest.map_structure(function, structure)
    return keras_module().tree.map_structure(function, structure)


def is_symbolic_tensor(value) -> bool:
    """A KerasTensor (symbolic: no values), on either Keras."""
    return type(value).__name__ == "KerasTensor"


def float32_sum(value):
    """sum(value) as a float32 scalar tensor, differentiable."""
    if is_tf_keras():
        import tensorflow as tf

        return tf.reduce_sum(tf.cast(value, "float32"))
    keras = keras_module()
    return keras.ops.sum(keras.ops.cast(value, "float32"))


def stop_gradient(value):
    if is_tf_keras():
        import tensorflow as tf

        return tf.stop_gradient(value)
    return keras_module().ops.stop_gradient(value)


def _parameters(function) -> set:
    import inspect

    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return {"training"}
    return {p.name for p in parameters} | ({"training"} if any(p.kind is p.VAR_KEYWORD for p in parameters) else set())


def overridden_training_hooks(model) -> list[str]:
    """The training hooks of Keras's Model that the model's own (user) classes override:
    `compute_loss`, `train_step`... fit() goes through them, so they may train weights the
    outputs of call() never reach (a VAE's decoder used only in compute_loss)."""
    from .locate import is_user_class

    out = []
    for hook in ("compute_loss", "train_step"):
        for klass in type(model).__mro__:
            if hook in vars(klass):
                if is_user_class(klass):
                    out.append(hook)
                break
    return out


def compiled_loss(model, inputs, targets, outputs):
    """The model's compiled loss on `outputs`, or None when it was not compiled with a loss and
    does not override compute_loss() itself. The metric variables and the non-trainable state
    (seed generators) the call updates are put back."""
    own = "compute_loss" in overridden_training_hooks(model)
    if is_tf_keras():
        if not own and (not getattr(model, "_is_compiled", False) or getattr(model, "compiled_loss", None) is None):
            return None
        trackers = [v for metric in getattr(model, "metrics", []) for v in metric.variables]
        call = lambda: model.compute_loss(x=inputs, y=targets, y_pred=outputs)  # noqa: E731
    else:
        if not own and (not getattr(model, "compiled", False) or getattr(model, "loss", None) is None):
            return None
        trackers = list(getattr(model, "metrics_variables", []) or [])
        call = lambda: model.compute_loss(x=inputs, y=targets, y_pred=outputs, training=True)  # noqa: E731
        if own and "training" not in _parameters(type(model).compute_loss):
            call = lambda: model.compute_loss(x=inputs, y=targets, y_pred=outputs)  # noqa: E731 - a Keras 2 signature
    if own:
        trackers += [v for v in getattr(model, "non_trainable_variables", []) or [] if all(v is not t for t in trackers)]
    saved = [to_numpy(value_of(v)).copy() for v in trackers]
    try:
        return call()
    finally:
        for variable, value in zip(trackers, saved):
            variable.assign(value)


def is_native_variable(value) -> bool:
    """A backend variable Keras 3 does not track (LD003): a tf.Variable, a torch.nn.Parameter.
    JAX has none (a JAX array is a value; see `made_by_backend`). tf.keras 2 tracks every
    tf.Variable: none."""
    if is_tf_keras() or is_keras_variable(value):
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


def is_sparse_tensor(value) -> bool:
    """A tf.SparseTensor (`tf.sparse.from_dense(self.kernel)` in build(): ESN cells, held-out 34)."""
    if name() != "tensorflow":
        return False
    import tensorflow as tf

    return isinstance(value, tf.SparseTensor) and _is_eager(value.values)


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


def looks_hand_written(value) -> bool:
    """Values a person wrote down (a fixed filter, a lookup table): a few distinct values, each used
    several times. An initialiser gives all-distinct random values, or one constant (zeros, ones)."""
    try:
        array = to_numpy(value).ravel()
    except Exception:  # noqa: BLE001
        return False
    if array.size < 4 or not np.all(np.isfinite(array)):
        return False
    distinct = np.unique(np.round(array, 6)).size
    # (whole numbers, not all one value: a Sobel filter [-1, 0, 1, ...] is written, never initialised)
    return 1 < distinct and (distinct <= array.size // 3 or bool(np.all(array == np.round(array))))


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

    handles = {id(tape_handle(v)): v for v in variables}
    trained, read = set(), set()
    for objective in objectives:
        with tf.GradientTape(watch_accessed_variables=True) as tape:
            loss = objective()
        read |= {id(handles[id(w)]) for w in tape.watched_variables() if id(w) in handles}
        if loss is None:
            continue
        try:
            grads = tape.gradient(loss, [tape_handle(v) for v in variables],
                                  unconnected_gradients=tf.UnconnectedGradients.NONE)
        except Exception:  # noqa: BLE001 - TF cannot differentiate this graph: nothing is decided
            grads = [True] * len(variables)
        # sign() has a registered gradient that is all zeros (round's is None): a gradient of
        # exactly zero everywhere on a non-zero weight is checked on the traced graph, as torch's is
        zeros = [v for v, g in zip(variables, grads) if g is not None and g is not True and _all_zero(g)
                 and not _all_zero(v)]
        blocked = _tf_zero_derivative_only(objective, zeros) if zeros else set()
        trained |= {id(v) for v, g in zip(variables, grads) if g is not None and id(v) not in blocked}
    return trained, read


def _all_zero(value) -> bool:
    # reduced by the backend: a NumPy copy of every gradient would cost a copy of the weights
    # (tests/test_robustness.py holds inspect's NumPy allocations far below one)
    try:
        import keras

        return not bool(keras.ops.convert_to_numpy(keras.ops.any(keras.ops.not_equal(value, 0))))
    except Exception:  # noqa: BLE001 - an IndexedSlices or an odd value: not judged
        return False


# TF ops whose derivative is zero (or None) everywhere; the condition of a select is not differentiated
_TF_ZERO_DERIVATIVE = {"Sign", "Round", "Rint", "Floor", "Ceil", "ArgMax", "ArgMin", "StopGradient",
                       "Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual",
                       "LogicalAnd", "LogicalOr", "LogicalNot", "IsNan", "IsFinite", "IsInf", "Shape", "Size", "Rank",
                       "ZerosLike", "OnesLike"}


def _tf_zero_derivative_only(objective, variables) -> set:
    """Ids of `variables` that the objective, traced as a TF graph, reaches only through ops
    whose derivative is zero (sign, round, floor, comparisons, the condition of a where()): a zero
    gradient by structure, not by the values (a zero-initialised layer downstream, dead ReLUs).
    Anything the walk cannot follow (a nested function call) counts as a path: nothing is claimed."""
    import tensorflow as tf

    try:
        graph = tf.function(objective, autograph=False).get_concrete_function().graph
    except Exception:  # noqa: BLE001 - not traceable (state made per call...): nothing is claimed
        return set()
    finally:
        try:  # tracing ran call() on symbolic tensors: attributes it sets get eager values again
            objective()
        except Exception:  # noqa: BLE001
            pass
    placeholders = {}
    for external, internal in graph.captures:
        for v in variables:
            if external is getattr(tape_handle(v), "handle", None):
                placeholders[id(internal.op)] = v
    if len(placeholders) < len(variables):
        return set()  # a variable not captured by handle: not decided here
    reached, seen = set(), set()
    stack = [t.op for t in graph.outputs]
    while stack:
        op = stack.pop()
        if id(op) in seen:
            continue
        seen.add(id(op))
        if id(op) in placeholders:
            reached.add(id(placeholders[id(op)]))
            continue
        if op.type in _TF_ZERO_DERIVATIVE or (op.type == "Cast" and not op.outputs[0].dtype.is_floating):
            continue
        if op.type.endswith("PartitionedCall") or op.type in ("While", "StatelessWhile", "If", "StatelessIf"):
            return set()  # a nested function: not walked, so nothing is claimed
        inputs = list(op.inputs)[1:] if op.type in ("Select", "SelectV2") else list(op.inputs)
        stack.extend(t.op for t in inputs)
    return {id(v) for v in variables if id(v) not in reached}


def no_gradient_means() -> str:
    """How the backend shows a weight with no gradient, for LD009's message."""
    return {"tensorflow": "TensorFlow gives it a None gradient, or an all-zero one when every path to it "
                          "crosses an op whose derivative is zero, such as sign()",
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
    model, would run inside that stale context. tf.keras 2 keeps its call context per thread
    and resets it in a `finally` that such a layer cannot skip: nothing to keep."""
    if is_tf_keras():
        yield
        return
    from keras.src.backend.common import global_state

    before = global_state.get_global_attribute("current_call_ctx")
    try:
        yield
    finally:
        global_state.set_global_attribute("current_call_ctx", before)


def snapshot_random_state():
    """Every global random state a probe can advance: Python, NumPy, Keras and TF (tf.keras 2
    draws from TF's op seeds: it has no generator of its own)."""
    state = {"python": random.getstate(), "numpy": np.random.get_state()}
    if not is_tf_keras():
        from keras.src.backend.common import global_state
        from keras.src.random import seed_generator

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
    return state


def restore_random_state(state) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    if "keras" in state:
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


def other_keras_hint(value) -> str:
    """Why a model is not a layer here: it was built with the other Keras (a target importing
    `keras` while the inspection runs tf.keras 2, or `tf_keras` on Keras 3); else ""."""
    package = type(value).__module__.split(".")[0]
    if is_tf_keras() and package == "keras":
        return ("; it is a Keras 3 object and this inspection runs tf.keras 2 (--keras tf-keras or "
                "TF_USE_LEGACY_KERAS=1): build it with tensorflow.keras or tf_keras, or inspect with --keras keras3")
    if not is_tf_keras() and package == "tf_keras":
        return ("; it is a tf.keras 2 object (tf_keras): inspect it with --keras tf-keras "
                "(in Python: TF_USE_LEGACY_KERAS=1 before TensorFlow is imported)")
    return ""


def is_keras_layer_class(value) -> bool:
    keras = keras_module()
    return isinstance(value, type) and issubclass(value, keras.layers.Layer)


def own_variables(layer) -> list:
    """The variables a layer owns itself (not its sublayers'), as Keras counts them (tf.keras 2
    keeps them in `_trainable_weights`, where every tf.Variable set on the layer lands)."""
    if is_tf_keras():
        return list(getattr(layer, "_trainable_weights", [])) + list(getattr(layer, "_non_trainable_weights", []))
    return list(getattr(layer, "_trainable_variables", [])) + list(getattr(layer, "_non_trainable_variables", []))


def sublayers(layer) -> list:
    """Direct tracked sublayers (Keras 3 keeps them in `_layers`; tf.keras 2 among its tracked
    objects, `_self_tracked_trackables`)."""
    if is_tf_keras():
        return [t for t in getattr(layer, "_self_tracked_trackables", []) if is_keras_layer(t)]
    return list(getattr(layer, "_layers", []))


def is_functional_model(layer) -> bool:
    """A functional (or Sequential) model: it calls its layers from its graph, not from user code."""
    if is_tf_keras():
        return bool(getattr(layer, "_is_graph_network", False))
    return hasattr(layer, "_operations")


def built_input_shapes(layer) -> list:
    """The input shapes a layer was built for (Keras 3 `_build_shapes_dict`; tf.keras 2
    `_build_input_shape`), [] when unknown."""
    if is_tf_keras():
        shape = getattr(layer, "_build_input_shape", None)
        return [] if shape is None else [shape]
    return list((getattr(layer, "_build_shapes_dict", None) or {}).values())


def type_label(value) -> str:
    if isinstance(value, np.ndarray):
        return "ndarray"
    if is_native_variable(value):
        return native_label()
    if is_keras_variable(value):
        return "tf.Variable" if is_tf_keras() else "keras.Variable"
    if is_tensor(value):
        return {"tensorflow": "tf.Tensor", "jax": "jax.Array", "torch": "torch.Tensor"}.get(name(), "tensor")
    return type(value).__name__


# -- shape-only builds (Keras 3, every backend) ------------------------------------------

@contextlib.contextmanager
def no_allocation():
    """Variables created inside get a shape and a dtype but no value: nothing is allocated.

    `keras.StatelessScope(initialize_variables=False)` leaves each such variable on Keras's list
    of pending variables, and the next default `StatelessScope` to close anywhere in the process
    (Keras opens one for every symbolic call) would allocate them all (BEHAVIOUR.md section 5).
    So the list is put back as it was on the way out: the variables made here stay valueless."""
    keras = keras_module()
    if not hasattr(keras, "StatelessScope"):
        from ..errors import UsageError

        raise UsageError(f"--shape-only needs Keras 3 (keras.StatelessScope); this is Keras {keras.__version__}")
    from keras.src.backend.common import global_state

    pending_before = list(global_state.get_global_attribute("uninitialized_variables") or [])
    variable_class = keras.Variable
    original_init = variable_class.__init__

    def init_with_value(variable, initializer, *args, **kwargs):
        # Keras refuses a variable given a value (`keras.Variable(np.ones(3))`) inside a
        # StatelessScope; the value already exists, so it is created as usual, outside the scope.
        if callable(initializer) or isinstance(initializer, str):
            return original_init(variable, initializer, *args, **kwargs)
        scope = global_state.get_global_attribute("stateless_scope")
        global_state.set_global_attribute("stateless_scope", None)
        try:
            return original_init(variable, initializer, *args, **kwargs)
        finally:
            global_state.set_global_attribute("stateless_scope", scope)

    variable_class.__init__ = init_with_value
    try:
        with keras.StatelessScope(initialize_variables=False):
            yield
    finally:
        variable_class.__init__ = original_init
        global_state.set_global_attribute("uninitialized_variables", pending_before)


@contextlib.contextmanager
def eager_builds():
    """Layers built during a symbolic call run their build() eagerly, as on real data: what
    build() makes (tf.Variables, tensors) is concrete, not a node of the scratch graph. TF: build
    under `tf.init_scope()`; the other backends trace without a graph to leave."""
    if name() != "tensorflow":
        yield
        return
    import tensorflow as tf

    layer_class = keras_module().layers.Layer
    original = layer_class._maybe_build

    def maybe_build_eagerly(layer, call_spec):
        if layer.built:
            return original(layer, call_spec)
        with tf.init_scope():
            return original(layer, call_spec)

    layer_class._maybe_build = maybe_build_eagerly
    try:
        yield
    finally:
        layer_class._maybe_build = original


def symbolic_call(layer, inputs, traced=lambda layer: False):
    """`layer(inputs)` on KerasTensors, without computing values.

    A built functional model runs its graph on KerasTensors, each operation called through its
    __call__ (so its calls are recorded) and giving its output spec as Keras computes it: a
    library layer with compute_output_shape is not traced, so the layers inside it are not called
    (a 70B-parameter keras-hub backbone takes seconds, where tracing every op takes minutes). The
    layers `traced(layer)` names (the user's own, Lambdas) are traced whole, as is anything that
    is not a built functional model, by the backend's compute_output_spec (a TF scratch graph, a
    JAX trace, torch meta tensors): every sublayer's __call__ runs, as on real data."""
    from keras.src.backend import compute_output_spec

    if getattr(layer, "_operations", None) is None or not layer.built:
        return compute_output_spec(layer, inputs)
    layer_class = keras_module().layers.Layer
    original = layer_class.symbolic_call

    def symbolic(operation, *args, **kwargs):
        if operation is layer:  # its graph, each operation through __call__ (Keras would skip it)
            return operation.call(*args, **kwargs)
        if traced(operation):
            return compute_output_spec(operation.call, *args, **kwargs)
        return original(operation, *args, **kwargs)

    layer_class.symbolic_call = symbolic
    try:
        return layer(inputs)
    finally:
        layer_class.symbolic_call = original


def is_allocated(variable) -> bool:
    """False for a variable made under `no_allocation()`: reading its value would run its
    initializer and allocate the whole tensor."""
    return not is_keras_variable(variable) or variable._value is not None


@contextlib.contextmanager
def weights_memory_guard(limit_bytes: int, on_exceed):
    """Call `on_exceed(bytes so far)` (which raises) before a Keras variable created inside the
    block would bring the bytes of the variables created so far over `limit_bytes`: the check
    comes before the allocation, so a model far too big for the machine fails at once instead
    of being killed by the kernel. Keras 3: the hook is the variable class's
    `_initialize_with_initializer` (every `add_weight` with an initializer goes through it)."""
    variable_class = getattr(keras_module(), "Variable", None)  # tf.keras 2 has none
    original = getattr(variable_class, "_initialize_with_initializer", None)
    if original is None:  # another Keras: no guard
        yield
        return
    created = [0]

    def guarded(variable, initializer):
        size = int(np.prod(variable._shape, dtype=np.int64)) * itemsize_of(variable)
        if created[0] + size > limit_bytes:
            on_exceed(created[0] + size)
        created[0] += size
        return original(variable, initializer)

    locate.pass_through(guarded)  # a variable created under it still has the user's line
    own = "_initialize_with_initializer" in vars(variable_class)
    variable_class._initialize_with_initializer = guarded
    try:
        yield
    finally:
        if own:
            variable_class._initialize_with_initializer = original
        else:  # it was inherited: inherit it again
            del variable_class._initialize_with_initializer


def _native(variable):
    """The backend object behind a variable: a keras.Variable's own value (None while its
    initialization is deferred), or the backend variable itself (tf.keras 2's are tf.Variables)."""
    return getattr(variable, "_value", None) if is_keras_variable(variable) and not is_tf_keras() else variable


def read_value(variable):
    """The variable's value now, as an immutable array-like that stays as it is whatever is
    written to the variable later, as cheaply as the backend allows; None when it has no value yet.

    TF: a read shares the variable's buffer, and TF copies a buffer that is still shared before
    any write to it (assign, scatter, raw ops, tf.function and XLA alike): holding a read costs
    nothing until the variable is written. Other backends: a NumPy copy (JAX arrays are
    immutable, so holding the array itself would do)."""
    native = _native(variable)
    if native is None:
        return None
    if name() == "tensorflow":
        return native.read_value()
    return to_numpy(native)
