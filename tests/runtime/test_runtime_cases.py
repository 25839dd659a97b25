"""Every behaviour case, both flavours: the runtime inspector finds exactly the expected codes.

Expectations come from BEHAVIOUR.md (Keras 3 + TF column), not from the code under test.
"""

import pytest
from runtime_helpers import CASES, case_path, case_target, codes

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

# case stem (without flavour) -> codes the inspector must report, and nothing else
EXPECTED = {
    "ld001a_tensor_in_build": {"LD001"},
    "ld001b_numpy_in_init": {"LD001"},
    "ld001c_constructor_array": {"LD001"},
    "ld002a_sublayer_in_call": {"LD002"},
    "ld002b_variable_in_call": {"LD002"},
    "ld002c_add_weight_in_call": {"LD002"},
    "ld002d_tensor_in_call": {"LD002"},
    "ld002e_sublayer_assigned_in_call": {"LD002"},
    "ld002f_state_created_in_lambda": {"LD002", "LD012"},
    "ld003_foreign_variable": {"LD003"},
    "ld003b_nested_foreign_variable": {"LD003"},
    "ld003c_foreign_variable_container": {"LD003"},
    "ld004_fixed_input_dim": {"LD004"},  # works at runtime: the weight made in __init__ for the width called on
    "ld005a_unbuilt_sublayer_model": {"LD005"},
    "ld005b_unbuilt_sublayer_layer": {"LD005"},
    "ld005c_explicit_build_skips_call": {"LD005"},
    "ld005d_loop_skips_list_layers": {"LD005"},
    "ld006a_private_weight_list": {"LD006"},
    "ld006b_assign_trainable_weights": {"LD006"},
    "ld006c_tracker_list_name": set(),  # in a Model, Keras 3 saves `_layers` through model.layers (measured)
    "ld006d_tracker_name_hides_layers_from_saving": {"LD006"},
    "ld007_shared_layer": {"LD007"},
    "ld007b_reuse_across_runs": {"LD007"},
    "ld008a_incompatible_reuse_custom": {"LD008"},
    "ld008b_incompatible_reuse_dense": {"LD008"},
    "ld008c_reuse_on_own_output": {"LD008"},
    "ld009a_unused_weight": {"LD009"},
    "ld009b_stop_gradient": {"LD009"},
    "ld009c_numpy_in_call": {"LD009"},
    "ld009d_round": {"LD009"},
    "ld010a_transpose_shadow": {"LD010"},
    "ld010b_arith_on_add_weight": {"LD010"},
    "ld011a_plain_object": {"LD011"},
    "ld011b_global_layer": {"LD011"},
    "ld011c_closure": {"LD011"},
    "ld011d_factory_closure": {"LD011"},
    "ld011e_tf_module_holder": {"LD011"},
    "ld011f_layer_on_constant_at_wiring": {"LD011"},
    "ld012_lambda_captured": {"LD012"},
    "ld012b_lambda_captured_variable": {"LD012"},
    "ld012c_lambda_wiring_state": {"LD012"},
    # Keras 3 + TF accepts a sublayer assigned before super().__init__() (BEHAVIOUR.md, LD013a/b)
    "ld013a_sublayer_before_super_layer": set(),
    "ld013b_sublayer_before_super_model": set(),
    "ld013c_super_never_called": {"LD013"},
    # the reset `trainable` is invisible to inspect, which sees only the layer as built
    "ld013d_setting_before_mixin_init": {"LD013"},  # the reset is watched at runtime
    "myth1_nested_no_build": set(),
    "myth2_build_without_super": set(),
    "myth3_reused_layer": {"LD007"},  # info only: sharing explained, not an error
}

ALL_CASES = sorted(
    p.stem for p in CASES.glob("*.py")
    if p.stem.rsplit("__", 1)[0] in EXPECTED and p.stem.rsplit("__", 1)[1] in ("tf", "k3")
)

