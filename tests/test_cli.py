"""`layerdoctor lint` from the command line: exit codes, output formats, selection, noqa,
pyproject configuration and the Keras flavour. Real files in tmp_path, real CLI processes.

Every test points LAYERDOCTOR_CACHE_DIR at a temporary folder so the user's cache is untouched.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from harness import run_cli, write

from layerdoctor import lint_paths
from layerdoctor.catalog import RULES

ALL_CODES = sorted(RULES)
ANSI = re.compile(r"\x1b\[")


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch):
    """A private result cache for this test (in-process runs and the CLI processes it starts)."""
    path = tmp_path_factory.mktemp("ldcache")
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return path


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stdout and "Traceback" not in proc.stderr


def one_line(text: str) -> str:
    lines = text.strip("\n").splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {text!r}"
    return lines[0]


# A raw tensor stored as the kernel in build(): LD001 on line 11, column 9 (1-based), class ScaledDense.
LD001_SRC = """
import keras
from keras import ops


class ScaledDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = keras.random.normal((input_shape[-1], self.units))
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias
"""
LD001_LINE = 11

CLEAN_SRC = """
import keras
from keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias
"""

# Only a warning (LD004): add_weight in __init__ with the input dimension passed by hand.
WARNING_ONLY_SRC = """
import keras
from keras import ops


