"""Real-world accuracy: how often each detector finds the bug people actually reported.

Scores `layerdoctor lint` and `layerdoctor inspect` on a folder of cases (default: tests/realworld,
format in its README.md): each case file declares SOURCE, CODES (primary first; () for correct
code) and CORRECT. Case metadata is read with `ast` (lint never imports a case); inspect runs
each case in its own process, as a user would (`layerdoctor inspect case.py:build_model`).

    python bench/accuracy.py                       # both detectors, table on stdout
    python bench/accuracy.py --detector lint       # lint only (no Keras needed)
    python bench/accuracy.py --json results.json   # per-case results, for docs and tests
    python bench/accuracy.py --markdown            # the tables of docs/accuracy.md

Per detector it prints recall on the primary code and on any labelled code (over buggy cases),
error findings on correct cases, and a per-code table: found, missed (primary code not reported)
and false (an error finding of that code on a correct case, or a code reported on a buggy case
that is not among its labels, counted separately as "other").
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CASES = ROOT / "tests" / "realworld"
DETECTORS = ("lint", "inspect")


@dataclass
class Case:
    path: Path
    source: str
    codes: tuple[str, ...]
    correct: bool
    style: str = ""

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def primary(self) -> str | None:
        return self.codes[0] if self.codes else None


@dataclass
class Outcome:
    """What one detector reported on one case."""

    codes: set[str] = field(default_factory=set)  # every code reported
    error_codes: set[str] = field(default_factory=set)  # codes reported with severity error
    failure: str | None = None  # the tool itself failed (exit 2, no JSON)


def read_case(path: Path) -> Case:
    """The case's constants, read without importing it."""
    wanted = {"SOURCE": "", "CODES": (), "CORRECT": False, "STYLE": ""}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in wanted:
                wanted[name] = ast.literal_eval(node.value)
    codes = tuple(wanted["CODES"])
    if bool(wanted["CORRECT"]) != (not codes):
        raise SystemExit(f"{path}: CORRECT and CODES disagree (correct code has CODES = ())")
    if not wanted["SOURCE"]:
        raise SystemExit(f"{path}: no SOURCE")
    return Case(path, wanted["SOURCE"], codes, bool(wanted["CORRECT"]), wanted["STYLE"])


def load_cases(folder: Path) -> list[Case]:
    return [read_case(p) for p in sorted(folder.glob("*.py")) if not p.name.startswith(("_", "test_"))]


def _cli(args: list[str], timeout: float) -> tuple[int, str, str]:
    code = "import sys; from layerdoctor.cli import main; sys.exit(main(sys.argv[1:]))"
    env = dict(os.environ, KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "tensorflow"), TF_CPP_MIN_LOG_LEVEL="3",
               PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                              timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return -1, "", f"timed out after {timeout:.0f} s"
    return done.returncode, done.stdout, done.stderr


def run_detector(detector: str, case: Case, timeout: float) -> Outcome:
    if detector == "lint":
        args = ["lint", str(case.path), "--no-cache", "--format", "json", "--exit-zero"]
    else:
        args = ["inspect", f"{case.path}:build_model", "--format", "json", "--exit-zero"]
    status, out, err = _cli(args, timeout)
    try:
        report = json.loads(out)
    except json.JSONDecodeError:
        lines = [line for line in err.strip().splitlines() if line.strip()]
        return Outcome(failure=f"exit {status}: {lines[-1] if lines else 'no output'}")
    outcome = Outcome()
    for finding in report.get("findings", []):
        outcome.codes.add(finding["code"])
        if finding["severity"] == "error":
            outcome.error_codes.add(finding["code"])
    return outcome


def score(cases: list[Case], results: dict[str, dict[str, Outcome]], detectors) -> dict:
    """Recall and false-error figures per detector, plus the union of detectors ("either")."""
    buggy = [c for c in cases if not c.correct]
    correct = [c for c in cases if c.correct]
    columns = list(detectors) + (["either"] if len(detectors) > 1 else [])

    def outcome(case, column) -> Outcome:
        if column != "either":
            return results[case.name][column]
        merged = Outcome()
        for d in detectors:
            merged.codes |= results[case.name][d].codes
            merged.error_codes |= results[case.name][d].error_codes
        return merged

    summary = {}
    for column in columns:
        primary = [c.name for c in buggy if c.primary in outcome(c, column).codes]
        any_code = [c.name for c in buggy if set(c.codes) & outcome(c, column).codes]
        false = [c.name for c in correct if outcome(c, column).error_codes]
        per_code: dict[str, dict[str, int]] = {}
        for c in buggy:
            row = per_code.setdefault(c.primary, {"found": 0, "missed": 0, "false": 0, "other": 0})
            row["found" if c.primary in outcome(c, column).codes else "missed"] += 1
            for other in outcome(c, column).error_codes - set(c.codes):
                per_code.setdefault(other, {"found": 0, "missed": 0, "false": 0, "other": 0})["other"] += 1
        for c in correct:
            for code in outcome(c, column).error_codes:
                per_code.setdefault(code, {"found": 0, "missed": 0, "false": 0, "other": 0})["false"] += 1
        failures = [c.name for c in cases if column != "either" and results[c.name][column].failure]
        summary[column] = {
            "buggy": len(buggy), "correct": len(correct),
            "primary": len(primary), "any": len(any_code), "false_errors": len(false),
            "missed": sorted(c.name for c in buggy if c.name not in primary),
            "false_cases": sorted(false), "tool_failures": failures,
            "per_code": dict(sorted(per_code.items())),
        }
    return summary


