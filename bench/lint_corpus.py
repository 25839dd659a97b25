"""Speed of `layerdoctor lint` on a corpus of real Keras code, against baselines run in the same session.

    python bench/lint_corpus.py [--corpus DIR] [--repeat N]

Baselines, each timed as a whole process (start-up included), median of N runs:
  ruff      `ruff check --no-cache --select B,F CORPUS` (a fast linter in Rust)
  ast       a Python process that ast.parse()s every .py file once (what a naive checker pays)
Measured:
  cold      `layerdoctor lint CORPUS --no-cache`
  warm      `layerdoctor lint CORPUS` again with a cache filled by a previous run (unchanged files)
Targets (issue 2): cold <= 1.5x ruff; warm <= 0.3 s.

The corpus is ../shared/bench/make_corpus.sh's (about 3,700 files of keras, keras-hub, tf-models,
tensorflow-addons and tf-keras), made on first use; --corpus points at any other folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = HERE.parents[1] / "shared" / "bench" / "make_corpus.sh"
PACKAGES = ["keras==3.15.1", "keras-hub==0.32.0", "tf-models-official==2.20.0", "tensorflow-addons==0.23.0",
            "tf-keras==2.21.0"]

AST_ONLY = """
import ast, os, sys
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            with open(os.path.join(root, name), "rb") as handle:
                ast.parse(handle.read())
"""


def make_corpus(dest: Path) -> Path:
    if (dest / ".complete").exists():
        return dest
    if MAKE_CORPUS.exists():
        out = subprocess.run(["bash", str(MAKE_CORPUS), str(dest)], check=True, capture_output=True, text=True)
        return Path(out.stdout.strip().splitlines()[-1])
    import zipfile

    wheels = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "--python-version", "3.11", "--platform", "manylinux2014_x86_64", "--platform", "any",
                    "-d", str(wheels), *PACKAGES], check=True)
    for wheel in wheels.glob("*.whl"):
        target = dest / wheel.name.split("-")[0]
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(target, [n for n in archive.namelist() if n.endswith(".py")])
    shutil.rmtree(wheels)
    (dest / ".complete").touch()
    return dest


def timed(command: list[str], env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, result


def median_time(command: list[str], repeat: int, env: dict | None = None, ok=(0, 1)) -> float:
    times = []
    for _ in range(repeat):
        seconds, result = timed(command, env)
        if result.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
        times.append(seconds)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = args.corpus or make_corpus(Path(os.environ.get("TMPDIR", "/tmp")) / "keras-corpus")
    files = sum(1 for _ in corpus.rglob("*.py"))
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    layerdoctor = [sys.executable, "-m", "layerdoctor.cli", "lint", str(corpus), "--format", "json"]

    cache = tempfile.mkdtemp(prefix="layerdoctor-bench-cache-")
    env = dict(os.environ, LAYERDOCTOR_CACHE_DIR=cache)
    try:
        results = {
            "ruff": median_time([ruff, "check", "--no-cache", "--select", "B,F", "--exit-zero", "-q", str(corpus)],
                                args.repeat),
            "ast": median_time([sys.executable, "-c", AST_ONLY, str(corpus)], args.repeat),
            "cold": median_time(layerdoctor + ["--no-cache"], args.repeat, env),
        }
        _, first = timed(layerdoctor, env)  # fills the cache
        results["warm"] = median_time(layerdoctor, args.repeat, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)

    report = json.loads(first.stdout)
    severities = {}
    for finding in report["findings"]:
        severities[finding["severity"]] = severities.get(finding["severity"], 0) + 1
    print(f"corpus: {corpus} ({files} .py files); {os.cpu_count()} cores; median of {args.repeat} runs")
    print(f"layerdoctor findings: {severities or 'none'}; unreadable files: {len(report['errors'])}")
    print(f"{'run':<6} {'seconds':>8} {'x ruff':>8} {'x ast':>8}")
    for name, seconds in results.items():
        print(f"{name:<6} {seconds:8.2f} {seconds / results['ruff']:8.2f} {seconds / results['ast']:8.2f}")
    cold_ok = results["cold"] <= 1.5 * results["ruff"]
    warm_ok = results["warm"] <= 0.3
    print(f"target cold <= 1.5x ruff: {'met' if cold_ok else 'NOT met'} ({results['cold'] / results['ruff']:.2f}x); "
          f"target warm <= 0.3 s: {'met' if warm_ok else 'NOT met'} ({results['warm']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
