"""Issue 8, lint side: one project view for single files (pre-commit), conventions people
expect from ruff (--statistics, --show-fixes, [*], --quiet, stdin, `python -m layerdoctor`),
--fail-on. Real files in tmp_path, real CLI processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from harness import ROOT, run_cli, write


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch):
    path = tmp_path_factory.mktemp("ldcache")
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(path))
    return path


BASE = """
import keras


class Base(keras.layers.Layer):
    pass
"""
CHILD = """
import tensorflow as tf

from pkg.base import Base


class Child(Base):
    def build(self, input_shape):
        self.w = tf.zeros((3,))
"""


def two_file_project(root: Path, marker: str = "pyproject.toml") -> Path:
    if marker == ".git":
        (root / ".git").mkdir(parents=True)
    else:
        write(root / marker, "")
    write(root / "pkg" / "__init__.py", "")
    write(root / "pkg" / "base.py", BASE)
    write(root / "pkg" / "child.py", CHILD)
    return root


def codes(proc) -> list[tuple[str, int, str]]:
    data = json.loads(proc.stdout)
    return [(f["path"], f["line"], f["code"]) for f in data["findings"]]


@pytest.mark.parametrize("marker", ["pyproject.toml", "setup.cfg", ".git"])
def test_a_single_file_is_checked_against_its_project(tmp_path, marker):
    """Given one file, lint indexes the project it belongs to (the base layer is in another file)
    and reports only on that file."""
    root = two_file_project(tmp_path / "proj", marker)
    whole = run_cli("lint", ".", "--format", "json", cwd=root)
    alone = run_cli("lint", "pkg/child.py", "--format", "json", cwd=root)
    inside = run_cli("lint", "child.py", "--format", "json", cwd=root / "pkg")
    assert codes(whole) == [("pkg/child.py", 8, "LD001")]
    assert codes(alone) == [("pkg/child.py", 8, "LD001")], alone.stdout + alone.stderr
    assert codes(inside) == [("child.py", 8, "LD001")]
    assert json.loads(alone.stdout)["files_checked"] == 1  # reported on the given file only
    assert alone.returncode == 1


def test_a_subfolder_is_checked_against_its_project(tmp_path):
    """Given a folder inside a project (a subpackage), lint indexes the whole project (the base
    layer is in the parent package) and reports only on the folder's files."""
    root = two_file_project(tmp_path / "proj")
    write(root / "pkg" / "sub" / "__init__.py", "")
    write(root / "pkg" / "sub" / "leaf.py", CHILD.replace("Child", "Leaf"))
    sub = run_cli("lint", "pkg/sub/", "--format", "json", cwd=root)
    inside = run_cli("lint", ".", "--format", "json", cwd=root / "pkg" / "sub")
    assert codes(sub) == [("pkg/sub/leaf.py", 8, "LD001")], sub.stdout + sub.stderr
    assert codes(inside) == [("leaf.py", 8, "LD001")], inside.stdout + inside.stderr
    assert json.loads(sub.stdout)["files_checked"] == 2  # pkg/sub's files, not pkg/child.py
    assert sub.returncode == 1


def test_a_single_file_sees_a_base_layer_changed_since_the_cached_run(tmp_path):
    root = two_file_project(tmp_path / "proj")
    assert codes(run_cli("lint", "pkg/child.py", "--format", "json", cwd=root))
    write(root / "pkg" / "base.py", "class Base:\n    pass\n")  # no longer a layer
    assert codes(run_cli("lint", "pkg/child.py", "--format", "json", cwd=root)) == []


def test_other_files_of_the_project_are_not_reported(tmp_path):
    root = two_file_project(tmp_path / "proj")
    write(root / "pkg" / "other.py", CHILD.replace("Child", "Other"))
    write(root / "pkg" / "broken.py", "def (:\n")
    proc = run_cli("lint", "pkg/child.py", "--format", "json", cwd=root)
    assert codes(proc) == [("pkg/child.py", 8, "LD001")]
    assert json.loads(proc.stdout)["errors"] == []
    assert proc.returncode == 1


