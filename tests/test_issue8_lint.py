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
    assert hook.get("pass_filenames", True) and hook["types"] == ["python"]
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
