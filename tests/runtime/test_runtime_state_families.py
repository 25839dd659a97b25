"""The gradient and untracked-state checks on issue 10's families (targets/state_families.py):
frozen copies (LD010), weights trained only in training mode or through a loss (no LD009),
integer outputs (LD009 from what the forward pass reads), constant buffers (no LD001),
wiring-time state in functional code (LD012, LD011), variables behind a held object (LD011),
stateless layers made per call (no LD002). Real Keras, no mocks."""

import ast

import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FAMILIES = TARGETS / "state_families.py"

# target -> the codes it must report (any severity but info), and nothing else
EXPECTED = {
    "bug_frozen_normalised_kernel": {"LD010", "LD009"},  # the copy, and the weight call() never reads
    "bug_frozen_reshaped_table": {"LD010", "LD009"},  # the copy, and the weight call() never reads
    "bug_frozen_copy_of_inherited_kernel": {"LD010", "LD009"},  # the copy, and the weight call() never reads
    "ok_normalised_in_call": set(),
    "ok_weight_read_only_when_training": set(),
    "ok_weight_trained_by_add_loss": set(),
    "ok_weight_read_by_compiled_loss": set(),
    "bug_int_output_weight_never_read": {"LD009"},
    "ok_int_output_every_weight_read": set(),
    # (a warning since stop 30: `dropout_noise`, a random tensor drawn once in build(), is never re-drawn or
    # saved, the shape of held-out 23's NoisyNet bug; the mask, index and position tables stay clean)
    "ok_constant_buffers": {"LD001"},
    "bug_random_projection_tensor": {"LD001"},
    "bug_random_kernel_tensor": {"LD001"},
    "bug_lambda_closure_weight_copy": {"LD012"},
    "bug_op_on_numpy_copy_of_weight": {"LD012"},
    "bug_lambda_input_list_native_variable": {"LD012"},
    "bug_lambda_arguments_keras_tensor": {"LD012"},
    "ok_lambda_arguments_and_constants": set(),
    "bug_layer_called_on_array_while_wiring": {"LD011"},
    "ok_positions_inside_call": set(),
    "bug_variable_in_plain_object": {"LD011"},
    "bug_variable_in_tf_module": {"LD011"},
    "ok_stateless_layers_created_in_call": set(),
}


def _report(name):
    return inspect_target(f"{FAMILIES}:{name}")


def test_every_target_has_an_expectation():
    defined = {n.name for n in ast.parse(FAMILIES.read_text()).body
               if isinstance(n, ast.FunctionDef) and n.name.startswith(("bug_", "ok_"))}
    assert defined == set(EXPECTED)


def test_a_filter_written_by_hand_under_a_weight_name_is_a_warning_that_says_so():
    # a few values repeated (a Sobel pair): fixed data, not an initialiser's; a random tensor in the
    # same attribute stays an error (bug_random_kernel_tensor)
    report = _report("fixed_filters_written_by_hand")
    (finding,) = report.findings
    assert (finding.code, finding.severity) == ("LD001", "warning")
    assert "heuristic" in finding.message and finding.attribute.endswith("edge_kernel")
    assert report.exit_code() == 0
    (error,) = _report("bug_random_kernel_tensor").findings
    assert (error.code, error.severity) == ("LD001", "error")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_family_target_reports_exactly_the_expected_codes(name):
    report = _report(name)
    found = {f.code for f in report.findings if f.severity != "info"}
    assert found == EXPECTED[name], [f.message for f in report.findings]
    if name.startswith("ok_"):
        assert report.exit_code() == 0


def test_frozen_copy_names_the_copy_and_the_weight_and_says_it_is_a_heuristic():
    (finding,) = [f for f in _report("bug_frozen_normalised_kernel").findings if f.code == "LD010"]
    assert finding.attribute == "unit_v"
    assert "UnitNormDense.v" in finding.message and "heuristic" in finding.message
    assert finding.extra["variable"].endswith("/v")
    # LD010 explains the tensor (not LD001); the weight itself, unused by call(), is LD009 as well


def test_value_based_raw_tensor_is_a_warning_that_says_so():
    (finding,) = _report("bug_random_projection_tensor").findings
    assert finding.severity == "warning" and "heuristic" in finding.message


def test_layer_called_while_wiring_points_at_the_call():
    (finding,) = _report("bug_layer_called_on_array_while_wiring").findings
    lines = FAMILIES.read_text().splitlines()
    assert "np.eye" in lines[finding.line - 1]
    assert finding.path.endswith("state_families.py")


def test_integer_output_finding_names_only_the_unread_weight():
    (finding,) = _report("bug_int_output_weight_never_read").findings
    assert finding.attribute == "gate" and "never read" in finding.message
