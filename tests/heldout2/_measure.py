"""Measure what Keras does with one held-out case: the facts written into its MEASURED string.

    KERAS_BACKEND=tensorflow python tests/heldout2/_measure.py tests/heldout2/<case>.py [...]

Per case, in a fresh process: the exception or warnings of `build_model()`, parameter counts and unbuilt
layers as returned, then (when inputs are known) after one training-mode call: counts again, the
trainable weights whose gradient is None, variables the tape watched that the model does not track,
and whether a second call created new variables. Nothing here knows the case's labels.
"""

import importlib.util
import subprocess
import sys
import warnings


def _weights(model):
    try:
        return model.weights
    except Exception:  # noqa: BLE001 - an unbuilt Sequential may refuse
        return []


def _count(model):
    try:
        return model.count_params()
    except Exception as error:  # noqa: BLE001
        return f"count_params() raised {type(error).__name__}"


def _unbuilt(model):
    try:
        layers = list(model._flatten_layers(include_self=False))
    except Exception:  # noqa: BLE001
        return []
    return [f"{type(layer).__name__}:{layer.name}" for layer in layers if not layer.built]


def _sample_inputs(model, keras):
    import numpy as np

    specs = getattr(model, "inputs", None)
    if not specs:
        return None
    arrays = []
    for spec in specs:
        shape = [2 if d is None else d for d in spec.shape]
        if "int" in str(spec.dtype):
            arrays.append(np.ones(shape, dtype=str(spec.dtype)))
        else:
            arrays.append(np.random.default_rng(0).random(shape).astype("float32"))
    return arrays[0] if len(arrays) == 1 else arrays


def measure(path):
    import keras
    import tensorflow as tf

    spec = importlib.util.spec_from_file_location("case", path)
    module = importlib.util.module_from_spec(spec)
    lines = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            spec.loader.exec_module(module)
            result = module.build_model()
        except Exception as error:  # noqa: BLE001 - the crash is the measurement
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            lines.append(f"build_model() raised {type(error).__name__}: {first[:300]}")
            result = None
    for w in caught:
        lines.append(f"warning: {str(w.message).strip().splitlines()[0][:200]}")
    if result is None:
        return lines
    model, inputs = result if isinstance(result, tuple) else (result, None)
    lines.append(f"as returned: {type(model).__name__}, count_params() = {_count(model)}, "
                 f"{len(_weights(model))} weights, unbuilt: {_unbuilt(model) or 'none'}")
    if inputs is None:
        inputs = _sample_inputs(model, keras)
    if inputs is None:
        lines.append("no inputs known: not called")
        return lines
    seen = []
    for attempt in (1, 2):
        try:
            with tf.GradientTape(persistent=True) as tape:
                out = model(inputs, training=True)
                outs = [o for o in tf.nest.flatten(out) if o.dtype.is_floating]
                loss = tf.add_n([tf.reduce_mean(o) for o in outs]) if outs else tf.constant(0.0)
                if model.losses:
                    loss = loss + tf.add_n(model.losses)
        except Exception as error:  # noqa: BLE001
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            lines.append(f"call {attempt} raised {type(error).__name__}: {first[:300]}")
            return lines
        watched = {id(v): v for v in tape.watched_variables()}
        seen.append(set(watched))
        if attempt == 1:
            tracked = {id(getattr(v, "value", v)) for v in model.trainable_weights}
            tracked |= {id(v) for v in model.trainable_weights}
            grads = tape.gradient(loss, model.trainable_weights) if model.trainable_weights else []
            none = [v.path if hasattr(v, "path") else v.name for v, g in zip(model.trainable_weights, grads)
                    if g is None]
            untracked = [getattr(v, "name", "?") for k, v in watched.items() if k not in tracked]
            lines.append(f"after call: count_params() = {_count(model)}, {len(model.trainable_weights)} trainable "
                         f"weights, unbuilt: {_unbuilt(model) or 'none'}; output dtypes "
                         f"{sorted({str(o.dtype.name) for o in tf.nest.flatten(out)})}")
            lines.append(f"gradient None for {len(none)} of {len(grads)} trainable weights: {none[:6]}")
            lines.append(f"tape watched {len(untracked)} variables the model does not track: {untracked[:6]}")
            custom = {layer.name: _count(layer) for layer in model._flatten_layers(include_self=False)
                      if not type(layer).__module__.startswith("keras")}
            if custom:
                lines.append(f"params of the case's own layers: {custom}")
    new = seen[1] - seen[0]
    lines.append(f"second call: {len(new)} variables watched that the first call did not use")
    return lines


if __name__ == "__main__":
    if len(sys.argv) > 2:
        for case in sys.argv[1:]:
            done = subprocess.run([sys.executable, __file__, case], capture_output=True, text=True)
            print(f"== {case}\n{done.stdout.strip() or done.stderr.strip().splitlines()[-1]}")
    else:
        print("\n".join(measure(sys.argv[1])))
