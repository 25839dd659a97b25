"""The code module rules see: the file with its top-level class blocks blanked, decorators included
(a decorator left behind has nothing to decorate, and the module's code would not parse)."""

import ast
import textwrap

from layerdoctor.static.source import _outside_classes, _Text, summarize

SOURCE = textwrap.dedent('''\
    import keras


    def helper():
        return 1
    @keras.saving.register_keras_serializable(
        package="demo",
        name="Scale",
    )
    @other
    class Scale(keras.layers.Layer):
        def call(self, x):
            return x * 2


    inputs = keras.Input((3,))
    scale = keras.Variable(2.0)
    outputs = keras.layers.Lambda(lambda t: t * scale)(inputs)
''')


def test_a_decorator_over_several_lines_is_blanked_with_its_class():
    lines = SOURCE.splitlines()
    first = lines.index("class Scale(keras.layers.Layer):") + 1
    last = lines.index("        return x * 2") + 1
    outside = _outside_classes(_Text(SOURCE), [(first, last)])
    tree = ast.parse(outside)  # parses: nothing is left to decorate
    assert "register_keras_serializable" not in outside and "package=" not in outside and "@other" not in outside
    assert "return 1" in outside  # the function just above the decorators stays
    assert len(outside.splitlines()) == len(lines)  # line numbers kept
    assert [type(n).__name__ for n in tree.body] == ["Import", "FunctionDef", "Assign", "Assign", "Assign"]


def test_module_rules_read_the_code_outside_a_decorated_class(tmp_path):
    path = tmp_path / "demo.py"
    path.write_text(SOURCE)
    summary = summarize(str(path))
    assert [c.name for c in summary.classes] == ["Scale"]
    assert "LD012" in summary.module_rules and summary.tree is not None
    assert not any(isinstance(n, ast.ClassDef) for n in summary.tree.body)
