"""tf.keras 2: one story per case. For every `__tf` case of ../shared/behaviour/cases (copied
verbatim into tests/cases) and the project's own tf.* cases, three things are held together on
the real tf-keras: what the library itself does (measured here, tfkeras_measure.py), what
`inspect` reports, and what `lint --target tf-keras` reports.

The expected cells are BEHAVIOUR.md's tf-keras 2 column (the whole model for functional cases);
`bug` says whether that behaviour loses or breaks weights on tf.keras 2. The story holds when a
bug gets an error from both detectors and code that works gets an error from neither.
"""

from dataclasses import dataclass

import pytest
from runtime_helpers import CASES, case_path, case_target, codes, load_case
from tfkeras_measure import measure

from layerdoctor import lint_paths
from layerdoctor.runtime.api import inspect_target

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("tfk2")]


@dataclass(frozen=True)
class Story:
    behaviour: str  # measured on tf-keras 2.21 (tfkeras_measure.measure)
    bug: bool  # the behaviour loses, re-creates or breaks weights
    runtime: frozenset  # codes `inspect` reports on tf.keras 2
    lint: frozenset  # codes `lint --target tf-keras` reports (LD007 only where sharing is the subject)
    why: str = ""  # when the two detectors differ: why both are right


def story(behaviour, bug, runtime=(), lint=None, why=""):
    return Story(behaviour, bug, frozenset(runtime), frozenset(runtime if lint is None else lint), why)


STORIES = {
    "ld001a_tensor_in_build": story("0w/0p", True, {"LD001"}),
    "ld001b_numpy_in_init": story("0w/0p", True, {"LD001"}),
    "ld002a_sublayer_in_call": story("0w/0p", True, {"LD002"}),
    "ld002b_variable_in_call": story("0w/0p", True, {"LD002"}),
    # tf.keras 2 accepts add_weight / a sublayer in call(): a new variable per call, the one
    # listed gets no gradient (BEHAVIOUR.md LD002c/e); LD002 explains the missing gradient
    "ld002c_add_weight_in_call": story("1w/12p G:Variable=none", True, {"LD002"}),
    "ld002d_tensor_in_call": story("0w/0p", True, {"LD002"}),
    "ld002e_sublayer_assigned_in_call": story("2w/15p G:kernel,bias=none", True, {"LD002"}),
    # tf.keras 2 refuses variables created inside a Lambda (E20)
    "ld002f_state_created_in_lambda": story("raises ValueError", True, {"LD002"}, {"LD002", "LD012"},
                                            why="inspect runs make_functional only; lint also reads the "
                                                "file's other Lambdas"),
    # tf.keras 2 tracks tf.Variables: LD003 is not a bug there (2 weights, trained)
    "ld003_foreign_variable": story("2w/15p G✓", False),
    "ld003b_nested_foreign_variable": story("1w/12p G✓", False),
    # works for the input size given by hand; both warn that another size fails
    "ld004_fixed_input_dim": story("2w/15p G✓", False, {"LD004"}),
    "ld005a_unbuilt_sublayer_model": story("4w/67p G✓", True, {"LD005"}),
    "ld005b_unbuilt_sublayer_layer": story("2w/15p G✓", True, {"LD005"}),
    # tf.keras 2's Model.build(shape) traces call(): every sublayer gets built
    "ld005c_explicit_build_skips_call": story("4w/49p", False),
    # de-duplicated on tf.keras 2 (BEHAVIOUR.md surprise 1): counted once, trained
    # both warn (warning, not error): the private list works by accident and Keras 3 lacks it
    "ld006a_private_weight_list": story("2w/15p G✓", False, {"LD006"}),
    "ld006b_assign_trainable_weights": story("raises AttributeError", True, {"LD006"}),
    "ld007_shared_layer": story("4w/49p", False, {"LD007"}),
    "ld007b_reuse_across_runs": story("2w/72p", False, {"LD007"}),
    "ld008a_incompatible_reuse_custom": story("raises ValueError", True, {"LD008"}),
    "ld008b_incompatible_reuse_dense": story("raises ValueError", True, {"LD008"}),
    "ld008c_reuse_on_own_output": story("raises ValueError", True, {"LD008"}),
    "ld009a_unused_weight": story("2w/15p G:bias=none", True, {"LD009"}),
    "ld009b_stop_gradient": story("2w/15p G:kernel=none", True, {"LD009"}),
    "ld009c_numpy_in_call": story("2w/15p G:kernel=none", True, {"LD009"}),
    "ld009d_round": story("2w/15p G:kernel=none", True, {"LD009"}),
    # tf.keras 2 drops the re-assigned variable from the weights: 1w/3p (BEHAVIOUR.md surprise 3)
    "ld010a_transpose_shadow": story("1w/3p G✓", True, {"LD010"}),
    "ld010b_arith_on_add_weight": story("2w/15p G:scale=none", True, {"LD010"}),
    "ld011a_plain_object": story("0w/0p", True, {"LD011"}),
    "ld011b_global_layer": story("2w/27p G✓", True, {"LD011"}),  # the global's 40 are not counted
    "ld011c_closure": story("0w/0p", True, {"LD011"}),
    "ld011f_layer_on_constant_at_wiring": story("2w/20p", True, {"LD011"}),
    "ld012_lambda_captured": story("raises ValueError", True, {"LD012"}),  # E20
    "ld012b_lambda_captured_variable": story("2w/5p", True, {"LD012"}),  # W6: the variable is untracked
    "ld012c_lambda_wiring_state": story("raises ValueError", True, {"LD012"}),
    # a Layer accepts a sublayer before super().__init__(); a Model raises (E22)
    "ld013a_sublayer_before_super_layer": story("2w/15p G✓", False),
    "ld013b_sublayer_before_super_model": story("raises RuntimeError", True, {"LD013"}),
    "myth1_nested_no_build": story("1w/12p G✓", False),
    "myth2_build_without_super": story("1w/20p G✓", False),
    "myth3_reused_layer": story("4w/25p", False, {"LD007"}),
}

