"""The fourth held-out collection (tests/heldout4): lint holds every case to its labels.

Mined after both detectors were tuned on tests/realworld and three held-out collections, by people
who did not read the detectors. The same rules as tests/test_realworld.py; what lint still gets wrong is listed in
tests/heldout4/misses.toml (strict xfails).
"""

import pathlib

import pytest
from test_realworld import case_labels, collection, lint_holds_case_to_labels, params

HELDOUT4 = pathlib.Path(__file__).parent / "heldout4"


def test_the_collection_is_large_and_labelled():
    cases = collection(HELDOUT4)
    labels = [case_labels(p) for p in cases]
    assert len(cases) >= 30
    assert sum(not correct for _, correct in labels) >= 18
    assert sum(correct for _, correct in labels) >= 10
    for path in cases:
        codes, correct = case_labels(path)
        assert correct == (not codes), path.name
        assert all(c.startswith("LD") and len(c) == 5 for c in codes), path.name


def test_no_case_reuses_a_source_of_the_other_collections():
    def sources(folder):
        return {line.split("=", 1)[1].strip().strip('"') for p in collection(folder)
                for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("SOURCE = ")}

    mine = sources(HELDOUT4)
    assert not mine & sources(HELDOUT4.parent / "realworld")
    assert not mine & sources(HELDOUT4.parent / "heldout")
    assert not mine & sources(HELDOUT4.parent / "heldout2")
    assert not mine & sources(HELDOUT4.parent / "heldout3")


@pytest.mark.parametrize("path", params("lint", HELDOUT4))
def test_lint_finds_the_labelled_bug_and_nothing_on_correct_code(path):
    lint_holds_case_to_labels(path)
