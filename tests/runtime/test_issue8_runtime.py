"""Issue 8, inspect side: the same selection, noqa and [tool.layerdoctor] as lint, --fail-on,
loading real projects (cwd on sys.path, the user's own frames). Real Keras, real CLI processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax", "k3torch")]

MODEL = """
import keras


class Unused(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))
        self.unused = self.add_weight(shape=(3,)){noqa}

    def call(self, x):
        return x @ self.w


def build_model():
    inputs = keras.Input((4,))
    shared = keras.layers.Dense(4)
    x = shared(shared(inputs))
    return keras.Model(inputs, Unused()(x))
"""


def inspect(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "tensorflow"), TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-m", "layerdoctor.cli", "inspect", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def found(proc) -> list[tuple[int, str]]:
    data = json.loads(proc.stdout)
    return sorted((f["line"], f["code"]) for f in data["findings"])


def test_inspect_select_ignore_and_fail_on(tmp_path):
    write(tmp_path / "m.py", MODEL.format(noqa=""))
    every = inspect("m.py", "--format", "json", cwd=tmp_path)
    # LD007 at the line that creates the shared layer, as lint reports it (issue 8)
    assert found(every) == [(7, "LD009"), (15, "LD007")] and every.returncode == 1
    data = json.loads(every.stdout)
    assert data["files_checked"] == 1
    assert data["tree"]["output_shape"] == [None, 3]  # a list, not the text "(None, 3)"
    assert data["tree"]["children"][0]["output_shape"] == [None, 4]
    ignored = inspect("m.py", "--format", "json", "--ignore", "LD009", "--fail-on", "info", cwd=tmp_path)
    assert found(ignored) == [(15, "LD007")]
    assert ignored.returncode == 1  # an info finding fails with --fail-on info
    selected = inspect("m.py", "--format", "json", "--select", "LD007", cwd=tmp_path)
    assert found(selected) == [(15, "LD007")] and selected.returncode == 0


def test_inspect_reads_noqa_and_the_pyproject(tmp_path):
    write(tmp_path / "a" / "m.py", MODEL.format(noqa="  # noqa: LD009"))
    noqa = inspect("a/m.py", "--format", "json", cwd=tmp_path)
    assert found(noqa) == [(15, "LD007")] and noqa.returncode == 0
    write(tmp_path / "b" / "pyproject.toml", '[tool.layerdoctor]\nignore = ["LD007"]\n')
    write(tmp_path / "b" / "m.py", MODEL.format(noqa=""))
    configured = inspect("b/m.py", "--format", "json", cwd=tmp_path)
    assert found(configured) == [(7, "LD009")]


PACKAGE_MODELS = """
import keras


def helper():
    raise ValueError("user bug in factory")


def broken():
    return helper()


def good():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
"""


def test_package_module_target_is_found_from_the_current_folder(tmp_path):
    """As with `python -m`: the current folder is on sys.path, even when the interpreter was
    told not to put it there (PYTHONSAFEPATH), e.g. by the console script."""
    write(tmp_path / "mypkg" / "__init__.py", "")
    write(tmp_path / "mypkg" / "models.py", PACKAGE_MODELS)
    env_backup = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        good = inspect("mypkg.models:good", "--format", "json", cwd=tmp_path)
        broken = inspect("mypkg.models:broken", cwd=tmp_path)
    finally:
        if env_backup is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = env_backup
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["params"]["total"] == 8
    # The user's own frames, innermost last; none of layerdoctor's, Keras's or Python's.
    assert broken.returncode == 2
    lines = [ln for ln in broken.stderr.splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("layerdoctor: error:"))
    assert lines[start:] == [
        "layerdoctor: error: building mypkg.models:broken failed: ValueError: user bug in factory",
        f"  mypkg{os.sep}models.py:9 in broken",
        "    return helper()",
        f"  mypkg{os.sep}models.py:5 in helper",
        '    raise ValueError("user bug in factory")',
    ]


CUSTOM_LAYERS = """
import keras


