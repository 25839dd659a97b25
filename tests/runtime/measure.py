"""Measure a case on the Keras and backend of this process, with Keras alone (no layerdoctor):
what BEHAVIOUR.md measured per flavour with ../shared/behaviour/harness.py, in its eager mode.

    measure("ld009a_unused_weight__k3") -> {"weights": (2, 15), "grads": {"bias": "none"}}
                                        or {"raises": "AttributeError"}

- weights: (len(layer.weights), parameters) of the layer under test after two calls on data;
- grads: the trainable weights of that layer whose gradient of sum(outputs) is "none" (TF's
  tape, torch's .grad after backward()), "zero" (all zeros: what JAX gives a disconnected weight)
  or "raises <Error>" (the gradient computation failed); weights with a real gradient are left out;
- raises: the type of the exception that constructing or calling raised first.
"""

from __future__ import annotations

import numpy as np
from runtime_helpers import load_case


def measure(name: str) -> dict:
    import keras

    # initial weights from a fixed seed: with weights drawn from whatever state earlier tests left,
    # a ReLU can be dead on these inputs and give a real weight an all-zero gradient
    keras.utils.set_random_seed(0)
    case = load_case(name)
    try:
        model, layer, inputs = _build(case)
        model(inputs)
        model(inputs)
    except Exception as error:  # noqa: BLE001 - the exception is the measurement
        return {"raises": type(error).__name__}
    weights = layer.weights
    result = {"weights": (len(weights), int(sum(np.prod(w.shape) for w in weights)))}
    mine = {id(v) for v in layer.trainable_weights}
    variables = [v for v in model.trainable_weights if id(v) in mine]
    if variables:
        grads = _gradients(keras, model, inputs, variables)
        names = [_attribute(layer, v) for v in variables]
        if isinstance(grads, str):
            result["grads"] = dict.fromkeys(names, grads)
        else:
            result["grads"] = {n: g for n, g in zip(names, grads) if g != "ok"}
    return result


def _build(case):
    """(model to call, layer under test, inputs): a case's functional model, or make() on SHAPE.
    Inputs are backend tensors, as in training (`array * tracer` would fail inside NumPy)."""
    import keras

    rng = np.random.default_rng(0)
    if hasattr(case, "make_functional"):
        built = case.make_functional()
        model, layer = built if isinstance(built, tuple) else (built, built)
        try:
            specs = [(t.shape, t.dtype) for t in model.inputs]
        except (AttributeError, ValueError):  # a subclassed model: the case names its inputs
            specs = [((None, *shape), "float32") for shape in case.INPUTS]
        arrays = [keras.ops.convert_to_tensor(_array(shape, dtype, rng)) for shape, dtype in specs]
        return model, layer, arrays[0] if len(arrays) == 1 else arrays
    layer = case.make()
    return layer, layer, keras.ops.convert_to_tensor(rng.standard_normal((2, *case.SHAPE)).astype("float32"))


def _array(shape, dtype, rng):
    shape = tuple(2 if i == 0 else (8 if d is None else int(d)) for i, d in enumerate(shape))
    if "int" in str(dtype):
        return np.zeros(shape, str(dtype))
    return rng.standard_normal(shape).astype(str(dtype))


def _attribute(layer, variable) -> str:
    """`bias`: the attribute holding the variable, else its name."""
    for owner in layer._flatten_layers(include_self=True):
        for key, value in vars(owner).items():
            if value is variable:
                return key
    return variable.name


def _gradients(keras, model, inputs, variables):
    """"ok", "none" or "zero" per variable, or "raises <Error>" for all."""
    backend = keras.backend.backend()
    try:
        if backend == "tensorflow":
            import tensorflow as tf

            with tf.GradientTape() as tape:
                loss = _total(keras, model(inputs))
            grads = tape.gradient(loss, [v.value for v in variables])
        elif backend == "jax":
            grads = _jax_gradients(keras, model, inputs, variables)
        else:  # torch: backward() fills .grad of what the graph reaches
            for variable in variables:
                variable.value.grad = None
            _total(keras, model(inputs)).backward()
            grads = [variable.value.grad for variable in variables]
    except Exception as error:  # noqa: BLE001 - the failure is the measurement
        return f"raises {type(error).__name__}"
    out = []
    for grad in grads:
        if grad is None:
            out.append("none")
        elif not np.any(keras.ops.convert_to_numpy(grad)):
            out.append("zero")
        else:
            out.append("ok")
    return out


def _jax_gradients(keras, model, inputs, variables):
    import jax

    trainable = model.trainable_variables
    non_trainable = [v.value for v in model.non_trainable_variables]
    wanted = [next(i for i, t in enumerate(trainable) if t is v) for v in variables]

    def loss(values):
        outputs, _ = model.stateless_call(values, non_trainable, inputs)
        return _total(keras, outputs)

    grads = jax.grad(loss)([v.value for v in trainable])
    return [grads[i] for i in wanted]


def _total(keras, outputs):
    terms = [keras.ops.sum(o) for o in keras.tree.flatten(outputs) if "float" in str(o.dtype)]
    return sum(terms[1:], terms[0])


def summary(measured: dict) -> str:
    """BEHAVIOUR.md's compact notation: `2w/15p`, `2w/15p bias=none`, `raises ValueError`."""
    if "raises" in measured:
        return f"raises {measured['raises']}"
    count, params = measured["weights"]
    grads = "".join(f" {name}={how}" for name, how in sorted(measured.get("grads", {}).items()))
    return f"{count}w/{params}p{grads}"
