"""The real-world collection (tests/realworld): inspect holds every case to its labels.

The twin of tests/test_realworld.py for the runtime inspector, with the same strict-xfail list
(tests/realworld/misses.toml, section [inspect]).
"""

import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent))
from test_realworld import CASES, case_labels, params  # noqa: E402

from layerdoctor.errors import UsageError  # noqa: E402
from layerdoctor.runtime.api import inspect_target  # noqa: E402

pytestmark = pytest.mark.runtime


def inspect_holds_case_to_labels(path, keras):
    codes, correct = case_labels(path)
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)  # (weights drawn alike whatever ran before: routing in a MoE case depends on them)
    try:
        findings = inspect_target(f"{path}:build_model").findings
    except UsageError:  # the target could not be inspected: no finding
        findings = []
    if correct:
        assert [f for f in findings if f.severity == "error"] == []
    else:
        assert codes[0] in {f.code for f in findings}


@pytest.mark.parametrize("path", params("inspect"))
def test_inspect_finds_the_labelled_bug_and_nothing_on_correct_code(path, keras):
    inspect_holds_case_to_labels(path, keras)


def test_every_case_is_collected():
    assert len(CASES) >= 60
