"""The held-out collection (tests/heldout): lint holds every case to its labels.

Cases mined after the detectors were tuned on tests/realworld, so they measure generalisation. The
same rules as tests/test_realworld.py: a buggy case must get its primary code, a correct case no
error finding; what lint still gets wrong is listed in tests/heldout/misses.toml (strict xfails).
"""

import pathlib

import pytest
from test_realworld import case_labels, collection, lint_holds_case_to_labels, params

HELDOUT = pathlib.Path(__file__).parent / "heldout"


def test_the_collection_is_large_and_labelled():
    cases = collection(HELDOUT)
    labels = [case_labels(p) for p in cases]
    assert len(cases) >= 40
    assert sum(not correct for _, correct in labels) >= 25
    assert sum(correct for _, correct in labels) >= 15
    for path, (codes, correct) in zip(cases, labels):
        assert correct == (not codes), path.name
        assert all(c.startswith("LD") and len(c) == 5 for c in codes), path.name


def test_no_case_reuses_a_realworld_source():
    def sources(folder):
        return {line.split("=", 1)[1].strip().strip('"') for p in collection(folder)
                for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("SOURCE = ")}

    assert not sources(HELDOUT) & sources(HELDOUT.parent / "realworld")


@pytest.mark.parametrize("path", params("lint", HELDOUT))
def test_lint_finds_the_labelled_bug_and_nothing_on_correct_code(path):
    lint_holds_case_to_labels(path)
