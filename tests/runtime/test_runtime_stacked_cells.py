"""One RNN cell object at several positions of a stack (`StackedRNNCells([LSTMCell(n)] * k)`, held-out 5
Piano Genie) is LD007: every layer of the stack runs the same weights. Keras is measured first: the
number of distinct cells per stack and the parameter count (one LSTMCell(4) on 4 features has
4 * 4 * (4 + 4 + 1) = 144 parameters)."""

import importlib.util

import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "stacked_cells.py"
LSTM, DENSE = 4 * 4 * (4 + 4 + 1), 4 + 1


def _keras_says(name):
    spec = importlib.util.spec_from_file_location("stacked_cells", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = getattr(module, name)()
    stacks = [sub for sub in model._flatten_layers() if type(sub).__name__ == "StackedRNNCells"]
    return model.count_params(), [(len(s.cells), len({id(c) for c in s.cells})) for s in stacks]


@pytest.mark.parametrize("name, stacks, cell", [
    ("lstm_cells_multiplied", [(2, 1)], "LSTMCell"),
    ("gru_cell_list_to_rnn_multiplied", [(3, 1)], "GRUCell"),
])
def test_a_cell_repeated_by_list_multiplication_is_ld007(name, stacks, cell):
    params, measured = _keras_says(name)
    assert measured == stacks
    if name == "lstm_cells_multiplied":
        assert params == LSTM + DENSE  # one cell's weights, not two
    report = inspect_target(f"{FILE}:{name}")
    (finding,) = report.findings
    assert (finding.code, finding.severity) == ("LD007", "info")
    assert cell in finding.message and ".cells" in finding.message
    assert finding.path.endswith("stacked_cells.py")  # the line that made the cell


def test_twins_one_cell_per_layer_and_a_bidirectional_copy_are_clean():
    assert _keras_says("one_cell_per_layer") == (2 * LSTM + DENSE, [(2, 2)])
    assert not inspect_target(f"{FILE}:one_cell_per_layer").findings
    # Keras 3 rebuilds both directions from the RNN's config: four separate cells
    assert _keras_says("bidirectional_multiplied") == (4 * LSTM, [(2, 2), (2, 2)])
    assert not inspect_target(f"{FILE}:bidirectional_multiplied").findings
