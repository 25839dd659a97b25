"""The real-world collection (tests/realworld): lint holds every case to its labels.

A buggy case must get its primary code; a correct case must get no error finding. Cases where a
detector is still wrong (a missed bug, or an error on correct code) are listed in
tests/realworld/misses.toml and run as strict xfails, so a detector change that fixes one fails
here until the list is updated.
"""

import ast
import pathlib
import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from layerdoctor import lint_paths

REALWORLD = pathlib.Path(__file__).parent / "realworld"


def case_labels(path: pathlib.Path) -> tuple[tuple[str, ...], bool]:
    """CODES and CORRECT, read without importing the case."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("CODES", "CORRECT"):
                found[node.targets[0].id] = ast.literal_eval(node.value)
    return tuple(found["CODES"]), bool(found["CORRECT"])


def collection(folder: pathlib.Path) -> list[pathlib.Path]:
    """The case files of a collection folder (tests/realworld, tests/heldout)."""
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))


CASES = collection(REALWORLD)


def params(detector: str, folder: pathlib.Path = REALWORLD):
    """One pytest param per case; the cases the folder's misses.toml lists run as strict xfails."""
    cases = collection(folder)
    missed = set(tomllib.loads((folder / "misses.toml").read_text(encoding="utf-8"))[detector]["wrong"])
    unknown = missed - {p.stem for p in cases}
    assert not unknown, f"misses.toml names cases that do not exist: {sorted(unknown)}"
    return [pytest.param(p, id=p.stem, marks=[pytest.mark.xfail(strict=True, reason=f"{detector} is wrong here today")]
                         if p.stem in missed else []) for p in cases]


def lint_holds_case_to_labels(path: pathlib.Path):
    codes, correct = case_labels(path)
    report = lint_paths([path], use_cache=False)
    assert not report.errors, report.errors
    if correct:
        assert [f for f in report.findings if f.severity == "error"] == []
    else:
        assert codes[0] in {f.code for f in report.findings}


def test_the_collection_is_large_and_labelled():
    labels = [case_labels(p) for p in CASES]
    assert len(CASES) >= 60
    assert sum(correct for _, correct in labels) >= 15
    for path, (codes, correct) in zip(CASES, labels):
        assert correct == (not codes), path.name
        assert all(c.startswith("LD") and len(c) == 5 for c in codes), path.name


@pytest.mark.parametrize("path", params("lint"))
def test_lint_finds_the_labelled_bug_and_nothing_on_correct_code(path):
    lint_holds_case_to_labels(path)
