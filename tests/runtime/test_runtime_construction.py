"""The model as the target returned it, construction-time facts, and crashes turned into findings
(issue 10, families 2 and 7): real Keras, cases in tests/runtime/construction_cases/."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

CASES = Path(__file__).parent / "construction_cases"

EXPECTED = {
    "built_no_call_embedding": {"LD005"},  # model.build(shape) on a model without build()
    "built_layer_creates_in_build": {"LD005"},  # a Layer's build() creates sublayers (a dict) unbuilt
    "built_ok_sublayers_built": set(),
    "built_ok_returned_unbuilt": set(),  # never built, never called: the user calls it later
    "reset_frozen_before_super": {"LD013"},
    "reset_ok_after_super": set(),
    "init_never_called": {"LD013"},  # AttributeError on Keras's private state, not Keras's own message
    "fixed_dim_in_init": {"LD004"},  # a matmul size error from a weight made in __init__
    "init_called_twice": {"LD013"},  # the second super().__init__() drops the name the first was given
    "fixed_dim_ok": {"LD004"},  # runs: the warning that only this width works (as lint's)
    "tensor_kept_from_build": {"LD001", "LD010"},  # "out of scope": a tensor of the build trace
    "lambda_reads_keras_tensor": {"LD012"},  # output shape not inferable: a closure over a KerasTensor
    "lambda_arguments_keras_tensor": {"LD012"},  # no crash: a call returns a KerasTensor
    "lambda_arguments_ok": set(),
}


def _report(name):
    return inspect_target(f"{CASES / name}.py:build_model")


def _load(name):
    spec = importlib.util.spec_from_file_location(name, CASES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_codes(name):
    report = _report(name)
    assert {f.code for f in report.findings} == EXPECTED[name], [f.message for f in report.findings]
    for finding in report.findings:
        assert finding.path.endswith(f"{name}.py"), finding.path  # the user's file, never Keras's


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_unbuilt_as_returned_names_sublayers_and_parameters():
    (finding,) = _report("built_no_call_embedding").findings
    assert finding.extra["unbuilt"] == ["embed (Embedding)", "rnn (GRU)", "out (Dense)"]
    assert finding.extra["params"] == 50 * 8 + 3 * (8 * 6 + 6 * 6 + 2 * 6) + 6 * 2 + 2


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_reset_names_the_values():
    (finding,) = _report("reset_frozen_before_super").findings
    assert finding.attribute == "trainable"
    assert (finding.extra["before"], finding.extra["after"]) == ("False", "True")
    assert "super().__init__(**kwargs)" in (CASES / "reset_frozen_before_super.py").read_text().splitlines()[finding.line - 1]


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_the_construction_watch_is_removed():
    import keras

    before = keras.layers.Layer.__init__
    _report("reset_ok_after_super")
    assert keras.layers.Layer.__init__ is before


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_wrong_input_shape_is_a_usage_error_not_ld008(tmp_path):
    path = tmp_path / "wide.py"
    path.write_text("import keras\n\ndef build_model():\n    i = keras.Input((20,))\n"
                    "    return keras.Model(i, keras.layers.Dense(1)(keras.layers.Dense(4)(i)))\n")
    with pytest.raises(UsageError) as raised:
        inspect_target(f"{path}:build_model", input_shapes=[(2, 7)])
    assert "Input((20,))" in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_ld005_after_a_call_points_at_the_user_line_creating_a_builtin_layer(tmp_path):
    path = tmp_path / "skip.py"
    path.write_text("import keras\n\n\nclass M(keras.Model):\n    def __init__(self):\n        super().__init__()\n"
                    "        self.used = keras.layers.Dense(2)\n        self.extra = [keras.layers.Dense(3)]\n\n"
                    "    def call(self, x):\n        return self.used(x)\n\n\n"
                    "def build_model():\n    return M(), keras.ops.ones((2, 4))\n")
    report = inspect_target(f"{path}:build_model")
    (finding,) = [f for f in report.findings if f.code == "LD005"]
    assert finding.path.endswith("skip.py") and finding.line == 8


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_a_failure_report_shows_the_partial_tree_and_matches_the_schema():
    import json
    from importlib import resources

    import jsonschema

    report = _report("init_never_called")  # the target itself raised: the outermost layer it made
    assert report.params["partial"] and report.tree.class_name == "Net"
    assert [child.class_name for child in report.tree.children] == ["Dense", "Scale"]
    schema = json.loads(resources.files("layerdoctor").joinpath("data/report.schema.json").read_text())
    jsonschema.validate(report.to_dict(), schema)


def test_a_hand_sized_weight_that_fits_its_input_is_only_a_warning():
    layer, x = _load("fixed_dim_ok").build_model()
    assert tuple(layer(x).shape) == (3, 6)  # runs: the width given by hand is the data's
    assert [(f.code, f.severity, f.attribute) for f in _report("fixed_dim_ok").findings] == \
        [("LD004", "warning", "kernel")]


def test_keras_a_second_super_init_drops_the_name():
    model = _load("init_called_twice").build_model()
    assert [layer.name for layer in model.layers][1] != "att"
    (finding,) = _report("init_called_twice").findings
    assert (finding.code, finding.attribute, finding.line) == ("LD013", "name", 10)
