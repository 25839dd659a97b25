"""LD013 severity for a sublayer assigned before super().__init__(): on Keras 3 only the torch backend
raises (measured for a Layer, a subclassed Model and a functional Model subclass, ld013j), so a warning;
tf.keras 2 Models raise on every backend (BEHAVIOUR.md E22), an error for that target."""
from pathlib import Path

from layerdoctor import lint_paths

CASE = Path(__file__).resolve().parent / "cases_static" / "ld013j_model_sublayer_before_super_torch_only__k3.py"


def test_models_assigning_sublayers_before_super_get_a_warning_on_keras3():
    findings = [f for f in lint_paths([CASE], use_cache=False).findings if f.code == "LD013"]
    assert len(findings) == 3 and {f.severity for f in findings} == {"warning"}


def test_a_second_init_resetting_a_name_nobody_passes_is_a_warning():
    """super().__init__(name=name) then super().__init__(**kwargs): the name is lost only when one is given. The
    class no one in the file names gets a warning; the one made with name="enc" (measured: renamed) an error;
    trainable=False passed first is reset whatever the callers do, an error."""
    case = CASE.with_name("ld013k_super_init_called_twice__k3.py")
    findings = [f for f in lint_paths([case], use_cache=False).findings if f.code == "LD013"]
    assert {f.class_name: f.severity for f in findings} == {
        "NamedTwice": "warning", "NamedByItsCaller": "error", "FrozenTwice": "error"}
