"""lint_paths() called from a Python process that has already imported TensorFlow (a notebook, a
training script): default jobs against jobs=1 and against forced worker processes, in one run.

    python bench/lint_after_framework.py [DIR] [--repeat N]      (needs tensorflow: the runtime venv)

DIR defaults to the keras part of the corpus (/tmp/keras-corpus/keras, ../shared/bench/make_corpus.sh).
In such a process workers cannot be forked safely (TensorFlow's threads), and forkserver workers import
the caller's __main__ again, TensorFlow included; checker._default_workers() therefore keeps the default
in this process. Prints the median wall time of each way, its ratio to jobs=1, and whether the
findings are the same. Target: default / jobs=1 <= 1.1 (the default never pays for workers here).
"""

from __future__ import annotations

import argparse
import statistics
import time

import tensorflow  # noqa: F401  - the point: TensorFlow's threads are running in this process

from layerdoctor import lint_paths


def _timed(path, repeat, **options):
    times, report = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        report = lint_paths([path], use_cache=False, **options)
        times.append(time.perf_counter() - start)
    return statistics.median(times), sorted((f.path, f.line, f.code, f.message) for f in report.findings)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="/tmp/keras-corpus/keras")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    baseline, expected = _timed(args.path, args.repeat, jobs=1)
    print(f"jobs=1 (baseline)   {baseline:6.2f} s  {len(expected)} findings")
    for label, options in (("default jobs", {}), ("jobs=2 (workers)", {"jobs": 2})):
        seconds, found = _timed(args.path, args.repeat, **options)
        print(f"{label:<19} {seconds:6.2f} s  ratio {seconds / baseline:4.2f}  same findings: {found == expected}")


if __name__ == "__main__":
    main()
