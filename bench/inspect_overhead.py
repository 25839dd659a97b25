"""Time `layerdoctor inspect` against the manual baseline, measured in the same run.

    python bench/inspect_overhead.py [--repeat 3]

Baseline = what a user does by hand in a fresh process: import Keras, build the model, print
`summary()`, run one gradient step (SGD on the sum of the outputs). Inspect = a fresh process
running the inspector on the same target (`python -m layerdoctor.runtime TARGET`, the code
behind `layerdoctor inspect`). Both are wall-clock times of whole processes, median of
--repeat runs; the ratio is inspect / baseline (target: <= 1.5).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "bench_models.py")

BASELINE = r"""
import sys, importlib.util
spec = importlib.util.spec_from_file_location("bench_models", sys.argv[1])
models = importlib.util.module_from_spec(spec); spec.loader.exec_module(models)
import keras, numpy as np, tensorflow as tf
result = getattr(models, sys.argv[2])()
model, inputs = result if isinstance(result, tuple) else (result, None)
if inputs is None:  # filled from the model's own Input specs, as a user would
    def make(t):
        shape = [2 if d is None else d for d in t.shape]
        return np.ones(shape, t.dtype) if "int" in str(t.dtype) else np.random.rand(*shape).astype(t.dtype)
    struct = model._inputs_struct
    inputs = {k: make(t) for k, t in struct.items()} if isinstance(struct, dict) else make(model.inputs[0])
model(inputs)
model.summary()
optimizer = keras.optimizers.SGD(0.01)
with tf.GradientTape() as tape:
    loss = sum(tf.reduce_sum(tf.cast(o, "float32")) for o in tf.nest.flatten(model(inputs)))
grads = tape.gradient(loss, model.trainable_variables)
optimizer.apply_gradients([(g, v) for g, v in zip(grads, model.trainable_variables) if g is not None])
"""

CASES = [("small custom model", "small_custom"), ("MobileNetV2(weights=None)", "mobilenet_v2"),
         ("keras-hub GPT2Backbone (small config)", "hub_backbone")]


def _time(command) -> float:
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="3")
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'model':40} {'baseline s':>11} {'inspect s':>10} {'ratio':>6}")
    for label, function in CASES:
        baseline, inspect = [], []
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            baseline.append(_time([sys.executable, "-c", BASELINE, MODELS, function]))
            inspect.append(_time([sys.executable, "-m", "layerdoctor.runtime", f"{MODELS}:{function}"]))
        b, i = statistics.median(baseline), statistics.median(inspect)
        print(f"{label:40} {b:11.2f} {i:10.2f} {i / b:6.2f}", flush=True)


if __name__ == "__main__":
    main()
