"""`layerdoctor inspect --shape-only` on a Llama-3-70B-shaped keras-hub LlamaBackbone, per backend.

For each Keras backend installed in the Python given (--python, default this one), in the same run:
  - the CLI as a whole process (parent + inspector child): wall time, peak RSS of the largest
    process (getrusage) and of all its processes together (sampled every 50 ms);
  - the baseline: a plain script importing Keras and keras-hub and building the same config under
    keras.StatelessScope(initialize_variables=False), printing count_params();
  - whether the CLI's total equals that count_params() (expected 70,553,706,496).
Targets (issue 9): <= 10 s wall and <= 1 GB peak memory for the whole process.

    python bench/shape_only.py [--python .venv-jax/bin/python] [--backends tensorflow,jax,torch]
No weight and no preset is downloaded; only keras-hub's code is needed (pip install --no-deps keras-hub).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
CONFIG = {"vocabulary_size": 128256, "num_layers": 80, "hidden_dim": 8192, "intermediate_dim": 28672,
          "num_query_heads": 64, "num_key_value_heads": 8}
EXPECTED = 70_553_706_496
TARGET_SECONDS, TARGET_BYTES = 10, 1024**3

KERAS_COUNT = """
import json, sys
import keras, keras_hub
with keras.StatelessScope(initialize_variables=False):
    model = keras_hub.models.LlamaBackbone(**json.loads(sys.argv[1]))
    print(model.count_params())
"""


def _tree_rss(root: int) -> int:
    """Bytes of RSS of `root` and all its descendants (the CLI and its inspector child)."""
    parent, rss = {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = pathlib.Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            pid = int(entry.name)
            parent[pid] = int(fields[1])  # field 4 of /proc/PID/stat: the parent
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # field 24: rss in pages
        except (OSError, IndexError, ValueError):
            continue
    total = 0
    for pid in rss:
        ancestor = pid
        while ancestor not in (root, 0, 1) and ancestor in parent:
            ancestor = parent[ancestor]
        if ancestor == root:
            total += rss[pid]
    return total


def measure(command: list[str], env: dict) -> dict:
    """Run `command`: wall time, its output, and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # Output to files, not pipes: a report bigger than a pipe's buffer would block the CLI.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file, env=env, cwd=ROOT)
        peak_all = 0
        while process.poll() is None:
            peak_all = max(peak_all, _tree_rss(process.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KB on Linux
    return {"wall": wall, "largest": largest if largest > before * 1024 else None, "all": peak_all,
            "code": process.returncode, "stdout": out.decode(), "stderr": err.decode()}


def installed_backends(python: str, wanted: list[str]) -> list[str]:
    found = []
    for backend in wanted:
        module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}[backend]
        probe = subprocess.run([python, "-c", f"import {module}, keras_hub"], capture_output=True, check=False)
        if probe.returncode == 0:
            found.append(backend)
    return found


def gib(size: int | None) -> str:
    return "n/a" if size is None else f"{size / 1024**3:.2f} GB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the Python of the venv to measure")
    parser.add_argument("--backends", default="tensorflow,jax,torch", help="comma-separated; missing ones are skipped")
    args = parser.parse_args()

    backends = installed_backends(args.python, args.backends.split(","))
    if not backends:
        print(f"no Keras backend with keras-hub in {args.python}")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        config_file = pathlib.Path(folder, "llama3_70b.json")
        config_file.write_text(json.dumps(CONFIG))
        print(f"Llama-3-70B-shaped LlamaBackbone {CONFIG}, shape-only, {args.python}")
        failed = False
        for backend in backends:
            env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3",
                       PYTHONPATH=os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]))
            # the CLI first: getrusage's peak over children is then the CLI's own
            run = measure([args.python, "-m", "layerdoctor", "inspect", "keras_hub.models.LlamaBackbone",
                           "--config", str(config_file), "--shape-only", "--format", "json"], env)
            baseline = measure([args.python, "-c", KERAS_COUNT, json.dumps(CONFIG)], env)
            if baseline["code"] != 0 or run["code"] not in (0, 1):
                print(f"{backend}: failed\n{baseline['stderr'][-2000:]}\n{run['stderr'][-2000:]}")
                failed = True
                continue
            report = json.loads(run["stdout"])
            keras_count = int(baseline["stdout"].split()[-1])
            total = report["params"]["total"]
            ok_total = total == keras_count == EXPECTED
            ok_time, ok_memory = run["wall"] <= TARGET_SECONDS, max(run["all"], run["largest"] or 0) <= TARGET_BYTES
            failed |= not ok_total
            print(f"\n{backend} (Keras {report['keras']['version']}):")
            print(f"  total params: layerdoctor {total:,}; Keras count_params() {keras_count:,}; "
                  f"expected {EXPECTED:,}: {'equal' if ok_total else 'DIFFERENT'}")
            print(f"  weights {report['memory']['total']['weights'] / 1024**3:.2f} GB, with Adam "
                  f"{report['memory']['total']['with_adam'] / 1024**3:.2f} GB (nothing allocated)")
            print(f"  inspect --shape-only: wall {run['wall']:.2f} s (target <= {TARGET_SECONDS} s: "
                  f"{'met' if ok_time else 'NOT met'}); peak RSS largest process {gib(run['largest'])}, "
                  f"all processes {gib(run['all'])} (target <= 1 GB: {'met' if ok_memory else 'NOT met'})")
            print(f"  baseline (import Keras + keras-hub, build, count_params): wall {baseline['wall']:.2f} s, "
                  f"peak RSS {gib(baseline['all'])}; ratio inspect/baseline: wall "
                  f"{run['wall'] / baseline['wall']:.2f}x, memory {run['all'] / max(baseline['all'], 1):.2f}x")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