def misses_toml(cases: list[Case], results: dict[str, dict[str, Outcome]], detectors,
                folder: Path = DEFAULT_CASES) -> str:
    """The strict-xfail lists of the tests: per detector, every case it gets wrong."""
    name = folder.resolve().name
    module = "heldout" if name.startswith("heldout") else name  # heldout2 -> tests/test_heldout.py
    lines = [
        "# Cases where a detector is still wrong today: a buggy case whose primary code it does not report,",
        f"# or a correct case on which it reports an error. Each runs as a strict xfail (tests/test_{module}.py,",
        f"# tests/runtime/test_runtime_{module}.py): when a detector change fixes one, remove it here.",
        f"# Regenerate: python bench/accuracy.py --cases tests/{name} --write-misses tests/{name}/misses.toml",
        "",
    ]
    for detector in detectors:
        wrong = [c.name for c in cases
                 if (results[c.name][detector].error_codes if c.correct
                     else c.primary not in results[c.name][detector].codes)]
        lines += [f"[{detector}]", "wrong = ["] + [f'  "{name}",' for name in wrong] + ["]", ""]
    return "\n".join(lines)


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.0f}%)" if d else "-"


def format_tables(summary: dict, markdown: bool) -> str:
    lines = []
    head = ["detector", "primary code", "any labelled code", "errors on correct code", "tool failures"]
    rows = [[col, _pct(s["primary"], s["buggy"]), _pct(s["any"], s["buggy"]),
             _pct(s["false_errors"], s["correct"]), str(len(s["tool_failures"]))] for col, s in summary.items()]
    lines += _table(head, rows, markdown)
    for col, s in summary.items():
        lines += ["", f"{col}: per code (found / missed on the primary code; false = error on correct code; "
                      f"other = an unlabelled error code on a buggy case)"]
        lines += _table(["code", "found", "missed", "false", "other"],
                        [[code, str(r["found"]), str(r["missed"]), str(r["false"]), str(r["other"])]
                         for code, r in s["per_code"].items()], markdown)
    return "\n".join(lines)


def _table(head, rows, markdown) -> list[str]:
    if markdown:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*head)] + [fmt.format(*r) for r in rows]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="folder of case files")
    parser.add_argument("--detector", choices=DETECTORS, action="append", help="default: both")
    parser.add_argument("--jobs", type=int, default=2, help="cases inspected at once (default 2)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per case and detector")
    parser.add_argument("--json", type=Path, help="write per-case results and the summary here")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--write-misses", type=Path, metavar="TOML",
                        help="write the cases each detector gets wrong (<cases>/misses.toml)")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per case")
    args = parser.parse_args(argv)

    cases = load_cases(args.cases)
    if not cases:
        print(f"no cases in {args.cases}", file=sys.stderr)
        return 2
    detectors = tuple(args.detector or DETECTORS)
    results: dict[str, dict[str, Outcome]] = {c.name: {} for c in cases}
    for detector in detectors:
        jobs = 1 if detector == "lint" else max(1, args.jobs)
        with ThreadPoolExecutor(jobs) as pool:
            for case, outcome in zip(cases, pool.map(lambda c: run_detector(detector, c, args.timeout), cases)):
                results[case.name][detector] = outcome

    summary = score(cases, results, detectors)
    if args.verbose:
        for case in cases:
            parts = []
            for d in detectors:
                o = results[case.name][d]
                parts.append(f"{d}: {o.failure or ','.join(sorted(o.codes)) or '-'}")
            label = "correct" if case.correct else ",".join(case.codes)
            print(f"{case.name:<50} [{label}]  " + "  ".join(parts))
        print()
    print(f"{len(cases)} cases in {args.cases} ({summary[detectors[0]]['buggy']} buggy, "
          f"{summary[detectors[0]]['correct']} correct)")
    print(format_tables(summary, args.markdown))
    if args.write_misses:
        args.write_misses.write_text(misses_toml(cases, results, detectors, args.cases), encoding="utf-8")
    if args.json:
        data = {
            "summary": summary,
            "cases": {c.name: {"codes": list(c.codes), "correct": c.correct, "source": c.source, "style": c.style,
                               **{d: {"codes": sorted(results[c.name][d].codes),
                                      "error_codes": sorted(results[c.name][d].error_codes),
                                      "failure": results[c.name][d].failure} for d in detectors}}
                      for c in cases},
        }
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