# Findings whose line is a call site or a use, not the line marked `# LD0xx` in the case.
LINE_IS_A_USE = {("myth3_reused_layer", "LD007"),
                 ("ld011c_closure", "LD011"), ("ld013c_super_never_called", "LD013"),
                 # the runtime points at the Layer.__init__ call that reset the setting
                 ("ld013d_setting_before_mixin_init", "LD013"),
                 # the runtime points at the sublayer left unbuilt, lint at the build(shape) call
                 ("ld005c_explicit_build_skips_call", "LD005"),
                 # the runtime points at the layer called on the constant, lint where its output joins
                 ("ld011f_layer_on_constant_at_wiring", "LD011")}


FLAVOURS = ("tf", "k3", "jax", "torch")  # the runtime inspector runs the Keras 3 + TensorFlow ones


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_every_case_file_is_known():
    """A new case file must get its expectation here; it is never skipped without a word."""
    unknown = sorted(p.name for p in CASES.glob("*.py")
                     if "__" not in p.stem or p.stem.rsplit("__", 1)[0] not in EXPECTED
                     or p.stem.rsplit("__", 1)[1] not in FLAVOURS)
    assert not unknown, f"add these case files to EXPECTED (or fix their flavour suffix): {unknown}"
    assert set(EXPECTED) <= {p.stem.rsplit("__", 1)[0] for p in CASES.glob("*.py")}


# Case files the inspector misses today, if any: strict, so a fix shows up as XPASS.
RUNTIME_MISSES: set[str] = set()


CHECKED_CASES = [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="the inspector misses this today (issue 10)"))
    if n.rsplit("__", 1)[0] in RUNTIME_MISSES else n
    for n in ALL_CASES
]


@pytest.mark.parametrize("name", CHECKED_CASES)
def test_case_reports_exactly_the_expected_codes(name):
    target, shapes = case_target(name)
    report = inspect_target(target, input_shapes=shapes)
    stem = name.rsplit("__", 1)[0]
    assert codes(report) == EXPECTED[stem], [f.message for f in report.findings]
    for finding in report.findings:
        assert finding.detector == "runtime"
        assert finding.target == "keras3"
        assert finding.name  # from the catalog
        assert finding.fix
        data = finding.to_dict()
        assert list(data)[:12] == ["code", "name", "severity", "message", "path", "line", "column", "detector",
                                   "target", "class", "attribute", "fix"]


@pytest.mark.parametrize("name", CHECKED_CASES)
def test_finding_points_at_the_marked_line(name):
    target, shapes = case_target(name)
    report = inspect_target(target, input_shapes=shapes)
    stem = name.rsplit("__", 1)[0]
    lines = case_path(name).read_text().splitlines()
    if not EXPECTED[stem]:
        assert report.findings == [], [f.message for f in report.findings]
        return
    assert report.findings, "expected findings to locate"
    for finding in report.findings:
        assert finding.path.endswith(f"{name}.py"), finding.path
        text = lines[finding.line - 1]
        if (stem, finding.code) in LINE_IS_A_USE:
            continue
        assert f"# {finding.code}" in text, (finding.code, finding.line, text)


# Cases whose runtime findings must sit where lint's do (line and column) with a filled-in fix.
SAME_PLACE_AS_LINT = ["ld001a_tensor_in_build__k3", "ld001b_numpy_in_init__k3", "ld001c_constructor_array__k3",
                      "ld002a_sublayer_in_call__k3", "ld002b_variable_in_call__k3", "ld002c_add_weight_in_call__k3",
                      "ld002d_tensor_in_call__k3", "ld002e_sublayer_assigned_in_call__k3",
                      "ld003_foreign_variable__tf", "ld003b_nested_foreign_variable__tf",
                      "ld003c_foreign_variable_container__k3", "ld007_shared_layer__k3", "ld007b_reuse_across_runs__k3",
                      "ld011b_global_layer__k3"]


