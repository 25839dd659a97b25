"""Lambdas made in a loop whose function reads the loop variable (LD012): Keras calls the function when
the model runs, after the loop has ended, so every Lambda reads the last value. The case file is lint's
(tests/cases_static/ld012m_...): the same factories, measured here on the installed Keras first."""

import pathlib

import numpy as np
import pytest
from runtime_helpers import load_target

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = pathlib.Path(__file__).parents[1] / "cases_static" / "ld012m_lambda_reads_the_loop_variable_it_is_made_in__k3.py"
BUGGY = ("make_channel_slices", "make_grid_cells")
TWINS = ("make_bound_by_default", "make_bound_by_arguments", "make_loop_outside_the_function")


def _outputs(factory):
    model, batch = getattr(load_target(FILE, "late_bound"), factory)()
    return np.asarray(model.predict(batch, verbose=0))


def test_keras_lambdas_made_in_a_loop_all_read_the_last_value():
    assert _outputs("make_channel_slices").ravel().tolist() == [3.0, 3.0, 3.0]  # the input is [1, 2, 3]
    cells = _outputs("make_grid_cells").reshape(6, 4)
    assert (cells == cells[-1]).all()  # the six cells of the 2x3 map: all the last one
    assert _outputs("make_bound_by_default").ravel().tolist() == [1.0, 2.0, 3.0]
    assert _outputs("make_bound_by_arguments").ravel().tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("factory", BUGGY)
def test_lambdas_reading_their_loop_variable_are_ld012(factory):
    report = inspect_target(f"{FILE}:{factory}")
    assert [f.code for f in report.findings if f.severity == "error"] == ["LD012"]


@pytest.mark.parametrize("factory", TWINS)
def test_bound_or_unchanged_names_are_clean(factory):
    report = inspect_target(f"{FILE}:{factory}")
    assert [f for f in report.findings if f.code == "LD012"] == []
