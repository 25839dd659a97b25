"""The static checker never crashes: generated programs give findings or one-line errors, nothing else."""

from __future__ import annotations

import textwrap

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layerdoctor import lint_paths

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def lint_source(tmp_path_factory, source: str):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "generated.py"
    path.write_text(source, encoding="utf-8")
    report = lint_paths([path], use_cache=False)
    for error in report.errors:
        assert "internal error" not in error.message, error.message
        assert error.message.startswith("cannot "), error.message
    return report


@SETTINGS
@given(source=hypothesmith.from_grammar())
def test_any_python_module(tmp_path_factory, source):
    lint_source(tmp_path_factory, "import keras\n" + source)


VALUES = [
    "self.add_weight(shape=(input_shape[-1], 4))", "keras.layers.Dense(3)", "tf.Variable(tf.zeros(3))",
    "np.zeros((3,))", "keras.random.normal((2, 2))", "ops.transpose(self.w)", "Holder()", "None",
    "lambda t: proj(t)", "[keras.layers.Dense(2) for _ in range(2)]", "self.w * 2", "proj",
]
ATTRS = ["w", "b", "kernel", "proj", "trainable", "_trainable_weights", "trainable_weights", "name"]
STATEMENT = st.one_of(
    st.builds(lambda a, v: f"self.{a} = {v}", st.sampled_from(ATTRS), st.sampled_from(VALUES)),
    st.builds(lambda v: f"proj = {v}", st.sampled_from(VALUES)),
    st.sampled_from(["super().__init__()", "self._trainable_weights.extend([])", "x = self.proj(x)",
                     "x = ops.stop_gradient(self.w)", "x = keras.layers.Dense(2)(x)", "pass",
                     "if self.proj is None:\n    self.proj = keras.layers.Dense(2)"]),
)


def method(name: str, args: str, body: list[str]) -> str:
    lines = "\n".join(body) if body else "pass"
    return f"def {name}(self, {args}):\n" + textwrap.indent(lines, "    ") + "\n"


@SETTINGS
@given(init=st.lists(STATEMENT, max_size=6), build=st.lists(STATEMENT, max_size=6),
       call=st.lists(STATEMENT, max_size=6), base=st.sampled_from(["keras.layers.Layer", "keras.Model", "Base"]))
def test_generated_layers(tmp_path_factory, init, build, call, base):
    source = (
        "import keras\nimport numpy as np\nimport tensorflow as tf\nfrom keras import ops\n\n"
        "class Holder:\n    def __init__(self):\n        self.d = keras.layers.Dense(2)\n\n"
        "class Base(keras.layers.Layer):\n    pass\n\n"
        f"class Generated({base}):\n"
        + textwrap.indent(method("__init__", "**kwargs", init), "    ")
        + textwrap.indent(method("build", "input_shape", build), "    ")
        + textwrap.indent(method("call", "x", call + ["return x"]), "    ")
    )
    report = lint_source(tmp_path_factory, source)
    assert not report.errors  # valid Python: checked, never refused