@pytest.mark.parametrize("name", SAME_PLACE_AS_LINT)
def test_runtime_findings_sit_where_lint_puts_them_with_a_filled_fix(name):
    """Issue 8: the same line and column as lint for the same defect (not column 1, not a call
    site), and a fix with the measured shape, dtype and initializer, the constructor call and the
    name it was assigned to: no `...`, no `<the constructor call>`, no `self.x`."""
    from layerdoctor.static.checker import lint_paths

    target, shapes = case_target(name)
    report = inspect_target(target, input_shapes=shapes)
    linted = lint_paths([case_path(name)], use_cache=False, jobs=1)  # jobs=1: no fork after TensorFlow
    places = {(f.code, f.line, f.column): f.fix for f in linted.findings}
    assert report.findings
    for finding in report.findings:
        place = (finding.code, finding.line, finding.column)
        assert place in places, place
        if finding.code == "LD011":  # the same fix as lint's
            assert finding.fix == places[place], finding.fix
        else:
            assert "..." not in finding.fix and "<" not in finding.fix and "self.x " not in finding.fix, finding.fix
    if name.startswith(("ld001", "ld003")) and "container" not in name:
        assert all('dtype="float32"' in f.fix and "initializer=\"" in f.fix for f in report.findings)


@pytest.mark.parametrize("name", [n for n in ALL_CASES if n.startswith("myth")])
def test_myths_get_no_error(name):
    target, shapes = case_target(name)
    report = inspect_target(target, input_shapes=shapes)
    assert not [f for f in report.findings if f.severity == "error"]
    assert report.exit_code() == 0


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_shared_layer_names_both_call_sites():
    report = inspect_target(case_target("myth3_reused_layer__k3")[0])
    (finding,) = report.findings
    assert finding.severity == "info"
    assert finding.extra["call_sites"] == [f"{finding.path}:12", f"{finding.path}:13"]


@pytest.mark.flavours("k3tf", "k3jax", "k3torch")
def test_incompatible_reuse_names_shapes_and_both_calls():
    report = inspect_target(case_target("ld008b_incompatible_reuse_dense__k3")[0])
    (finding,) = report.findings
    assert finding.extra["built_for"] == "(None, 4)"
    assert finding.extra["got"] == "(None, 6)"
    assert finding.extra["first_call"].endswith(":13")
    assert finding.extra["failing_call"].endswith(":14")
    assert finding.line == 14


# (tracked params, untracked values) of the whole target, from BEHAVIOUR.md's Nw/Pp column
# (the layer under test) plus the plain Keras layers the functional cases add, counted by hand.
PARAMS = {
    "ld001a_tensor_in_build": (0, 4 * 3 + 3),
    "ld001b_numpy_in_init": (0, 4 + 4),
    "ld003_foreign_variable": (0, 4 * 3 + 3),
    "ld004_fixed_input_dim": (15, 0),
    "ld005a_unbuilt_sublayer_model": (67, 0),
    "ld005b_unbuilt_sublayer_layer": (15, 0),
    "ld007_shared_layer": (40 + 8 + 1, 0),  # shared Dense(8) counted once, plus the Dense(1) head
    "ld009a_unused_weight": (15, 0),
    "ld010a_transpose_shadow": (15, 0),  # counted, although call() never reads the variable
    "ld011a_plain_object": (0, (4 * 3 + 3) + (4 * 1 + 1)),
    "ld011b_global_layer": (27, 40),  # BEHAVIOUR.md surprise 11: the global's 40 are not counted
    "ld011c_closure": (0, 4 * 4 + 4),
    "ld012_lambda_captured": (0, 4 * 4 + 4 + 1),
    "ld012b_lambda_captured_variable": (4 + 1, 1),
    "ld013a_sublayer_before_super_layer": (15, 0),
    "ld013b_sublayer_before_super_model": (5, 0),
    "myth1_nested_no_build": (12, 0),
    "myth2_build_without_super": (20, 0),
    "myth3_reused_layer": (20 + 5, 0),
}


@pytest.mark.parametrize("name", [n for n in ALL_CASES if n.rsplit("__", 1)[0] in PARAMS])
def test_case_parameter_counts(name):
    target, shapes = case_target(name)
    report = inspect_target(target, input_shapes=shapes)
    total, untracked = PARAMS[name.rsplit("__", 1)[0]]
    assert (report.params["total"], report.params["untracked"]) == (total, untracked)
