"""The second held-out collection (tests/heldout2): inspect holds every case to its labels.

The twin of tests/test_heldout2.py for the runtime inspector, with the strict-xfail list of
tests/heldout2/misses.toml, section [inspect].
"""

import pathlib

import pytest
from test_runtime_realworld import inspect_holds_case_to_labels, params

pytestmark = pytest.mark.runtime

HELDOUT2 = pathlib.Path(__file__).parent.parent / "heldout2"


@pytest.mark.parametrize("path", params("inspect", HELDOUT2))
def test_inspect_finds_the_labelled_bug_and_nothing_on_correct_code(path, keras):
    inspect_holds_case_to_labels(path, keras)