class MyScale(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        return x * self.w
"""


def test_keras_file_with_a_custom_layer(tmp_path):
    write(tmp_path / "layers_mod.py", CUSTOM_LAYERS)
    save = ("import sys; sys.path.insert(0, '.'); import keras, layers_mod; "
            "keras.Sequential([keras.Input((3,)), layers_mod.MyScale()]).save('custom.keras')")
    env = dict(os.environ, KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "tensorflow"), TF_CPP_MIN_LOG_LEVEL="3")
    subprocess.run([sys.executable, "-c", save], cwd=tmp_path, env=env, check=True, timeout=300)
    missing = inspect("custom.keras", cwd=tmp_path)
    assert missing.returncode == 2
    (line,) = [ln for ln in missing.stderr.splitlines() if ln.startswith("layerdoctor: error")]
    assert "layers_mod.MyScale" in line and "--custom-objects" in line and "TypeError" not in line
    loaded = inspect("custom.keras", "--custom-objects", "layers_mod", "--format", "json", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout)["params"]["total"] == 3


NESTED = """
import keras


class Block(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Dense(4)
        self.frozen = keras.layers.Dense(4, trainable=False)

    def call(self, x):
        return self.frozen(self.inner(x))


def build_model():
    inputs = keras.Input((4,))
    return keras.Model(inputs, Block(name="block")(inputs))
"""


def test_tree_depth_show_trainable_and_an_unwrapped_report_file(tmp_path):
    write(tmp_path / "m.py", NESTED)
    full = inspect("m.py", "--show-trainable", "-o", "full.txt", cwd=tmp_path)
    assert full.returncode == 0, full.stderr
    text = (tmp_path / "full.txt").read_text()
    # parameters, their memory (float32: 4 bytes each), the trainable ones
    assert "block (Block) → (None, 4) 40 params 160.00 B 20 trainable 20 non-trainable" in text
    assert "dense_1 (Dense) → (None, 4) 20 params 80.00 B 0 trainable 20 non-trainable" in text
    assert "Total params: 40 (160.00 B)" in text
    folded = inspect("m.py", "--depth", "1", cwd=tmp_path)
    assert "block (Block)" in folded.stdout and "(Dense)" not in folded.stdout
    assert "… 2 layers below (--depth)" in folded.stdout
    assert "Total params: 40" in folded.stdout


def test_inspect_a_notebook_function_runs_the_cells_up_to_it(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Model\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
         "source": ["%matplotlib inline\n", "!pip install keras\n", "import keras\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": 2, "outputs": [],
         "source": ["def build_model():\n", "    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": 3, "outputs": [],
         "source": ["open('trained.txt', 'w').write('the training cell ran')\n"]},
    ]
    (tmp_path / "model.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                                      "nbformat_minor": 5}))
    proc = inspect("model.ipynb:build_model", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["params"]["total"] == 8
    assert not (tmp_path / "trained.txt").exists()  # the cells after the function did not run
    missing = inspect("model.ipynb:make", cwd=tmp_path)
    assert missing.returncode == 2 and "no code cell defines make()" in missing.stderr


# ---------------------------------------------------------------- API errors name keywords, not flags


def _api_error(call) -> str:
    from layerdoctor.errors import UsageError

    with pytest.raises(UsageError) as raised:
        call()
    message = str(raised.value)
    assert "--" not in message and "\n" not in message, message
    return message


@pytest.mark.flavours("k3tf")  # its .keras file is made with a tf.* layer module
def test_api_errors_name_the_keyword_argument_not_the_flag(tmp_path):
    import keras
    import numpy as np

    from layerdoctor import inspect_model
    from layerdoctor.runtime.api import inspect_target

    assert "input_shape=(2, 4)" in _api_error(lambda: inspect_model(keras.layers.Dense(3)))
    target = write(tmp_path / "unbuilt.py", "import keras\n\n\ndef make():\n    return keras.layers.Dense(3)\n")
    assert "input_shapes=[(2, 4)]" in _api_error(lambda: inspect_target(f"{target}:make"))

    wide = keras.Sequential([keras.Input((20,)), keras.layers.Dense(2)])
    message = _api_error(lambda: inspect_model(wide, inputs=np.ones((2, 7), "float32")))
    assert "do not match the model's Input((20,))" in message and "inputs of that shape" in message
    assert "bad input_dtype 'banana'" in _api_error(lambda: inspect_model(wide, input_dtype="banana"))

    inputs = keras.Input((4,))
    keras.Model(inputs, keras.layers.Lambda(lambda t: t * 2.0)(inputs)).save(tmp_path / "lambda.keras")
    assert "pass unsafe_load=True if you trust the file" in _api_error(
        lambda: inspect_target(str(tmp_path / "lambda.keras")))

    write(tmp_path / "layers_mod.py", CUSTOM_LAYERS)
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="3")
    save = ("import sys; sys.path.insert(0, '.'); import keras, layers_mod; "
            "keras.Sequential([keras.Input((3,)), layers_mod.MyScale()]).save('custom.keras')")
    subprocess.run([sys.executable, "-c", save], cwd=tmp_path, env=env, check=True, timeout=300)
    message = _api_error(lambda: inspect_target(str(tmp_path / "custom.keras")))
    assert "custom_objects=[MODULE]" in message and "imports=[MODULE]" in message


def test_the_command_line_still_names_the_flags(tmp_path):
    target = write(tmp_path / "models.py", """
        import keras


        def unbuilt():
            return keras.layers.Dense(3)


        def wide():
            return keras.Sequential([keras.Input((20,)), keras.layers.Dense(2)])
        """)
    unbuilt = inspect(f"{target}:unbuilt", cwd=tmp_path)
    assert unbuilt.returncode == 2 and "(e.g. --input-shape 2,4)" in unbuilt.stderr, unbuilt.stderr
    wide = inspect(f"{target}:wide", "--input-shape", "2,7", cwd=tmp_path)
    assert wide.returncode == 2 and "pass --input-shape with that shape" in wide.stderr, wide.stderr


# ---------------------------------------------------------------- one vocabulary: weights and parameters


def test_ld007_counts_weights_and_parameters_with_separators():
    """Weights are variables, parameters their values, numbers written 4,160 (issue 8)."""
    import keras

    from layerdoctor import inspect_model

    inputs = keras.Input((64,))
    shared = keras.layers.Dense(64, name="shared")
    head = keras.layers.Dense(1, name="one")
    model = keras.Model(inputs, head(shared(shared(inputs))) + keras.layers.Dense(1)(head(inputs)))
    messages = [f.message for f in inspect_model(model).findings if f.code == "LD007"]
    assert any("Dense 'shared' is called 2 times" in m and
               m.endswith("its 2 weights (4,160 parameters) are shared and counted once") for m in messages), messages
    assert any("Dense 'one' is called 2 times" in m and
               m.endswith("its 2 weights (65 parameters) are shared and counted once") for m in messages), messages
