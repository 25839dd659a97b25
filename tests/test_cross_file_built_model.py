"""LD002 (ld002m) follows a function imported from another file of the project that returns a model
built (a functional `keras.Model(inputs, outputs)`): a new layer stored onto one of its layers raises.

Measured (tests/data/cross_file_built_model, `python main.py`, Keras 3.15.1 + TF 2.21):
`swap_after_build` raises "You cannot add new elements of state (variables or sub-layers) to a layer that
is already built"; `add_head_before_build` (a subclassed model made by an imported function, not yet
called) runs, 36 params."""
from pathlib import Path

from layerdoctor import lint_paths

PROJECT = Path(__file__).resolve().parent / "data" / "cross_file_built_model"


def test_a_layer_stored_onto_a_model_built_in_another_file_is_reported_and_the_unbuilt_twin_is_not():
    found = [(Path(f.path).name, f.line, f.code, f.severity)
             for f in lint_paths([PROJECT], use_cache=False).findings]
    assert found == [("main.py", 18, "LD002", "error")]
