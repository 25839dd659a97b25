"""The held-out collections (tests/heldout, tests/heldout2, ...): inspect holds every case to its labels.

The twin of tests/test_heldout.py for the runtime inspector, with the strict-xfail list of each
folder's misses.toml, section [inspect].
"""

import pathlib

import pytest
from test_runtime_realworld import inspect_holds_case_to_labels, params

pytestmark = pytest.mark.runtime

TESTS = pathlib.Path(__file__).parent.parent
HELDOUT = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34", "heldout35", "heldout36", "heldout37", "heldout38", "heldout39", "heldout40", "heldout41", "heldout42", "heldout43", "heldout44", "heldout45")


@pytest.mark.parametrize("path", [case for name in HELDOUT for case in params("inspect", TESTS / name)])
def test_inspect_finds_the_labelled_bug_and_nothing_on_correct_code(path, keras):
    inspect_holds_case_to_labels(path, keras)
