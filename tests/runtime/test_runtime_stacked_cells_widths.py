"""A cell repeated in StackedRNNCells (`[LSTMCell(n)] * k`) on an input of another width than its own output:
the stack runs it on 8 features, then on 16, and the first call on data fails (test_runtime_stacked_cells.py
has held-out 5's stacks on one width: LD007). LD008 here; the failing calls run inside RNN's loop, where no
user frame sees them, so the finding points at the user's line that made the instance, not at LSTMCell's class
in site-packages. The truth is what Keras itself does with each factory, run here without layerdoctor."""

import pytest
from runtime_helpers import TARGETS, load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "stacked_cells_widths.py"


def test_keras_wires_a_repeated_cell_silently_and_fails_on_the_first_call():
    module = load_target(FILE, "stacked_cells_widths")
    model = module.repeated_cell()  # wiring raises nothing
    with pytest.raises(Exception, match="[Ii]ncompatible|[Ss]hape|size"):
        model(module.batch())
    assert module.separate_cells()(module.batch()).shape == (2, module.UNITS)


def test_inspect_names_the_line_that_made_the_repeated_cell():
    report = inspect_target(f"{FILE}:repeated_cell")
    (finding,) = [f for f in report.findings if f.code == "LD008"]
    assert finding.path.endswith("stacked_cells_widths.py")
    assert "[layers.LSTMCell(UNITS)] * DEPTH" in FILE.read_text().splitlines()[finding.line - 1]
    assert "(None, 8)" in finding.message and "(None, 16)" in finding.message


def test_separate_cells_get_no_reuse_finding():
    report = inspect_target(f"{FILE}:separate_cells")
    assert not [f for f in report.findings if f.code in ("LD007", "LD008")]