def test_the_pre_commit_hook_entry_on_the_changed_file_only(tmp_path):
    """What pre-commit runs: the hook's entry with only the changed (staged) files, from the
    repository root. The base layer did not change, the bug in the child is found."""
    yaml = pytest.importorskip("yaml")

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    entry = hook["entry"]
    assert hook.get("pass_filenames", True) and hook["types_or"] == ["python", "jupyter"]
    assert entry.split()[0] == "layerdoctor"
    root = two_file_project(tmp_path / "repo", ".git")
    args = entry.split()[1:] + ["pkg/child.py"]
    proc = subprocess.run([sys.executable, "-c", "import sys; from layerdoctor.cli import main; "
                           "sys.exit(main(sys.argv[1:]))", *args], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "pkg/child.py:8:9: LD001" in proc.stdout


WARNING_ONLY = """
import keras


class FixedIn(keras.layers.Layer):
    def __init__(self, units, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.kernel = self.add_weight(shape=(input_dim, units), initializer="zeros")

    def call(self, x):
        return x @ self.kernel
"""


def test_fail_on_warning(tmp_path):
    write(tmp_path / "w.py", WARNING_ONLY)
    plain = run_cli("lint", "w.py", "--format", "json", cwd=tmp_path)
    assert {f["severity"] for f in json.loads(plain.stdout)["findings"]} == {"warning"}
    assert plain.returncode == 0
    assert run_cli("lint", "w.py", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    assert run_cli("lint", "w.py", "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert run_cli("lint", "w.py", "--fail-on", "warning", "--exit-zero", cwd=tmp_path).returncode == 0


LATE_SUPER = """
import keras


class Encoder(keras.Model):
    def __init__(self, **kwargs):
        self.trainable = False
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(4)

    def call(self, x):
        return self.dense(x)
"""


def test_python_dash_m_layerdoctor(tmp_path):
    write(tmp_path / "w.py", WARNING_ONLY)
    proc = subprocess.run([sys.executable, "-m", "layerdoctor", "lint", "w.py", "--fail-on", "warning"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1 and "LD004" in proc.stdout, proc.stderr


def test_fixable_marker_show_fixes_statistics_and_quiet(tmp_path):
    write(tmp_path / "late.py", LATE_SUPER)
    write(tmp_path / "w.py", WARNING_ONLY)
    text = run_cli("lint", "late.py", "w.py", cwd=tmp_path).stdout
    assert "late.py:6:9: LD013 [*] super-init-missing-or-late" in text
    assert "w.py:7:23: LD004 fixed-input-dim-in-init" in text  # no fix: no marker
    assert "[*] 1 fixable with `layerdoctor lint --fix`" in text
    shown = run_cli("lint", "late.py", "w.py", "--show-fixes", cwd=tmp_path).stdout
    assert "Fixable with `layerdoctor lint --fix` (1):\n  late.py:6:9: LD013 super-init-missing-or-late" in shown
    stats = run_cli("lint", "late.py", "w.py", "--statistics", cwd=tmp_path).stdout.splitlines()
    assert [line.split() for line in stats[:2]] == [["1", "LD004", "fixed-input-dim-in-init"],
                                                  ["1", "LD013", "[*]", "super-init-missing-or-late"]]
    quiet = run_cli("lint", "late.py", "w.py", "--quiet", "--no-fix-hints", cwd=tmp_path).stdout
    assert [line for line in quiet.splitlines() if not line.startswith("    ")] == [
        "late.py:6:9: LD013 [*] super-init-missing-or-late (error, Keras 3)",
        "w.py:7:23: LD004 fixed-input-dim-in-init (warning, Keras 3)"]


def test_lint_stdin_with_a_filename_in_its_project(tmp_path):
    """An editor sends its unsaved buffer on stdin: checked as that file of its project."""
    root = two_file_project(tmp_path / "proj")
    (root / "pkg" / "child.py").write_text("# saved: nothing yet\n")
    proc = subprocess.run([sys.executable, "-m", "layerdoctor", "lint", "-", "--stdin-filename", "pkg/child.py",
                           "--format", "json"], input=CHILD.lstrip("\n"), cwd=root, capture_output=True, text=True)
    assert codes(proc) == [("pkg/child.py", 8, "LD001")], proc.stderr
    noqa = CHILD.lstrip("\n").replace("tf.zeros((3,))", "tf.zeros((3,))  # noqa: LD001")
    quiet = subprocess.run([sys.executable, "-m", "layerdoctor", "lint", "-", "--stdin-filename", "pkg/child.py",
                            "--format", "json"], input=noqa, cwd=root, capture_output=True, text=True)
    assert codes(quiet) == [] and quiet.returncode == 0


def test_output_file_is_not_wrapped(tmp_path):
    long_name = "A" * 120
    folder = "models_" + "b" * 110
    write(tmp_path / folder / "late.py", LATE_SUPER.replace("Encoder", long_name))
    run_cli("lint", f"{folder}/late.py", "-o", "report.txt", cwd=tmp_path)
    lines = (tmp_path / "report.txt").read_text().splitlines()
    assert f"{folder}/late.py" in lines  # the file's header line, whole (it was cut at 100 columns)
    message = next(line for line in lines if line.startswith(f"    {long_name}.__init__"))
    assert len(message) > 200


def notebook(path: Path, cells: list[list[str]], kinds: list[str] | None = None) -> Path:
    kinds = kinds or ["code"] * len(cells)
    data = {"cells": [{"cell_type": kind, "metadata": {}, "source": source,
                       **({"execution_count": None, "outputs": []} if kind == "code" else {})}
                      for kind, source in zip(kinds, cells)],
            "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))
    return path


NOTEBOOK_CELLS = [
    ["# Attention\n"],
    ["%matplotlib inline\n", "!pip install keras\n", "import keras\n", "import tensorflow as tf\n"],
    ["%%bash\n", "echo $((1 +\n"],
    ["class Attn(keras.layers.Layer):\n", "    def build(self, input_shape):\n",
     "        self.scale = tf.ones((4,))\n", "\n", "    def call(self, x):\n", "        return x * self.scale\n"],
]


def test_notebooks_are_read_as_ruff_reads_them(tmp_path):
    nb = notebook(tmp_path / "nbs" / "attn.ipynb", NOTEBOOK_CELLS, ["markdown", "code", "code", "code"])
    before = nb.read_bytes()
    folder = run_cli("lint", "nbs", "--format", "json", cwd=tmp_path)
    data = json.loads(folder.stdout)
    assert data["files_checked"] == 1 and data["errors"] == [], folder.stderr
    (finding,) = data["findings"]
    assert (finding["path"], finding["extra"]["cell"], finding["line"], finding["column"], finding["code"]) == \
        ("nbs/attn.ipynb", 4, 3, 9, "LD001")
    text = run_cli("lint", "nbs/attn.ipynb", cwd=tmp_path).stdout
    assert "nbs/attn.ipynb:cell 4:3:9: LD001" in text
    fixed = run_cli("lint", "nbs", "--fix", cwd=tmp_path)
    assert nb.read_bytes() == before, fixed.stderr  # never edited as if it were Python


def test_noqa_in_a_notebook_cell(tmp_path):
    cells = [list(c) for c in NOTEBOOK_CELLS]
    cells.append([line.replace("Attn", "Other") for line in cells[3]])
    cells[3][2] = "        self.scale = tf.ones((4,))  # noqa: LD001\n"
    notebook(tmp_path / "attn.ipynb", cells, ["markdown", "code", "code", "code", "code"])
    proc = run_cli("lint", "attn.ipynb", "--format", "json", cwd=tmp_path)
    found = [(f["class"], f["extra"]["cell"], f["line"]) for f in json.loads(proc.stdout)["findings"]]
    assert found == [("Other", 5, 3)]


def test_a_file_that_is_not_a_notebook(tmp_path):
    (tmp_path / "bad.ipynb").write_text("{not json")
    proc = run_cli("lint", "bad.ipynb", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["errors"] == [{"path": "bad.ipynb",
                                                 "message": "not a Jupyter notebook (no JSON with a list of cells)"}]


LD013_CELL = ["%load_ext autoreload\n", "class Block(keras.layers.Layer):\n", "    def __init__(self, units):\n",
              "        self.dense = keras.layers.Dense(units)\n", "        super().__init__()\n", "\n",
              "    def call(self, x):\n", "        return self.dense(x)\n"]


def _jupyter_notebook(path: Path, cells, kinds) -> Path:
    """A notebook laid out as Jupyter writes it (indent 1, sorted keys, non-ASCII kept, final newline)."""
    data = {"cells": [{"cell_type": kind, "metadata": {}, "source": source,
                       **({"execution_count": None, "outputs": []} if kind == "code" else {})}
                      for kind, source in zip(kinds, cells)],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 — ünïcode"}},
            "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_fix_edits_only_the_notebook_cell_it_fixes(tmp_path):
    cells = [["# Blocks\n"], NOTEBOOK_CELLS[1], LD013_CELL]
    nb = _jupyter_notebook(tmp_path / "blocks.ipynb", cells, ["markdown", "code", "code"])
    before = json.loads(nb.read_text(encoding="utf-8"))
    found = json.loads(run_cli("lint", "blocks.ipynb", "--format", "json", cwd=tmp_path).stdout)["findings"]
    assert [(f["code"], f["extra"]["cell"], f["line"]) for f in found] == [("LD013", 3, 4)]

    diff = run_cli("lint", "blocks.ipynb", "--diff", cwd=tmp_path)
    assert "a/blocks.ipynb:cell 3" in diff.stdout and nb.read_text(encoding="utf-8") == \
        json.dumps(before, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    fixed = run_cli("lint", "blocks.ipynb", "--fix", "--format", "json", cwd=tmp_path)
    assert json.loads(fixed.stdout)["findings"] == [], fixed.stderr
    after = json.loads(nb.read_text(encoding="utf-8"))
    new_source = after["cells"][2]["source"]
    assert new_source[0] == "%load_ext autoreload\n"  # the magic is kept
    assert new_source.index("        super().__init__()\n") < new_source.index("        self.dense = keras.layers.Dense(units)\n")
    # Everything but that cell's source is as it was, and so is the layout.
    after["cells"][2]["source"] = before["cells"][2]["source"]
    assert after == before
    relinted = json.loads(run_cli("lint", "blocks.ipynb", "--format", "json", cwd=tmp_path).stdout)
    assert relinted["findings"] == []


def test_fix_keeps_the_notebook_layout_byte_for_byte(tmp_path):
    nb = _jupyter_notebook(tmp_path / "blocks.ipynb", [LD013_CELL], ["code"])
    original = nb.read_text(encoding="utf-8")
    run_cli("lint", "blocks.ipynb", "--fix", cwd=tmp_path)
    data = json.loads(nb.read_text(encoding="utf-8"))
    assert data["cells"][0]["source"] != LD013_CELL
    # Put the old source back through the same layout: the rest of the bytes are the original's.
    data["cells"][0]["source"] = LD013_CELL
    assert json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n" == original


def test_fix_refuses_a_notebook_whose_layout_it_cannot_keep(tmp_path):
    nb = tmp_path / "odd.ipynb"
    data = {"cells": [{"cell_type": "code", "metadata": {}, "source": LD013_CELL, "outputs": [],
                       "execution_count": None}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    nb.write_text(json.dumps(data, indent=3))  # no writer lays notebooks out like this
    original = nb.read_bytes()
    proc = run_cli("lint", "odd.ipynb", "--fix", "--format", "json", cwd=tmp_path)
    assert nb.read_bytes() == original
    report = json.loads(proc.stdout)
    assert [f["code"] for f in report["findings"]] == ["LD013"]
    assert report["errors"] and report["errors"][0]["path"] == "odd.ipynb"
    assert report["errors"][0]["message"].startswith("not fixed: its JSON layout")
    assert proc.returncode != 0


NET = """
import keras


class TwoLayerNet(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.head = keras.layers.Dense(1)

    def call(self, x):
        return self.head(self.hidden(x))
"""
BUILDS = """
import keras

from pkg.net import TwoLayerNet


def make():
    model = TwoLayerNet()
    model.build((None, 4))
    return model
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_explicit_build_of_a_model_defined_in_a_file_another_worker_parsed(tmp_path, jobs):
    """LD005's explicit build needs the methods of a class in another file; with two worker
    processes (over 128 files) that file is parsed by the other worker, and read again on request."""
    root = tmp_path / "proj"
    write(root / "pyproject.toml", "")
    write(root / "pkg" / "__init__.py", "")
    write(root / "pkg" / "net.py", NET)
    write(root / "pkg" / "uses.py", BUILDS)
    for i in range(140):
        write(root / "pkg" / f"filler_{i:03}.py", f"VALUE = {i}\n")
    proc = run_cli("lint", ".", "--no-cache", "--jobs", jobs, "--format", "json", cwd=root)
    assert codes(proc) == [("pkg/uses.py", 8, "LD005")], proc.stdout + proc.stderr
