"""Speed of `layerdoctor lint ONE_FILE` after an edit (what pre-commit and editors run), on a copy of
the corpus made into one project (a pyproject.toml at its top), against baselines run in the same session.

    python bench/lint_edit.py [--corpus DIR] [--file REL_PATH] [--repeat N]

Each run is a whole process (start-up included), median of N:
  no-cache  `lint FILE --no-cache`: every file of the project parsed, what any edit cost before the
            per-file facts cache (the whole-report cache misses on every edit) - the baseline
  cold      `lint FILE` with an empty cache folder
  edited    `lint FILE` after FILE was edited (a comment appended), the cache filled by the run before
  unchanged `lint FILE` again, nothing edited (the whole-report cache answers)
and, for the whole project: `lint .` after one edit against `lint . --no-cache` (every file is
checked either way; the edited run also writes the caches).
Target (issue 8): edited <= 0.3x no-cache on the corpus. Each edited run's findings are compared with
a --no-cache run's on the same content.
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
DEFAULT_FILE = "keras_hub/keras_hub/src/models/bert/bert_backbone.py"  # a Backbone: its base is in another file


def timed(command: list[str], cwd: Path, env: dict) -> tuple[float, dict]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
    return seconds, json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "keras-corpus")
    parser.add_argument("--file", default=DEFAULT_FILE, help="the file to edit, relative to the corpus")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not (args.corpus / args.file).is_file():
        raise SystemExit(f"no {args.file} in {args.corpus} (make it with bench/lint_corpus.py)")

    work = Path(tempfile.mkdtemp(prefix="layerdoctor-bench-edit-"))
    project, cache = work / "project", work / "cache"
    try:
        shutil.copytree(args.corpus, project, ignore=shutil.ignore_patterns(".complete"))
        (project / "pyproject.toml").write_text("[project]\nname = 'corpus'\n")
        time.sleep(2.1)  # the copies' ctime must be older than the cache's 2 s racy window, as real files are
        files = sum(1 for _ in project.rglob("*.py"))
        env = dict(os.environ, LAYERDOCTOR_CACHE_DIR=str(cache), PYTHONPATH=str(HERE.parent / "src"))
        lint = [sys.executable, "-m", "layerdoctor.cli", "lint", "--format", "json", "--exit-zero"]
        one = lint + [args.file]
        edited_path = project / args.file
        samples: dict[str, list[float]] = {name: [] for name in ("no-cache", "cold", "edited", "unchanged")}
        mismatches = 0
        for round_ in range(args.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            samples["cold"].append(timed(one, project, env)[0])
            with edited_path.open("a") as handle:
                handle.write(f"# edit {round_}\n")
            seconds, edited = timed(one, project, env)
            samples["edited"].append(seconds)
            samples["unchanged"].append(timed(one, project, env)[0])
            seconds, fresh = timed(one + ["--no-cache"], project, env)
            samples["no-cache"].append(seconds)
            mismatches += edited["findings"] != fresh["findings"]
        whole: dict[str, list[float]] = {"no-cache": [], "edited": []}
        timed(lint + ["."], project, env)  # fills the caches
        for round_ in range(args.repeat):
            with edited_path.open("a") as handle:
                handle.write(f"# whole-project edit {round_}\n")
            whole["edited"].append(timed(lint + ["."], project, env)[0])
            whole["no-cache"].append(timed(lint + [".", "--no-cache"], project, env)[0])
        facts = sum(p.stat().st_size for p in cache.rglob("facts.json"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(samples["no-cache"])
    print(f"project: a copy of {args.corpus} ({files} .py files) with a pyproject.toml; file: {args.file}; "
          f"{os.cpu_count()} cores; median of {args.repeat} runs; facts.json {facts / 1e6:.1f} MB")
    print(f"{'lint FILE':<10} {'seconds':>8} {'x no-cache':>11}")
    for name, times in samples.items():
        print(f"{name:<10} {statistics.median(times):8.2f} {statistics.median(times) / base:11.2f}")
    whole_base = statistics.median(whole["no-cache"])
    print(f"{'lint .':<10} {'seconds':>8} {'x no-cache':>11}")
    for name, times in whole.items():
        print(f"{name:<10} {statistics.median(times):8.2f} {statistics.median(times) / whole_base:11.2f}")
    ratio = statistics.median(samples["edited"]) / base
    print(f"edited findings equal to --no-cache's: {args.repeat - mismatches}/{args.repeat}; "
          f"target edited <= 0.3x no-cache: {'met' if ratio <= 0.3 else 'NOT met'} ({ratio:.2f}x)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
