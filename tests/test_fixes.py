"""`lint --fix` / `--diff`: safe fixes applied with formatting kept, then proven by checking again."""

from __future__ import annotations

import textwrap
from pathlib import Path

import harness
import pytest
from harness import run_cli

from layerdoctor import lint_paths

ROOT = Path(__file__).resolve().parents[1]

LD006 = '''
    import keras


    class Wrapper(keras.layers.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.inner = keras.layers.Dense(units)

        def build(self, input_shape):
            self.inner.build(input_shape)
            self._trainable_weights.extend(self.inner.trainable_weights)  # the bug

        def call(self, inputs):
            return self.inner(inputs)
'''

LD013 = '''
    import keras


    class Encoder(keras.Model):
        """Docstring stays first."""

        def __init__(self, units, **kwargs):
            self.dense = keras.layers.Dense(units)  # sublayer before super()
            super().__init__(**kwargs)

        def call(self, inputs):
            return self.dense(inputs)
'''

LD013_UNSAFE = '''
    import keras


    class Encoder(keras.Model):
        def __init__(self, units, **kwargs):
            self.trainable = False
            self.label = f"encoder_{units}"
            super().__init__(name=self.label, **kwargs)  # uses what was set before: not safe
            self.dense = keras.layers.Dense(units)

        def call(self, inputs):
            return self.dense(inputs)
'''


def run(*args, cwd):
    return run_cli("lint", *args, cwd=cwd, env={"LAYERDOCTOR_CACHE_DIR": str(Path(cwd) / ".cache")})


def write(folder: Path, name: str, source: str) -> Path:
    return harness.write(folder / name, source)


def test_fix_deletes_the_private_list_line_and_keeps_the_rest(tmp_path):
    path = write(tmp_path, "wrapper.py", LD006)
    result = run("--fix", "--no-cache", "wrapper.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fixed 1 finding(s) in 1 file(s)" in result.stderr
    fixed = path.read_text()
    assert "_trainable_weights" not in fixed
    original = textwrap.dedent(LD006).lstrip().splitlines(keepends=True)
    assert fixed == "".join(line for line in original if "# the bug" not in line)
    assert lint_paths([path], use_cache=False).findings == []


def test_fix_moves_super_init_first_after_the_docstring(tmp_path):
    path = write(tmp_path, "encoder.py", LD013)
    result = run("--fix", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.strip() for line in path.read_text().splitlines() if line.strip()]
    init = lines.index("def __init__(self, units, **kwargs):")
    assert lines[init + 1:init + 3] == ["super().__init__(**kwargs)",
                                        "self.dense = keras.layers.Dense(units)  # sublayer before super()"]
    assert lines[init - 1] == '"""Docstring stays first."""'


def test_fix_turns_super_of_a_keras_class_into_super(tmp_path):
    source = ROOT / "tests" / "cases_static" / "ld013e_super_of_a_keras_class__k3.py"
    path = tmp_path / "models.py"
    path.write_text(source.read_text())
    result = run("--fix", "--no-cache", "models.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = path.read_text()
    assert "super(Layer, self).__init__" not in text and "super(keras.Model, self).__init__" not in text
    assert "super(layers.Dense, self).__init__(**kwargs)" in text  # another Keras class: not reported
    assert "super().__init__(**kwargs)  # LD013" in text and "super().__init__()  # LD013" in text  # comments kept
    assert "super(Middle, self).__init__(**kwargs)" in text  # user classes are left alone
    assert "super(Wide, self).__init__(64, **kwargs)" in text


def test_unsafe_move_is_not_made(tmp_path):
    path = write(tmp_path, "unsafe.py", LD013_UNSAFE)
    before = path.read_text()
    result = run("--fix", "--no-cache", "unsafe.py", cwd=tmp_path)
    assert result.returncode == 1  # the finding stays
    assert path.read_text() == before
    assert "LD013" in result.stdout


def test_findings_without_a_safe_fix_are_not_marked_or_edited(tmp_path):
    """LD013 kinds with no fix template (a mixin that runs Model.__init__ in build(), a helper that
    adds a weight before super().__init__()): adding super().__init__() first does not repair them."""
    source = ROOT / "tests" / "cases_static" / "ld013f_keras_init_reached_late_through_helpers__k3.py"
    path = tmp_path / "models.py"
    path.write_text(source.read_text())
    result = run("--fix", "--no-cache", "models.py", cwd=tmp_path)
    assert result.returncode == 1  # both findings stay
    assert path.read_text() == source.read_text()
    assert result.stdout.count("LD013") == 2 and "[*]" not in result.stdout


def test_diff_shows_the_fix_and_changes_nothing(tmp_path):
    path = write(tmp_path, "wrapper.py", LD006)
    before = path.read_text()
    result = run("--diff", "--no-cache", "wrapper.py", cwd=tmp_path)
    assert "-        self._trainable_weights.extend(self.inner.trainable_weights)  # the bug" in result.stdout
    assert path.read_text() == before
    assert result.returncode == 1


def test_fix_keeps_other_findings_and_files_untouched(tmp_path):
    write(tmp_path, "wrapper.py", LD006)
    other = write(tmp_path, "other.py", (ROOT / "tests" / "cases" / "ld001a_tensor_in_build__k3.py").read_text())
    before = other.read_text()
    result = run("--fix", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    assert other.read_text() == before
    assert '"LD001"' in result.stdout and '"LD006"' not in result.stdout


@pytest.mark.runtime
def test_the_fixed_layer_builds_and_trains_on_keras3(tmp_path):
    """The proof on real Keras: before the fix building raises AttributeError; after it, the layer
    has its sublayer's 2 weights and every one gets a gradient."""
    keras = pytest.importorskip("keras")
    import numpy as np

    path = write(tmp_path, "wrapper.py", LD006)

    def build(source_path):
        namespace: dict = {}
        exec(compile(source_path.read_text(), str(source_path), "exec"), namespace)
        layer = namespace["Wrapper"](3)
        layer(np.ones((2, 4), "float32"))
        return layer

    with pytest.raises(AttributeError, match="_trainable_weights"):
        build(path)
    assert run("--fix", "--no-cache", "wrapper.py", cwd=tmp_path).returncode == 0
    layer = build(path)
    assert len(layer.trainable_weights) == 2
    assert layer.count_params() == 4 * 3 + 3
    assert keras.__version__.startswith("3.")
