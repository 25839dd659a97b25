"""Module-rule triggers (a cheap test of a file's text) must say yes wherever the rule can fire:
a file they turn away is never parsed for functional code. These cases spell the pattern in the
unusual ways a tighter trigger could miss (aliases, re-exports, continuation lines)."""

from __future__ import annotations

import textwrap

from harness import write

from layerdoctor import lint_paths
from layerdoctor.static.rules import ld007, ld008
from layerdoctor.static.triggers import imports_name

CHAINED_TOWER = """
    import keras
    {imports}


    def tower(depth=3):
        inputs = keras.Input((4,))
        hidden = {repeated}
        h = inputs
        for block in hidden:
            h = block(h)
        return keras.Model(inputs, h)
"""


def tower(imports: str, repeated: str) -> str:
    return textwrap.dedent(CHAINED_TOWER).format(imports=imports, repeated=repeated)


def codes(path) -> list[str]:
    report = lint_paths([path], use_cache=False)
    assert not report.errors
    return [f.code for f in report.findings if f.code != "LD007"]


def test_a_layer_re_exported_under_a_lower_case_name_still_triggers(tmp_path):
    # `blocks.dense` is keras.layers.Dense: the name in the text says nothing of it.
    write(tmp_path / "blocks.py", "from keras.layers import Dense as dense\n")
    model = write(tmp_path / "model.py", tower("import blocks", "[blocks.dense(16)] * depth"))
    assert ld008.TRIGGER(model.read_text())
    assert codes(tmp_path) == ["LD008"]


def test_a_lower_case_import_alias_triggers_in_any_import_layout():
    layouts = ["from keras.layers import Dense as dense",
               "from keras.layers import (\n    Conv2D,\n    Dense as dense,\n)",
               "from keras.layers import Conv2D, \\\n    Dense as dense"]
    for imports in layouts:
        text = tower(imports, "[dense(16)] * depth")
        assert imports_name(text, "dense"), imports
        assert ld008.TRIGGER(text), imports


def test_array_helpers_repeated_in_a_list_do_not_trigger():
    # Calls that cannot make a layer: a builtin never imported, numpy under its usual alias, self.
    for imports, repeated in [("", "[slice(None)] * depth"),
                              ("import numpy as np", "[np.arange(3)] * depth"),
                              ("import tensorflow as tf, numpy", "depth * [tf.split(x, 2)]"),
                              ("", "[self.table.lookup(0)] * depth")]:
        assert not ld008.TRIGGER(tower(imports, repeated)), repeated


def test_the_loop_trigger_matches_the_pattern_anywhere():
    text = tower("", "[keras.layers.Dense(16) for _ in range(depth)]")
    assert ld007._self_applied_in_loop(text) == (ld007._LOOP_RE.search(text) is not None) is True
    flat = text.replace("    for block in hidden:\n        h = block(h)\n", "")
    assert ld007._self_applied_in_loop(flat) == (ld007._LOOP_RE.search(flat) is not None) is False


def test_a_repeated_layer_call_over_several_lines_triggers_next_to_array_helpers(tmp_path):
    # `[slice(None)] * n` alone does not trigger; the Dense whose arguments span two lines must.
    source = tower("", "[keras.layers.Dense(\n            16)] * depth")
    source += "\n\ndef pads(n):\n    return [slice(None)] * n\n"
    path = write(tmp_path / "model.py", source)
    assert ld008.TRIGGER(path.read_text())
    assert codes(path) == ["LD008"]


LAYER_WITH_A_LAMBDA = """
    import keras


    class Head(keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.scale = keras.layers.Lambda(lambda t: t * 2.0)

        def call(self, x):
            return self.scale(x)
"""


def test_triggers_are_asked_again_on_the_code_module_rules_see(tmp_path):
    from layerdoctor.static.source import summarize

    # `Lambda(` only inside the class: no module rule reads this file, and no tree is kept.
    only_in_class = summarize(str(write(tmp_path / "head.py", LAYER_WITH_A_LAMBDA)))
    assert only_in_class.module_rules == set() and only_in_class.tree is None
    # The same class and a functional model using a Lambda at module level: the Lambda rules run.
    functional = textwrap.dedent(LAYER_WITH_A_LAMBDA) + textwrap.dedent("""
        inputs = keras.Input((4,))
        outputs = keras.layers.Lambda(lambda t: t + 1.0)(inputs)
    """)
    both = summarize(str(write(tmp_path / "model.py", functional)))
    assert {"LD002", "LD009", "LD012"} <= both.module_rules and both.tree is not None
