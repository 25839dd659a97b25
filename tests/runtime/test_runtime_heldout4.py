"""The fourth held-out collection (tests/heldout4): inspect holds every case to its labels.

The twin of tests/test_heldout4.py for the runtime inspector, with the strict-xfail list of
tests/heldout4/misses.toml, section [inspect].
"""

import pathlib

import pytest
from test_runtime_realworld import inspect_holds_case_to_labels, params

pytestmark = pytest.mark.runtime

HELDOUT4 = pathlib.Path(__file__).parent.parent / "heldout4"


@pytest.mark.parametrize("path", params("inspect", HELDOUT4))
def test_inspect_finds_the_labelled_bug_and_nothing_on_correct_code(path, keras):
    inspect_holds_case_to_labels(path, keras)