TF_CASES = sorted(p.stem for p in CASES.glob("*__tf.py"))

# The runtime reports these on another line than the `# LDnnn` marker (a call site or a use).
LINE_IS_A_USE = {("ld007_shared_layer", "LD007"), ("ld007b_reuse_across_runs", "LD007"),
                 ("myth3_reused_layer", "LD007"), ("ld011b_global_layer", "LD011"), ("ld011c_closure", "LD011"),
                 ("ld011f_layer_on_constant_at_wiring", "LD011")}


def test_every_tf_case_has_a_story():
    assert sorted(STORIES) == sorted(name.rsplit("__", 1)[0] for name in TF_CASES)


def _lint_codes(path, marked) -> set:
    report = lint_paths([path], use_cache=False, target="tf-keras")
    assert not report.errors
    found = {f.code for f in report.findings}
    return found if "LD007" in marked else found - {"LD007"}


@pytest.mark.parametrize("name", TF_CASES)
def test_behaviour_runtime_and_lint_tell_one_story(name):
    expected = STORIES[name.rsplit("__", 1)[0]]
    # 1. what tf.keras 2 itself does
    assert measure(load_case(name)) == expected.behaviour
    # 2. what inspect reports, on tf.keras 2
    target, shapes = case_target(name)
    report = inspect_target(target, input_shapes=shapes)
    assert report.keras["package"] == "tf-keras" and report.keras["backend"] == "tensorflow"
    assert codes(report) == expected.runtime, [f.message for f in report.findings]
    assert all(f.target == "tf-keras" and f.detector == "runtime" and f.fix for f in report.findings)
    # 3. what lint --target tf-keras reports
    lint = lint_paths([case_path(name)], use_cache=False, target="tf-keras")
    assert _lint_codes(case_path(name), expected.lint) == expected.lint
    # one story: a bug gets an error from both detectors, working code from neither
    runtime_errors = [f for f in report.findings if f.severity == "error"]
    lint_errors = [f for f in lint.findings if f.severity == "error"]
    if expected.bug:
        assert runtime_errors and lint_errors
    else:
        assert not runtime_errors and not lint_errors
    runtime_severity = {f.code: f.severity for f in report.findings}
    assert all(runtime_severity[f.code] == f.severity for f in lint.findings if f.code in runtime_severity)
    if expected.runtime != expected.lint:
        assert expected.why, "say why the detectors differ"


@pytest.mark.parametrize("name", [n for n in TF_CASES if STORIES[n.rsplit("__", 1)[0]].runtime])
def test_runtime_finding_points_at_the_marked_line(name):
    stem = name.rsplit("__", 1)[0]
    target, shapes = case_target(name)
    lines = case_path(name).read_text().splitlines()
    for finding in inspect_target(target, input_shapes=shapes).findings:
        assert finding.path.endswith(f"{name}.py"), finding.path
        if (stem, finding.code) not in LINE_IS_A_USE:
            assert f"# {finding.code}" in lines[finding.line - 1], (finding.code, finding.line)


def test_tf_variable_is_tracked_and_counted():
    # BEHAVIOUR.md LD003, tf-keras 2: the tf.Variables are weights; inspect counts them, no finding.
    report = inspect_target(case_target("ld003_foreign_variable__tf")[0], input_shapes=[(2, 4)])
    assert report.findings == []
    assert (report.params["total"], report.params["untracked"]) == (4 * 3 + 3, 0)


def test_dropped_variable_is_named():
    # BEHAVIOUR.md LD010a, tf-keras 2: re-assigning the attribute drops the kernel from the weights.
    report = inspect_target(case_target("ld010a_transpose_shadow__tf")[0], input_shapes=[(2, 4)])
    (finding,) = report.findings
    assert "dropped the variable" in finding.message and finding.attribute == "kernel"
    assert report.params["total"] == 3  # the bias only, as tf.keras 2 counts it
