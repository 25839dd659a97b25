"""One story per flavour: for every case this Keras 3 backend can run, three things hold together.

1. What the real backend does, measured here with Keras alone (`measure.py`): weights counted,
   gradients None or zero, the exception raised. Expected values are BEHAVIOUR.md's Keras 3 columns
   (eager mode) for the shared cases, which tests/cases holds byte-identical copies of (from
   ../shared/behaviour/cases); the project's own cases (ld001c, ld002f, ld003c, ld005c-d, ld006c-d,
   ld007b, ld008c, ld011d-f, ld012c, ld013c-d) were measured with measure.py on each backend.
2. What `inspect` reports on that backend.
3. What `lint --target keras3` reports (it cannot know the backend).

Where lint reports a code the runtime does not, LINT_ONLY says why on that backend; the runtime
never reports a code lint does not. A failure, or a weight without a real gradient, is always
explained by a runtime finding, and a runtime LD009 always comes with a measured missing gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import current_flavour
from measure import measure, summary
from runtime_helpers import CASES, case_path, case_target

from layerdoctor import lint_paths
from layerdoctor.runtime.api import inspect_target

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax", "k3torch")]

FLAVOUR = current_flavour()
# case files each backend runs: the keras.ops ones, and its own LD003 files
SUFFIXES = {"k3tf": ("k3", "tf"), "k3jax": ("k3", "jax"), "k3torch": ("k3", "torch")}
# project cases written with tf.* ops: they need TensorFlow installed
NEEDS_TENSORFLOW = {"ld003c_foreign_variable_container", "ld011e_tf_module_holder"}


@dataclass
class Story:
    lint: set[str]
    k3tf: tuple[str, set[str]]  # (measured, runtime codes)
    k3jax: tuple[str, set[str]] | None = None  # None: as on k3tf
    k3torch: tuple[str, set[str]] | None = None

    def on(self, flavour):
        return getattr(self, flavour) or self.k3tf


S = Story
E = set()  # no finding
STORIES = {
    "ld001a_tensor_in_build": S({"LD001"}, ("0w/0p", {"LD001"})),
    "ld001b_numpy_in_init": S({"LD001"}, ("0w/0p", {"LD001"})),
    "ld001c_constructor_array": S({"LD001"}, ("0w/0p", {"LD001"})),
    "ld002a_sublayer_in_call": S({"LD002"}, ("0w/0p", {"LD002"})),
    "ld002b_variable_in_call": S({"LD002"}, ("0w/0p", {"LD002"})),
    "ld002c_add_weight_in_call": S({"LD002"}, ("raises ValueError", {"LD002"})),
    "ld002d_tensor_in_call": S({"LD002"}, ("0w/0p", {"LD002"})),
    "ld002e_sublayer_assigned_in_call": S({"LD002"}, ("raises ValueError", {"LD002"})),
    "ld002f_state_created_in_lambda": S({"LD002", "LD012"}, ("0w/0p", {"LD002", "LD012"})),
    "ld003_foreign_variable": S({"LD003"}, ("0w/0p", {"LD003"})),
    # JAX: the array made while Keras traced the outer call() leaks a tracer (BEHAVIOUR.md E6)
    "ld003b_nested_foreign_variable": S({"LD003"}, ("0w/0p", {"LD003"}),
                                        k3jax=("raises UnexpectedTracerError", {"LD003"})),
    "ld003c_foreign_variable_container": S({"LD003"}, ("0w/0p", {"LD003"})),
    "ld004_fixed_input_dim": S({"LD004"}, ("2w/15p", {"LD004"})),
    "ld005a_unbuilt_sublayer_model": S({"LD005"}, ("4w/67p", {"LD005"})),
    "ld005b_unbuilt_sublayer_layer": S({"LD005"}, ("2w/15p", {"LD005"})),
    "ld005c_explicit_build_skips_call": S({"LD005"}, ("4w/49p", {"LD005"})),
    "ld005d_loop_skips_list_layers": S({"LD005"}, ("28w/558p", {"LD005"})),
    "ld006a_private_weight_list": S({"LD006"}, ("raises AttributeError", {"LD006"})),
    "ld006b_assign_trainable_weights": S({"LD006"}, ("raises AttributeError", {"LD006"})),
    "ld006c_tracker_list_name": S(E, ("4w/76p", E)),
    "ld006d_tracker_name_hides_layers_from_saving": S({"LD006"}, ("16w/280p", {"LD006"})),
    "ld007_shared_layer": S({"LD007"}, ("2w/40p", {"LD007"})),
    "ld007b_reuse_across_runs": S({"LD007"}, ("2w/72p", {"LD007"})),
    # the exception depends on the backend (BEHAVIOUR.md E10-E12, and E23 for keras.ops on TF)
    "ld008a_incompatible_reuse_custom": S({"LD007", "LD008"}, ("raises InvalidArgumentError", {"LD008"}),
                                          k3jax=("raises TypeError", {"LD008"}),
                                          k3torch=("raises RuntimeError", {"LD008"})),
    "ld008b_incompatible_reuse_dense": S({"LD007", "LD008"}, ("raises ValueError", {"LD008"})),
    "ld008c_reuse_on_own_output": S({"LD007", "LD008"}, ("raises ValueError", {"LD008"})),
    # TF and torch give None; JAX gives zeros (BEHAVIOUR.md surprise 7); torch round gives zero
    "ld009a_unused_weight": S({"LD009"}, ("2w/15p bias=none", {"LD009"}),
                              k3jax=("2w/15p bias=zero", {"LD009"})),
    "ld009b_stop_gradient": S({"LD009"}, ("2w/15p kernel=none", {"LD009"}),
                              k3jax=("2w/15p kernel=zero", {"LD009"})),
    "ld009c_numpy_in_call": S({"LD009"}, ("2w/15p kernel=none", {"LD009"}),
                              k3jax=("2w/15p bias=raises TracerArrayConversionError "
                                     "kernel=raises TracerArrayConversionError", {"LD009"})),
    "ld009d_round": S({"LD009"}, ("2w/15p kernel=none", {"LD009"}),
                      k3jax=("2w/15p kernel=zero", {"LD009"}), k3torch=("2w/15p kernel=zero", {"LD009"})),
    # torch: ops.transpose is a view of the variable, so the layer trains (BEHAVIOUR.md surprise 3)
    "ld010a_transpose_shadow": S({"LD010"}, ("2w/15p kernel=none", {"LD010"}),
                                 k3jax=("2w/15p kernel=zero", {"LD010"}), k3torch=("2w/15p", E)),
    # torch: the first backward() reaches the variable through the graph recorded in build(), but
    # call() reads a stale tensor (and fit's second backward raises, E19)
    "ld010b_arith_on_add_weight": S({"LD010"}, ("2w/15p scale=none", {"LD010"}),
                                    k3jax=("2w/15p scale=zero", {"LD010"}), k3torch=("2w/15p", {"LD010"})),
    "ld011a_plain_object": S({"LD011"}, ("0w/0p", {"LD011"})),
    "ld011b_global_layer": S({"LD011"}, ("2w/27p", {"LD011"})),
    "ld011c_closure": S({"LD011"}, ("0w/0p", {"LD011"})),
    "ld011d_factory_closure": S({"LD011"}, ("2w/20p", {"LD011"})),
    "ld011e_tf_module_holder": S({"LD011"}, ("0w/0p", {"LD011"})),
    "ld011f_layer_on_constant_at_wiring": S({"LD011"}, ("2w/20p", {"LD011"})),
    "ld012_lambda_captured": S({"LD012"}, ("0w/0p", {"LD012"})),
    "ld012b_lambda_captured_variable": S({"LD012"}, ("0w/0p", {"LD012"})),
    "ld012c_lambda_wiring_state": S({"LD012"}, ("2w/9p", {"LD012"})),
    # torch refuses a sublayer before Module.__init__ (BEHAVIOUR.md E21); TF and JAX accept it
    "ld013a_sublayer_before_super_layer": S({"LD013"}, ("2w/15p", E),
                                            k3torch=("raises AttributeError", {"LD013"})),
    "ld013b_sublayer_before_super_model": S({"LD013"}, ("2w/5p", E),
                                            k3torch=("raises AttributeError", {"LD013"})),
    "ld013c_super_never_called": S({"LD013"}, ("raises RuntimeError", {"LD013"})),
    "ld013d_setting_before_mixin_init": S({"LD013"}, ("1w/4p", {"LD013"})),
    "myth1_nested_no_build": S(E, ("1w/12p", E)),
    "myth2_build_without_super": S(E, ("1w/20p", E)),
    "myth3_reused_layer": S({"LD007"}, ("2w/20p", {"LD007"})),
}
# A case file whose measurement differs from its stem's: the tf.* LD008a fails while wiring (E10).
FILE_MEASURED = {"ld008a_incompatible_reuse_custom__tf": "raises ValueError"}

# Why lint reports a code the runtime does not: (stem, code) -> {flavour or "*": reason}
LINT_ONLY = {
    ("ld008a_incompatible_reuse_custom", "LD007"): {"*": "the runtime reports the failing reuse, LD008, instead"},
    ("ld008b_incompatible_reuse_dense", "LD007"): {"*": "the runtime reports the failing reuse, LD008, instead"},
    ("ld008c_reuse_on_own_output", "LD007"): {"*": "the runtime reports the failing reuse, LD008, instead"},
    ("ld010a_transpose_shadow", "LD010"): {
        "k3torch": "a torch transpose is a view of the variable: it trains here, not on TF or JAX"},
    ("ld013a_sublayer_before_super_layer", "LD013"): {
        "k3tf": "TensorFlow accepts it; lint reports it because torch raises",
        "k3jax": "JAX accepts it; lint reports it because torch raises"},
    ("ld013b_sublayer_before_super_model", "LD013"): {
        "k3tf": "TensorFlow accepts it; lint reports it because torch raises",
        "k3jax": "JAX accepts it; lint reports it because torch raises"},
}


def _runnable() -> list[str]:
    names = []
    for path in sorted(CASES.glob("*.py")):
        stem, suffix = path.stem.rsplit("__", 1)
        if suffix not in SUFFIXES.get(FLAVOUR, ()):
            continue
        if stem in NEEDS_TENSORFLOW and FLAVOUR != "k3tf":
            continue
        names.append(path.stem)
    return names


NAMES = _runnable()


def test_every_runnable_case_has_a_story():
    stems = {n.rsplit("__", 1)[0] for n in NAMES}
    skipped = NEEDS_TENSORFLOW if FLAVOUR != "k3tf" else set()
    assert stems == set(STORIES) - skipped, sorted(stems ^ (set(STORIES) - skipped))


@pytest.mark.parametrize("name", NAMES)
def test_measured_behaviour_runtime_and_lint_tell_one_story(name):
    stem = name.rsplit("__", 1)[0]
    story = STORIES[stem]
    expected_measured, expected_runtime = story.on(FLAVOUR)
    expected_measured = FILE_MEASURED.get(name, expected_measured)

    measured = measure(name)
    assert summary(measured) == expected_measured

    target, shapes = case_target(name)
    report = inspect_target(target, input_shapes=shapes)
    runtime = {f.code for f in report.findings}
    assert runtime == expected_runtime, [f.message for f in report.findings]
    assert report.keras["backend"] == {"k3tf": "tensorflow", "k3jax": "jax", "k3torch": "torch"}[FLAVOUR]

    lint = {f.code for f in lint_paths([str(case_path(name))], target="keras3", use_cache=False).findings}
    assert lint == story.lint

    # one story: the runtime says nothing lint does not, and lint's extra codes have a reason here
    assert runtime <= lint
    for code in lint - runtime:
        reasons = LINT_ONLY.get((stem, code), {})
        assert FLAVOUR in reasons or "*" in reasons, f"lint's {code} has no reason to be silent at runtime"
    # a failure, or a weight without a real gradient, is explained by a runtime finding
    if "raises" in measured:
        assert any(f.severity == "error" for f in report.findings)
    if measured.get("grads"):
        assert runtime & {"LD009", "LD010"}
    if "LD009" in runtime:
        assert measured.get("grads"), "a runtime LD009 needs a measured missing gradient"
