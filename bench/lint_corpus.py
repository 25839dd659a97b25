"""Speed of `layerdoctor lint` on a corpus of real Keras code, against baselines run in the same session.

    python bench/lint_corpus.py [--corpus DIR] [--repeat N]
    python bench/lint_corpus.py --against REV [--repeat N] [--jobs N]    (or --against-src DIR)

Baselines, each timed as a whole process (start-up included), median of N runs:
  ruff      `ruff check --no-cache --select B,F CORPUS` (a fast linter in Rust)
  ast       a Python process that ast.parse()s every .py file once (what a naive checker pays)
Measured:
  cold      `layerdoctor lint CORPUS --no-cache`
  warm      `layerdoctor lint CORPUS` again with a cache filled by a previous run (unchanged files)
Targets (issue 2): cold <= 1.5x ruff; warm <= 0.3 s.

--against REV (a git revision, checked out in a temporary worktree) or --against-src DIR (a `src`
folder) times that code and this checkout's, alternating run by run, cold and warm, and prints the
medians and the ratios current/baseline of wall time and of CPU time (user+sys of the lint process
and its workers). Both import their modules from bytecode compiled once into a temporary
PYTHONPYCACHEPREFIX folder, whatever __pycache__ folders the two checkouts have.
Issue 10: cold CPU and wall ratios <= 1.10 against the code before the accuracy work.
--instructions (with --against-src) counts the instructions of one cold run of each side under valgrind
instead: unmoved by other load on the machine, blind to cache effects.

The corpus is ../shared/bench/make_corpus.sh's (about 3,700 files of keras, keras-hub, tf-models,
tensorflow-addons and tf-keras), made on first use; --corpus points at any other folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def timed_cpu(command: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; CPU is user+sys of the process and every child it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, result = timed(command, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(corpus: Path, baseline_src: Path, label: str, repeat: int, jobs: int | None) -> None:
    """Time the baseline's lint and this checkout's, alternating, cold and warm; print the ratios."""
    sources = {"baseline": baseline_src, "current": HERE.parent / "src"}
    command = [sys.executable, "-m", "layerdoctor.cli", "lint", str(corpus), "--format", "json", "--exit-zero"]
    if jobs:
        command += ["--jobs", str(jobs)]
    caches = {name: tempfile.mkdtemp(prefix=f"layerdoctor-bench-{name}-") for name in sources}
    # Both sides import their code from bytecode compiled by the first run, into a folder of ours:
    # a checkout with a __pycache__ against one without (or PYTHONDONTWRITEBYTECODE set) would
    # charge one side for compiling its modules on every run (measured: 0.08 s CPU, a third of a warm run).
    bytecode = tempfile.mkdtemp(prefix="layerdoctor-bench-pyc-")
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs = {name: dict(base_env, PYTHONPATH=str(src), LAYERDOCTOR_CACHE_DIR=caches[name],
                       PYTHONPYCACHEPREFIX=bytecode)
            for name, src in sources.items()}
    samples = {(name, mode): [] for name in sources for mode in ("cold", "warm")}
    try:
        for name in sources:
            timed(command, envs[name])  # fills the cache for the warm runs (and warms the disk cache)
        for _ in range(repeat):
            for name in sources:  # alternating: a busy moment of the machine costs both alike
                samples[name, "cold"].append(timed_cpu(command + ["--no-cache"], envs[name]))
                samples[name, "warm"].append(timed_cpu(command, envs[name]))
    finally:
        for folder in [*caches.values(), bytecode]:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"corpus: {corpus}; baseline: {label}; {os.cpu_count()} cores; jobs: {jobs or 'default'}; "
          f"median of {repeat} alternating runs")
    print(f"{'run':<6} {'':<6} {'baseline':>9} {'current':>9} {'ratio':>7}")
    for mode in ("cold", "warm"):
        for index, what in enumerate(("wall", "cpu")):
            old = statistics.median(s[index] for s in samples["baseline", mode])
            new = statistics.median(s[index] for s in samples["current", mode])
            print(f"{mode:<6} {what:<6} {old:8.2f}s {new:8.2f}s {new / old:7.2f}")


def count_instructions(corpus: Path, baseline_src: Path, label: str) -> None:
    """Instructions executed by one cold `lint --jobs 1` of each side, counted by valgrind's callgrind:
    the same for the same code and files whatever else the machine does (CPU time here moves by +-10%
    between identical runs on a shared VM). It misses cache and memory effects, which CPU time sees."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind on PATH")
    sources = {"baseline": baseline_src, "current": HERE.parent / "src"}
    command = [sys.executable, "-m", "layerdoctor.cli", "lint", str(corpus), "--format", "json", "--exit-zero",
               "--no-cache", "--jobs", "1"]
    bytecode = tempfile.mkdtemp(prefix="layerdoctor-bench-pyc-")
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    counts = {}
    try:
        for name, src in sources.items():
            env = dict(base_env, PYTHONPATH=str(src), PYTHONPYCACHEPREFIX=bytecode)
            timed([sys.executable, "-c", "import layerdoctor.cli"], env)  # bytecode first, outside the count
            _, result = timed([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command], env)
            found = [line for line in result.stderr.splitlines() if "Collected :" in line]
            if result.returncode not in (0, 1) or not found:
                raise SystemExit(f"valgrind run of the {name} side failed: {result.stderr[-500:]}")
            counts[name] = int(found[-1].rsplit(":", 1)[1])
    finally:
        shutil.rmtree(bytecode, ignore_errors=True)
    print(f"corpus: {corpus}; baseline: {label}; one cold run each under valgrind --tool=callgrind")
    print(f"instructions: baseline {counts['baseline']:,}, current {counts['current']:,}, "
          f"ratio {counts['current'] / counts['baseline']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    against = parser.add_mutually_exclusive_group()
    against.add_argument("--against", metavar="REV", help="compare with this git revision of layerdoctor")
    against.add_argument("--against-src", metavar="DIR", type=Path, help="compare with the layerdoctor in this src folder")
    parser.add_argument("--jobs", type=int, default=None, help="passed to lint in --against runs")
    parser.add_argument("--instructions", action="store_true",
                        help="with --against-src: count instructions under valgrind instead of timing")
    args = parser.parse_args()
    corpus = args.corpus or make_corpus(Path(os.environ.get("TMPDIR", "/tmp")) / "keras-corpus")
    if args.instructions and not args.against_src:
        parser.error("--instructions needs --against-src")
    if args.instructions:
        count_instructions(corpus, args.against_src.resolve(), str(args.against_src))
        return 0
    if args.against_src:
        compare(corpus, args.against_src.resolve(), str(args.against_src), args.repeat, args.jobs)
        return 0
    if args.against:
        checkout = Path(tempfile.mkdtemp(prefix="layerdoctor-baseline-")) / "tree"
        subprocess.run(["git", "-C", str(HERE.parent), "worktree", "add", "--detach", "--quiet", str(checkout),
                        args.against], check=True)
        try:
            compare(corpus, checkout / "src", args.against, args.repeat, args.jobs)
        finally:
            subprocess.run(["git", "-C", str(HERE.parent), "worktree", "remove", "--force", str(checkout)], check=False)
            shutil.rmtree(checkout.parent, ignore_errors=True)
        return 0
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