class EarlyLinear(keras.layers.Layer):
    def __init__(self, units, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal")

    def call(self, inputs):
        return ops.matmul(inputs, self.w)
"""

# Three error codes in one file: LD001 (line 12), LD003 (line 13), LD013 (line 21).
MIXED_SRC = """
import tensorflow as tf
import keras
from keras import ops


class Mixed(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = keras.random.normal((input_shape[-1], self.units)){noqa1}
        self.bias = tf.Variable(tf.zeros((self.units,))){noqa3}

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias


class Late(keras.Model):
    def __init__(self, units, **kwargs):
        self.trainable = False
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units)

    def call(self, inputs):
        return self.dense(inputs)
"""
MIXED = {(12, "LD001"), (13, "LD003"), (21, "LD013")}


def mixed(noqa1: str = "", noqa3: str = "") -> str:
    return MIXED_SRC.format(noqa1=noqa1, noqa3=noqa3)


# A tf.Variable on a layer: LD003 on Keras 3 (line 11), not a bug on tf.keras 2.
TF_VARIABLE_SRC = """
import tensorflow as tf
{import_line}


class NativeDense({base}):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = tf.Variable(tf.zeros((input_shape[-1], self.units)))

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel)
"""


def tf_variable_layer(flavour: str) -> str:
    if flavour == "keras3":
        return TF_VARIABLE_SRC.format(import_line="import keras", base="keras.layers.Layer")
    if flavour == "tf_keras":
        return TF_VARIABLE_SRC.format(import_line="import tf_keras", base="tf_keras.layers.Layer")
    assert flavour == "legacy_env"
    return TF_VARIABLE_SRC.format(
        import_line='import os\nos.environ["TF_USE_LEGACY_KERAS"] = "1"\nfrom tensorflow import keras',
        base="keras.layers.Layer")


def codes_json(proc: subprocess.CompletedProcess) -> set[tuple[int, str]]:
    data = json.loads(proc.stdout)
    return {(f["line"], f["code"]) for f in data["findings"]}


# ---------------------------------------------------------------- exit codes


def test_exit_0_on_a_clean_file(tmp_path):
    path = write(tmp_path / "clean.py", CLEAN_SRC)
    proc = run_cli("lint", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert "no findings (1 file checked)." in proc.stdout
    assert_no_traceback(proc)


def test_exit_0_when_only_warnings(tmp_path):
    path = write(tmp_path / "early.py", WARNING_ONLY_SRC)
    proc = run_cli("lint", "--format", "json", path)
    assert proc.returncode == 0
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("LD004", "warning")]


def test_exit_0_when_only_info(tmp_path):
    """Myth M3: one Dense reused on a shape it fits is correct; LD007 explains it as info."""
    path = write(tmp_path / "shared.py", """
        import keras

        dense = keras.layers.Dense(4)
        inputs = keras.Input((4,))
        x = dense(inputs)
        outputs = dense(x)
        model = keras.Model(inputs, outputs)
    """)
    proc = run_cli("lint", "--format", "json", path)
    assert proc.returncode == 0
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["severity"], f["line"]) for f in findings] == [("LD007", "info", 3)]


def test_exit_1_on_a_buggy_file(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    proc = run_cli("lint", path)
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert_no_traceback(proc)


def test_exit_zero_turns_findings_into_success(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    proc = run_cli("lint", "--exit-zero", "--format", "json", path)
    assert proc.returncode == 0
    assert codes_json(proc) == {(LD001_LINE, "LD001")}  # still reported


def test_exit_zero_does_not_hide_an_unreadable_path(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    proc = run_cli("lint", "--exit-zero", path, tmp_path / "missing.py")
    assert proc.returncode == 2


def test_exit_2_on_a_missing_path_and_the_other_files_are_checked(tmp_path):
    buggy = write(tmp_path / "buggy.py", LD001_SRC)
    missing = tmp_path / "nope.py"
    proc = run_cli("lint", "--format", "json", buggy, missing)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert line.startswith(f"{missing}: ")
    data = json.loads(proc.stdout)
    assert data["errors"] == [{"path": str(missing), "message": line[len(f"{missing}: "):]}]
    assert {(f["line"], f["code"]) for f in data["findings"]} == {(LD001_LINE, "LD001")}
    assert_no_traceback(proc)


@pytest.mark.parametrize("args", [
    ["--select", "LD999"],
    ["--ignore", "XY001"],
    ["--select", "LD001,LD0999"],
], ids=["select-LD999", "ignore-XY001", "select-list-with-bad-code"])
def test_exit_2_on_an_unknown_code(tmp_path, args):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    proc = run_cli("lint", *args, path)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert "unknown code" in line
    assert proc.stdout == ""
    assert_no_traceback(proc)


@pytest.mark.parametrize("args", [
    ["--format", "xml"],
    ["--target", "keras4"],
    ["--bogus-option"],
    ["--jobs", "many"],
    ["--color", "sometimes"],
], ids=["format", "target", "unknown-option", "jobs", "color"])
def test_exit_2_on_a_bad_option(tmp_path, args):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    proc = run_cli("lint", *args, path)
    assert proc.returncode == 2
    assert one_line(proc.stderr).startswith("layerdoctor: error:")
    assert proc.stdout == ""
    assert_no_traceback(proc)


@pytest.mark.parametrize("table, fragment", [
    ('target = "keras4"', "target"),
    ('select = ["LD999"]', "unknown code"),
    ('ignore = "LD0x1"', "unknown code"),
    ("select = 3", "select"),
    ('colour = "always"', "unknown [tool.layerdoctor] key"),
    ("tool.layerdoctor = 5", "must be a table"),
], ids=["target", "select-code", "ignore-code", "select-type", "unknown-key", "not-a-table"])
def test_exit_2_on_a_bad_pyproject_value(tmp_path, table, fragment):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    if table.startswith("tool."):
        (tmp_path / "pyproject.toml").write_text(table + "\n")
    else:
        (tmp_path / "pyproject.toml").write_text(f"[tool.layerdoctor]\n{table}\n")
    proc = run_cli("lint", path)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert "pyproject.toml" in line and fragment in line
    assert_no_traceback(proc)


def test_exit_2_on_a_pyproject_that_is_not_toml(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    (tmp_path / "pyproject.toml").write_text("[tool.layerdoctor\nselect = \n")
    proc = run_cli("lint", path)
    assert proc.returncode == 2
    assert "pyproject.toml" in one_line(proc.stderr)
    assert_no_traceback(proc)


def test_no_command_is_a_usage_error():
    proc = run_cli()
    assert proc.returncode == 2


# ---------------------------------------------------------------- JSON, SARIF, GitHub


def test_json_shape_and_types(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    proc = run_cli("lint", "--format", "json", path)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert set(data) == {"version", "files_checked", "findings", "errors"}
    assert data["version"] == 1
    assert data["files_checked"] == 1
    assert data["errors"] == []
    assert isinstance(data["findings"], list) and len(data["findings"]) == 1
    finding = data["findings"][0]
    assert set(finding) == {"code", "name", "severity", "message", "path", "line", "column",
                            "detector", "target", "class", "attribute", "fix"}
    for key in ("code", "name", "severity", "message", "path", "detector", "target", "class",
                "attribute", "fix"):
        assert isinstance(finding[key], str), key
    for key in ("line", "column"):
        assert type(finding[key]) is int, key
    assert finding["code"] == "LD001"
    assert finding["name"] == RULES["LD001"].name == "raw-tensor-state"
    assert finding["severity"] == "error"
    assert finding["line"] == LD001_LINE
    assert finding["column"] == 9  # 1-based: `self` is indented by 8
    assert finding["path"] == str(path)
    assert finding["detector"] == "static"
    assert finding["target"] == "keras3"
    assert finding["class"] == "ScaledDense"
    assert finding["attribute"] == "kernel"
    assert "ScaledDense" in finding["message"] and "kernel" in finding["message"]
    assert "add_weight" in finding["fix"]


def test_json_errors_entry_shape(tmp_path):
    bad = write(tmp_path / "bad.py", "import keras\n\n\nclass Broken(keras.layers.Layer:\n    pass\n")
    proc = run_cli("lint", "--format", "json", bad)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert data["files_checked"] == 1
    assert data["findings"] == []
    assert len(data["errors"]) == 1
    entry = data["errors"][0]
    assert set(entry) == {"path", "message"}
    assert entry["path"] == str(bad)
    assert isinstance(entry["message"], str) and "\n" not in entry["message"]
    assert one_line(proc.stderr) == f"{bad}: {entry['message']}"


def test_sarif_output(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    proc = run_cli("lint", "--format", "sarif", path)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["LD001"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == LD001_LINE


def test_github_output(tmp_path):
    path = write(tmp_path / "buggy.py", mixed())
    write(tmp_path / "early.py", WARNING_ONLY_SRC)
    proc = run_cli("lint", "--format", "github", tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 4
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 3
    assert all(f"file={path}" in line for line in errors)
    assert any(line.startswith("::error ") and "line=12" in line and "LD001" in line
               for line in lines)
    assert [line for line in lines if not line.startswith("::error ")][0].startswith("::warning ")


# ---------------------------------------------------------------- --output


def test_output_writes_the_file_and_nothing_on_stdout(tmp_path):
    path = write(tmp_path / "src" / "buggy.py", LD001_SRC)
    out = tmp_path / "report.json"
    proc = run_cli("lint", "--format", "json", "--output", out, path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    data = json.loads(out.read_text())
    assert [(f["line"], f["code"]) for f in data["findings"]] == [(LD001_LINE, "LD001")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "src"]  # no temporary left


def test_output_text_has_no_ansi(tmp_path):
    path = write(tmp_path / "src" / "buggy.py", LD001_SRC)
    out = tmp_path / "report.txt"
    proc = run_cli("lint", "--color", "always", "-o", out, path)
    assert proc.returncode == 1
    text = out.read_text()
    assert f"{path}:{LD001_LINE}:9: LD001" in text
    assert not ANSI.search(text)


@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_output_to_an_unwritable_path(tmp_path, where):
    path = write(tmp_path / "src" / "buggy.py", LD001_SRC)
    if where == "missing-folder":
        out = tmp_path / "no" / "such" / "report.json"
    else:
        out = tmp_path / "out"
        out.mkdir()
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    proc = run_cli("lint", "--format", "json", "--output", out, path)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert line.startswith("layerdoctor: error: cannot write")
    assert proc.stdout == ""
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before  # nothing half-written
    assert_no_traceback(proc)


# ---------------------------------------------------------------- --select / --ignore


@pytest.mark.parametrize("args, expected", [
    ([], MIXED),
    (["--select", "LD001"], {(12, "LD001")}),
    (["--select", "LD001,LD013"], {(12, "LD001"), (21, "LD013")}),
    (["--select", "LD001", "--select", "LD003"], {(12, "LD001"), (13, "LD003")}),
    (["--select", "LD00"], {(12, "LD001"), (13, "LD003")}),
    (["--select", "ld01"], {(21, "LD013")}),
    (["--ignore", "LD003"], {(12, "LD001"), (21, "LD013")}),
    (["--ignore", "LD00"], {(21, "LD013")}),
    (["--select", "LD00", "--ignore", "LD001"], {(13, "LD003")}),
    (["--select", "ALL", "--ignore", "LD001,LD013"], {(13, "LD003")}),
], ids=["default", "one", "comma-list", "repeated", "prefix", "prefix-lowercase", "ignore",
        "ignore-prefix", "select-and-ignore", "all-minus"])
def test_select_and_ignore(tmp_path, args, expected):
    path = write(tmp_path / "mixed.py", mixed())
    proc = run_cli("lint", "--format", "json", *args, path)
    assert codes_json(proc) == expected
    assert proc.returncode == (1 if expected else 0)


def test_select_nothing_left_exits_0(tmp_path):
    path = write(tmp_path / "mixed.py", mixed())
    proc = run_cli("lint", "--select", "LD005", path)
    assert proc.returncode == 0
    assert "no findings" in proc.stdout


# ---------------------------------------------------------------- noqa


@pytest.mark.parametrize("noqa1, noqa3, expected", [
    ("  # noqa: LD001", "", {(13, "LD003"), (21, "LD013")}),
    ("  # noqa: LD003", "", MIXED),  # another code: not suppressed
    ("", "  # noqa: LD001", MIXED),
    ("  # noqa", "", {(13, "LD003"), (21, "LD013")}),  # bare noqa: every code on the line
    ("  # noqa:LD001,LD003", "  # NOQA: ld003", {(21, "LD013")}),
    ("  # noqa: LD002, LD001", "", {(13, "LD003"), (21, "LD013")}),
], ids=["same-code", "other-code", "other-code-2", "bare", "list-and-case", "list-with-space"])
def test_noqa(tmp_path, noqa1, noqa3, expected):
    path = write(tmp_path / "mixed.py", mixed(noqa1, noqa3))
    report = lint_paths([path], use_cache=False)
    assert {(f.line, f.code) for f in report.findings} == expected


def test_noqa_on_another_line_does_not_suppress(tmp_path):
    src = LD001_SRC.replace("    def build(self, input_shape):",
                            "    def build(self, input_shape):  # noqa: LD001")
    path = write(tmp_path / "buggy.py", src)
    report = lint_paths([path], use_cache=False)
    assert {(f.line, f.code) for f in report.findings} == {(LD001_LINE, "LD001")}


def test_noqa_cli_exit_code(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC.replace(
        "self.units))\n", "self.units))  # noqa: LD001\n", 1))
    proc = run_cli("lint", path)
    assert proc.returncode == 0, proc.stdout


# ---------------------------------------------------------------- pyproject.toml


def _project(tmp_path: Path, table: str) -> Path:
    root = tmp_path / "project"
    (root).mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n\n[tool.layerdoctor]\n" + table)
    write(root / "pkg" / "models" / "mixed.py", mixed())
    return root


@pytest.mark.parametrize("table, expected", [
    ('select = ["LD001"]\n', {(12, "LD001")}),
    ('select = "LD00"\n', {(12, "LD001"), (13, "LD003")}),
    ('ignore = ["LD013", "LD001"]\n', {(13, "LD003")}),
    # tf.keras 2: no LD003; a Model with a sublayer set before super().__init__() raises there too
    # (BEHAVIOUR.md LD013b).
    ('target = "tf-keras"\n', {(12, "LD001"), (21, "LD013")}),
    ('target = "keras3"\n', MIXED),
], ids=["select", "select-prefix", "ignore", "target-tf-keras", "target-keras3"])
def test_pyproject_found_from_a_subfolder(tmp_path, table, expected):
    root = _project(tmp_path, table)
    sub = root / "pkg" / "models"
    # The path given is a file two folders below the pyproject.toml ...
    proc = run_cli("lint", "--format", "json", sub / "mixed.py")
    assert codes_json(proc) == expected, proc.stderr
    # ... or "." run from inside that folder.
    proc = run_cli("lint", "--format", "json", ".", cwd=sub)
    assert codes_json(proc) == expected, proc.stderr


def test_pyproject_ignore_combines_with_the_command_line(tmp_path):
    root = _project(tmp_path, 'ignore = ["LD013"]\n')
    proc = run_cli("lint", "--format", "json", "--ignore", "LD001", root)
    assert codes_json(proc) == {(13, "LD003")}


def test_command_line_select_overrides_pyproject_select(tmp_path):
    root = _project(tmp_path, 'select = ["LD001"]\n')
    proc = run_cli("lint", "--format", "json", "--select", "LD013", root)
    assert codes_json(proc) == {(21, "LD013")}


def test_command_line_target_overrides_pyproject_target(tmp_path):
    root = _project(tmp_path, 'target = "tf-keras"\n')
    proc = run_cli("lint", "--format", "json", "--target", "keras3", root)
    assert codes_json(proc) == MIXED


def test_pyproject_exclude(tmp_path):
    root = _project(tmp_path, 'exclude = ["generated/", "*_pb2.py"]\n')
    write(root / "pkg" / "generated" / "layer.py", LD001_SRC)
    write(root / "pkg" / "models" / "layer_pb2.py", LD001_SRC)
    write(root / "pkg" / "models" / "kept.py", LD001_SRC)
    proc = run_cli("lint", "--format", "json", ".", cwd=root / "pkg")
    data = json.loads(proc.stdout)
    checked = {Path(f["path"]).name for f in data["findings"]}
    assert checked == {"mixed.py", "kept.py"}
    assert data["files_checked"] == 2


def test_command_line_exclude_keeps_the_pyproject_excludes(tmp_path):
    """--exclude adds to the pyproject's excludes, which stay relative to the pyproject's folder
    (regression: they were once re-read relative to the current folder)."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.layerdoctor]\nexclude = ["pkg/generated/"]\n')
    write(root / "pkg" / "generated" / "layer.py", LD001_SRC)
    kept = write(root / "pkg" / "models" / "layer.py", LD001_SRC)
    without = run_cli("lint", "--format", "json", ".", cwd=root / "pkg")
    assert json.loads(without.stdout)["files_checked"] == 1  # the pyproject exclude works alone
    proc = run_cli("lint", "--format", "json", "--exclude", "*_pb2.py", ".", cwd=root / "pkg")
    data = json.loads(proc.stdout)
    assert {Path(f["path"]).name for f in data["findings"]} == {kept.name}
    assert data["files_checked"] == 1


