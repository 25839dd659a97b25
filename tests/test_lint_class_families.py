"""Static checks on layer classes added for the real-world collection (issue 10): frozen copies of
weights (LD010), foreign variables in containers (LD003), tf.Module holders and factory closures
(LD011), constructor arrays (LD001), Keras 3 tracker lists (LD006), no-gradient paths (LD009) and
the order of Layer.__init__ with mixins (LD013).

Cases whose runtime report points elsewhere (inspect names a built-in layer's weight in Keras's own
source, or labels a frozen copy LD001/LD009) live in tests/cases_static: lint only. Each marks its
expected findings with a trailing `# LD0NN`, as in tests/cases; twins in the same file stay clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import harness
import pytest

from layerdoctor import lint_paths

ROOT = Path(__file__).resolve().parents[1]
STATIC_CASES = sorted((ROOT / "tests" / "cases_static").glob("*.py"))
MARK = re.compile(r"#\s*(LD\d{3})")


def marked(text: str) -> set[tuple[int, str]]:
    out = set()
    for number, line in enumerate(text.splitlines(), 1):
        if number == 1 and line.startswith("# LD"):
            continue  # the title line
        out.update((number, m.group(1)) for m in MARK.finditer(line))
    return out


def found(path: Path, **options) -> set[tuple[int, str]]:
    report = lint_paths([path], use_cache=False, **options)
    assert not report.errors
    shared_layer_case = path.stem.startswith("ld007")  # elsewhere LD007 (info) rides along unmarked
    return {(f.line, f.code) for f in report.findings if shared_layer_case or f.code != "LD007"}


@pytest.mark.parametrize("path", STATIC_CASES, ids=lambda p: p.stem)
def test_static_cases_report_exactly_their_markers(path):
    assert found(path) == marked(path.read_text())


# Other spellings of the same bugs, and the correct look-alikes next to them.
SPELLINGS = {
    "ld003_subscript_and_append": """
        import keras
        import tensorflow as tf
        import torch


        class Banks(keras.layers.Layer):
            def build(self, input_shape):
                self.bank = {}
                self.extra = []
                for key in ("a", "b"):
                    self.bank[key] = tf.Variable(tf.zeros((input_shape[-1],)))  # LD003
                for _ in range(2):
                    self.extra.append(torch.nn.Parameter(torch.zeros(input_shape[-1])))  # LD003
                self.ok = [self.add_weight(shape=(input_shape[-1],)) for _ in range(2)]

            def call(self, x):
                return x + self.bank["a"] + self.extra[0] + self.ok[0]
    """,
    "ld003_list_of_variables_tf_keras_is_fine": """
        import tf_keras as keras
        import tensorflow as tf


        class Gains(keras.layers.Layer):
            def build(self, input_shape):
                self.gains = [tf.Variable(tf.ones((input_shape[-1],))) for _ in range(3)]

            def call(self, x):
                return x * self.gains[0]
    """,
    "ld010_concat_through_local": """
        import keras
        from keras import ops


        class Padded(keras.layers.Layer):
            def build(self, input_shape):
                self.rows = self.add_weight(shape=(9, 4), name="rows")
                table = ops.concatenate([ops.zeros((1, 4)), self.rows], axis=0)
                self.table = table  # LD010
                self.n_rows = self.rows.shape[0] + 1
                self.rows_alias = self.rows

            def call(self, ids):
                return ops.take(self.table, ids, axis=0) + ops.take(self.rows_alias, ids % self.n_rows, axis=0)
    """,
    "ld010_copy_recomputed_in_call_is_fine": """
        import keras
        from keras import ops


        class Recomputed(keras.layers.Layer):
            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], 3), name="kernel")
                self.kernel_t = ops.transpose(self.kernel)  # a placeholder, replaced on every call

            def call(self, x):
                self.kernel_t = ops.transpose(self.kernel)
                return ops.matmul(x, ops.transpose(self.kernel_t))
    """,
    "ld011_plain_holder_list": """
        import keras


        class Heads:
            def __init__(self):
                self.items = []
                self.items.append(keras.layers.Dense(2))


        class Model(keras.Model):
            def __init__(self):
                super().__init__()
                self.heads = Heads()  # LD011
                self.tracked = [keras.layers.Dense(2)]
                self.named = {"a": {"b": keras.layers.Dense(2)}}

            def call(self, x):
                return self.heads.items[0](x) + self.tracked[0](x) + self.named["a"]["b"](x)
    """,
    "ld011_factory_returning_a_function_of_no_layer_is_fine": """
        import keras
        from keras import ops


        def make_activation(alpha):
            def act(x):
                return ops.maximum(x, alpha * x)
            return act


        class Leaky(keras.layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.act = make_activation(0.2)

            def call(self, x):
                return self.act(x)
    """,
    "ld013_other_spellings": """
        import keras


        class A(keras.layers.Layer):
            def __init__(self, **kwargs):
                self.trainable = False  # LD013
                super(A, self).__init__(**kwargs)


        class B(keras.layers.Layer):
            def __init__(self, **kwargs):
                self.name_hint = "b"
                keras.layers.Layer.__init__(self, **kwargs)
                self.trainable = False
    """,
    "ld001_constructor_config_is_fine": """
        import keras
        import numpy as np
        from keras import ops


        class Scale(keras.layers.Layer):
            def __init__(self, factor, positions, **kwargs):
                super().__init__(**kwargs)
                self.factor = factor
                self.positions = positions

            def call(self, x):
                return x * self.factor + ops.take(self.positions, ops.arange(4))


        def make():
            return Scale(2.0, np.arange(16))
    """,
    "ld001_constructor_array_made_a_tensor_in_build": """
        import keras
        import tensorflow as tf


        class Offset(keras.layers.Layer):
            def __init__(self, init, **kwargs):
                super().__init__(**kwargs)
                self.init = init  # LD001

            def build(self, input_shape):
                self.init = tf.constant(self.init, dtype=tf.float32)

            def call(self, x):
                return x + self.init
    """,
    "ld009_outside_add_weight_on_project_layer_is_fine": """
        import keras


        class Head(keras.layers.Layer):
            def call(self, x):
                return x * self.temperature


        def make():
            head = Head()
            head.temperature = head.add_weight(shape=(), initializer="ones")
            return head
    """,
}


@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_spellings(tmp_path, name):
    path = harness.write(tmp_path / f"{name}.py", SPELLINGS[name], strip_leading_newlines=False)
    assert found(path) == marked(path.read_text())


def test_heuristic_findings_are_warnings():
    """LD001 from a constructor argument and LD009 from a sublayer or an output are inferred from use."""
    for stem in ("ld009e_sublayer_behind_stop_gradient__k3", "ld009f_output_through_argmax__k3"):
        report = lint_paths([ROOT / "tests" / "cases_static" / f"{stem}.py"], use_cache=False)
        assert {f.severity for f in report.findings if f.code == "LD009"} == {"warning"}
    report = lint_paths([ROOT / "tests" / "cases" / "ld001c_constructor_array__k3.py"], use_cache=False)
    assert [(f.code, f.severity) for f in report.findings] == [("LD001", "warning")]
    assert "heuristic" in report.findings[0].message


def test_tracker_list_is_a_keras3_finding_only(tmp_path):
    path = ROOT / "tests" / "cases_static" / "ld006k_model_keeps_all_its_layers_in_a_rebound_layers_list__k3.py"
    assert {code for _, code in found(path, target="keras3")} == {"LD006"}
    assert found(path, target="tf-keras") == set()


def test_state_made_by_helpers_imported_from_another_file(tmp_path):
    """LD002 follows call() into functions imported from another file of the project (by name or through
    the module) and into a plain object's methods there; a helper there that only wires weightless
    layers, or that receives its layers, stays clean (ld002i measured these on Keras 3)."""
    root = tmp_path / "proj"
    harness.write(root / "pyproject.toml", "")
    harness.write(root / "pkg" / "__init__.py", "")
    harness.write(root / "pkg" / "blocks.py", """
        from keras import layers


        def conv_block(x, filters):
            x = layers.Conv1D(filters, 3, padding="same")(x)
            return layers.Activation("relu")(x)


        def head(x):
            return conv_block(x, 3)


        def activate(x):
            return layers.Activation("relu")(x)


        def apply(x, conv):
            return conv(x)


        class Stack:
            def __init__(self, filters):
                self.filters = filters

            def __call__(self, x):
                return head(conv_block(x, self.filters))
    """)
    model = harness.write(root / "pkg" / "model.py", """
        from keras import layers

        from . import blocks
        from .blocks import Stack, activate, apply, conv_block


        class Imported(layers.Layer):
            def call(self, x):
                return conv_block(x, 3)  # LD002


        class ViaModule(layers.Layer):
            def call(self, x):
                return blocks.head(x)  # LD002


        class HeldStack(layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.stack = Stack(4)

            def call(self, x):
                return self.stack(x)  # LD002


        class Weightless(layers.Layer):
            def call(self, x):
                return activate(x)


        class Receives(layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.conv = layers.Conv1D(3, 3)

            def call(self, x):
                return apply(x, self.conv)
    """)
    assert found(model) == marked(model.read_text())
    assert found(model, target="tf-keras") == marked(model.read_text())


def test_fixed_filters_from_typed_in_numbers_are_warnings():
    """LD001j: values computed only from number lists typed in by hand (a blur, a Sobel pair) are a
    heuristic warning; random or filled arrays under a weight's name stay errors."""
    report = lint_paths([ROOT / "tests" / "cases_static" / "ld001j_fixed_filters_from_a_formula_of_literals__k3.py"],
                        use_cache=False)
    severities = {f.line: f.severity for f in report.findings if f.code == "LD001"}
    assert severities == {27: "error", 39: "error", 48: "error", 61: "warning", 72: "warning"}
    assert all("heuristic" in f.message for f in report.findings if f.severity == "warning")


def test_a_traced_call_without_build_is_keras3_only():
    """LD009zc/LD002n: on tf.keras 2 a @tf.function call() of a class without build() builds its
    sublayers eagerly and they train (measured with tf-keras 2.21: no None gradient), so neither code
    fires for that target (the corpus's tf_keras test model got an LD009 error before)."""
    path = ROOT / "tests" / "cases_static" / "ld009zc_tf_function_call_on_a_class_without_build__k3.py"
    assert {code for _, code in found(path, target="keras3")} >= {"LD002", "LD009"}
    assert {code for _, code in found(path, target="tf-keras")} & {"LD002", "LD009"} == set()


def test_a_filter_typed_as_a_list_and_normalised_in_place_is_a_warning():
    """LD001n (held-out 21, StyleGAN's LowPassFilter2D): `k = [[...]]; k = k / np.sum(k)` is still typed in
    by hand (the local's own rebinding does not hide that); a random array normalised the same way
    stays an error."""
    report = lint_paths([ROOT / "tests" / "cases_static" / "ld001n_filter_typed_as_a_list_then_normalised__k3.py"],
                        use_cache=False)
    assert {f.line: f.severity for f in report.findings if f.code == "LD001"} == {25: "warning", 36: "error"}


def test_explicit_build_of_a_model_from_a_factory_imported_under_another_name(tmp_path):
    """WZMIAOMIAO's ConvNeXt train.py: `from model import convnext_tiny as create_model`, then
    `model.build(shape)` before load_weights (held-out 41; ld005zr measured the same model made in one
    file: 0 weights after build()). The factory is read in its own file; calling the model on data after
    build() is no finding."""
    root = tmp_path / "proj"
    harness.write(root / "pyproject.toml", "")
    harness.write(root / "model.py", """
        import keras
        from keras import layers


        class Head(keras.Model):
            def __init__(self, classes):
                super().__init__()
                self.dense = layers.Dense(classes)

            def call(self, x):
                return self.dense(x)


        def head_tiny(classes):
            return Head(classes)
    """)
    harness.write(root / "train.py", """
        import numpy as np
        import tensorflow as tf
        from model import head_tiny as create_model


        def main():
            model = create_model(classes=5)
            model.build((1, 4))
            model.load_weights("pretrained.weights.h5")


        def fine():
            model = create_model(classes=5)
            model.build((1, 4))
            model(np.zeros((1, 4), "float32"))
    """)
    report = lint_paths([root], use_cache=False)
    assert [(Path(f.path).name, f.line, f.code) for f in report.findings] == [("train.py", 8, "LD005")]


def test_a_shadow_behind_an_option_no_instance_turns_on_is_a_warning(tmp_path):
    """LD010 under `if self.sparse:` (off by default, left off by every instance read) is a warning; the copy
    stored on a layer call() runs stays an error; an instance made with sparse=True makes the shadow an error."""
    source = ROOT / "tests" / "cases_static" / "ld010v_copies_on_a_layer_run_by_call_and_an_option_left_off__k3.py"
    report = lint_paths([source], use_cache=False)
    assert {f.line: f.severity for f in report.findings if f.code == "LD010"} == {23: "error", 40: "warning"}
    turned_on = harness.write(tmp_path / "on.py", source.read_text().replace("Reservoir(8)", "Reservoir(8, sparse=True)"))
    report = lint_paths([turned_on], use_cache=False)
    assert {f.line: f.severity for f in report.findings if f.code == "LD010"} == {23: "error", 40: "error"}
