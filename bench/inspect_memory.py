"""Extra memory and time of `inspect_model` on a ~50 M-parameter model, against doing the same by hand.

    python bench/inspect_memory.py [--repeat 3] [--params 50] [--compare OTHER/src]

Each measurement is a fresh process that builds a built Dense stack (about --params million float32
parameters) and calls it once, then resets the peak-RSS counter (Linux `/proc/self/clear_refs`) and
runs either
  - by hand: `model.summary()`, a forward pass and one SGD gradient step (what a user does to check
    a model), or
  - inspect: `layerdoctor.inspect_model(model, inputs=x)` from this checkout (or from --compare's
    source folder, e.g. the main branch, to see a change before and after in the same run).
It prints the peak RSS above the built model (MB) and the seconds, medians of --repeat interleaved
runs, and each as a ratio to by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")

CHILD = r"""
import json, os, sys, time
import keras, numpy as np, tensorflow as tf

width = int((float(sys.argv[2]) * 1e6 / 3) ** 0.5)  # three width x width kernels
model = keras.Sequential([keras.Input((width,)), keras.layers.Dense(width), keras.layers.Dense(width),
                          keras.layers.Dense(width), keras.layers.Dense(16)])
x = np.ones((2, width), "float32")
model(x)


def rss_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024


with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")  # the peak RSS (VmHWM) starts again from the current RSS
start_rss, start = rss_mb("VmRSS"), time.perf_counter()
if sys.argv[1] == "hand":
    model.summary(print_fn=lambda *args, **kwargs: None)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    keras.optimizers.SGD(0.01).apply(grads, model.trainable_variables)
else:
    import layerdoctor

    layerdoctor.inspect_model(model, inputs=x)
seconds = time.perf_counter() - start
print(json.dumps({"params": model.count_params(), "extra_mb": rss_mb("VmHWM") - start_rss, "seconds": seconds}))
"""


def _run(mode: str, src: str | None, params: float) -> dict:
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="3")
    if src:
        env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    result = subprocess.run([sys.executable, "-c", CHILD, mode, str(params)], capture_output=True, text=True,
                            env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--params", type=float, default=50, help="millions of parameters (default 50)")
    parser.add_argument("--compare", metavar="SRC", help="another layerdoctor source folder to measure too")
    args = parser.parse_args()
    runs = [("by hand", "hand", None), ("inspect_model", "inspect", SRC)]
    if args.compare:
        runs.append((f"inspect_model ({args.compare})", "inspect", os.path.abspath(args.compare)))
    results: dict[str, list[dict]] = {label: [] for label, _, _ in runs}
    for _ in range(args.repeat):  # interleaved, so all see the same machine load
        for label, mode, src in runs:
            results[label].append(_run(mode, src, args.params))
    params = results["by hand"][0]["params"]
    weights_mb = params * 4 / 2**20
    print(f"{params:,} parameters, {weights_mb:,.0f} MB of weights; medians of {args.repeat} runs")
    print(f"{'':45} {'extra MB':>9} {'x hand':>7} {'seconds':>8} {'x hand':>7}")
    hand_mb = statistics.median(r["extra_mb"] for r in results["by hand"])
    hand_s = statistics.median(r["seconds"] for r in results["by hand"])
    for label, _, _ in runs:
        mb = statistics.median(r["extra_mb"] for r in results[label])
        seconds = statistics.median(r["seconds"] for r in results[label])
        print(f"{label:45} {mb:9.0f} {mb / hand_mb:7.2f} {seconds:8.2f} {seconds / hand_s:7.2f}")


if __name__ == "__main__":
    main()