def test_command_line_exclude(tmp_path):
    write(tmp_path / "a" / "one.py", LD001_SRC)
    write(tmp_path / "b" / "two.py", LD001_SRC)
    proc = run_cli("lint", "--format", "json", "--exclude", "b/", ".", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert data["files_checked"] == 1
    assert {Path(f["path"]).name for f in data["findings"]} == {"one.py"}


def test_pyproject_without_the_table_is_ignored(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n[tool.black]\nline-length = 100\n")
    path = write(tmp_path / "mixed.py", mixed())
    proc = run_cli("lint", "--format", "json", path)
    assert codes_json(proc) == MIXED


def test_config_option_reads_another_file(tmp_path):
    path = write(tmp_path / "src" / "mixed.py", mixed())
    config = tmp_path / "elsewhere" / "layerdoctor.toml"
    config.parent.mkdir()
    config.write_text('[tool.layerdoctor]\nselect = ["LD003"]\n')
    proc = run_cli("lint", "--format", "json", "--config", config, path)
    assert codes_json(proc) == {(13, "LD003")}


# ---------------------------------------------------------------- --target


@pytest.mark.parametrize("flavour, target, expected_target, reported", [
    ("keras3", None, "keras3", True),
    ("keras3", "auto", "keras3", True),
    ("keras3", "keras3", "keras3", True),
    ("keras3", "tf-keras", "tf-keras", False),
    ("tf_keras", None, "tf-keras", False),
    ("tf_keras", "keras3", "keras3", True),
    ("legacy_env", "auto", "tf-keras", False),
], ids=["k3-default", "k3-auto", "k3-keras3", "k3-tf-keras", "tf_keras-auto", "tf_keras-forced-keras3",
        "TF_USE_LEGACY_KERAS-auto"])
def test_target_and_tf_variable(tmp_path, flavour, target, expected_target, reported):
    path = write(tmp_path / "native.py", tf_variable_layer(flavour))
    args = ["lint", "--format", "json", path] + (["--target", target] if target else [])
    proc = run_cli(*args)
    findings = json.loads(proc.stdout)["findings"]
    if reported:
        assert [(f["code"], f["severity"], f["target"], f["class"], f["attribute"]) for f in findings] == [
            ("LD003", "error", expected_target, "NativeDense", "kernel")]
        assert proc.returncode == 1
    else:
        assert findings == []
        assert proc.returncode == 0


def test_target_tf_keras_keeps_other_errors(tmp_path):
    path = write(tmp_path / "mixed.py", mixed())
    proc = run_cli("lint", "--format", "json", "--target", "tf-keras", path)
    data = json.loads(proc.stdout)
    # LD003 is no bug on tf.keras 2; a sublayer set before super().__init__() in a Model raises there (LD013b).
    assert {(f["line"], f["code"]) for f in data["findings"]} == {(12, "LD001"), (21, "LD013")}
    assert {f["target"] for f in data["findings"]} == {"tf-keras"}


def test_auto_target_is_per_file(tmp_path):
    k3 = write(tmp_path / "k3.py", tf_variable_layer("keras3"))
    write(tmp_path / "legacy.py", tf_variable_layer("tf_keras"))
    proc = run_cli("lint", "--format", "json", tmp_path)
    data = json.loads(proc.stdout)
    assert data["files_checked"] == 2
    assert [(f["path"], f["code"]) for f in data["findings"]] == [(str(k3), "LD003")]


# ---------------------------------------------------------------- rules / explain


def test_rules_lists_all_codes():
    proc = run_cli("rules")
    assert proc.returncode == 0
    for code in ALL_CODES:
        assert code in proc.stdout
    assert_no_traceback(proc)


def test_rules_json():
    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0
    rules = json.loads(proc.stdout)
    assert [r["code"] for r in rules] == ALL_CODES
    by_code = {r["code"]: r for r in rules}
    for rule in rules:
        assert set(rule) >= {"code", "name", "severity", "tf_keras_severity", "summary", "detectors"}
        assert rule["severity"] in ("error", "warning", "info")
    assert by_code["LD003"]["severity"] == "error" and by_code["LD003"]["tf_keras_severity"] is None
    assert by_code["LD004"]["severity"] == "warning"
    assert by_code["LD007"]["severity"] == "info"


def test_explain_ld003():
    proc = run_cli("explain", "LD003")
    assert proc.returncode == 0
    assert "tf.Variable" in proc.stdout
    assert "foreign-variable" in proc.stdout
    assert_no_traceback(proc)


def test_explain_lowercase_code():
    proc = run_cli("explain", "ld001")
    assert proc.returncode == 0
    assert "raw-tensor-state" in proc.stdout


def test_explain_unknown_code():
    proc = run_cli("explain", "LD999")
    assert proc.returncode == 2
    assert "LD999" in one_line(proc.stderr)
    assert proc.stdout == ""
    assert_no_traceback(proc)


# ---------------------------------------------------------------- text output


def test_text_output_without_a_terminal(tmp_path):
    path = write(tmp_path / "mixed.py", mixed())
    proc = run_cli("lint", path)
    assert proc.returncode == 1
    out = proc.stdout
    assert not ANSI.search(out)
    for line, code in sorted(MIXED):
        assert re.search(rf"^{re.escape(str(path))}:{line}:\d+: {code}\b", out, re.M), code
    assert re.search(rf"^{re.escape(str(path))}:12:9: LD001 raw-tensor-state \(error, Keras 3\)$", out, re.M)
    assert out.rstrip("\n").splitlines()[-1] == "3 errors (1 file checked)."
    assert out.count("fix:") == 3


def test_text_summary_counts_warnings_and_unreadable_files(tmp_path):
    write(tmp_path / "early.py", WARNING_ONLY_SRC)
    write(tmp_path / "broken.py", "class X(:\n")
    proc = run_cli("lint", tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.rstrip("\n").splitlines()[-1] == "1 warning (2 files checked, 1 could not be checked)."


def test_text_output_with_markup_like_paths(tmp_path):
    path = write(tmp_path / "[red]x" / "l[0].py", LD001_SRC)
    proc = run_cli("lint", path)
    assert proc.returncode == 1
    assert f"{path}:{LD001_LINE}:9: LD001 raw-tensor-state" in proc.stdout


def test_no_fix_hints(tmp_path):
    path = write(tmp_path / "mixed.py", mixed())
    proc = run_cli("lint", "--no-fix-hints", path)
    assert proc.returncode == 1
    assert "fix:" not in proc.stdout
    assert "add_weight" not in proc.stdout  # the fix snippet itself is gone too
    assert re.search(rf"^{re.escape(str(path))}:12:9: LD001", proc.stdout, re.M)


def test_color_always_uses_ansi_and_never_does_not(tmp_path):
    path = write(tmp_path / "buggy.py", LD001_SRC)
    assert ANSI.search(run_cli("lint", "--color", "always", path).stdout)
    assert not ANSI.search(run_cli("lint", "--color", "never", path).stdout)



@pytest.mark.skipif(importlib.util.find_spec("numpy") is not None and importlib.util.find_spec("keras") is not None,
                    reason="only meaningful where the runtime extra is not installed (the lean test run)")
def test_inspect_without_the_runtime_extra_is_one_line_and_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "layerdoctor.cli", "inspect", "model.py"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("layerdoctor: error: the runtime inspector needs Keras 3")
    assert "Traceback" not in result.stderr
