"""What tf.keras 2 itself does with a behaviour case, measured on the real library (no layerdoctor):
a compact cell in the spirit of BEHAVIOUR.md's `Nw/Pp G...` notation.

Layer cases (`make()`): two eager calls on ones((2,) + SHAPE), then the weights, count_params()
and, with a GradientTape around a third call, the trainable weights that get no gradient.
Functional cases (`make_functional()`): wiring the model raises, or the model's weights/params.
"""

import numpy as np


def _params(obj) -> str:
    try:
        return f"{obj.count_params()}p"
    except ValueError:
        return "unbuilt"


def measure(module) -> str:
    import tensorflow as tf

    if hasattr(module, "make_functional"):
        try:
            built = module.make_functional()
        except Exception as error:  # noqa: BLE001 - the failure is the behaviour
            return f"raises {type(error).__name__}"
        model = built[0] if isinstance(built, tuple) else built
        return f"{len(model.weights)}w/{_params(model)}"
    x = np.ones((2,) + tuple(module.SHAPE), "float32")
    try:
        layer = module.make()
        layer(x)
        layer(x)
    except Exception as error:  # noqa: BLE001
        return f"raises {type(error).__name__}"
    cell = f"{len(layer.weights)}w/{_params(layer)}"
    trainable = list(layer.trainable_weights)
    if not trainable:
        return cell
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x))
    grads = tape.gradient(loss, trainable)
    missing = [v.name.rpartition("/")[2].split(":")[0] for v, g in zip(trainable, grads) if g is None]
    return cell + (f" G:{','.join(missing)}=none" if missing else " G✓")
