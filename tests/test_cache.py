"""The result cache (LAYERDOCTOR_CACHE_DIR): a second run on unchanged files gives the same
report; any change to the files, the set of files or the configuration gives a fresh one;
--no-cache neither reads nor writes; a broken cache only costs time.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from harness import run_cli, write

from layerdoctor import lint_paths


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    return path


@pytest.fixture
def project(tmp_path, cache_dir) -> Path:
    root = tmp_path / "proj"
    write(root / "layers" / "dense.py", BUGGY)
    write(root / "layers" / "clean.py", CLEAN)
    return root


def lint_json(*paths, **options) -> dict:
    return lint_paths(list(paths), **options).to_dict()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under the cache folder with its size and modification time."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def codes(data: dict) -> set[tuple[str, int, str]]:
    return {(Path(f["path"]).name, f["line"], f["code"]) for f in data["findings"]}


# LD001 on line 12 (kernel), LD003 on line 13 (bias).
BUGGY = """
import tensorflow as tf
import keras
from keras import ops


class ScaledDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = keras.random.normal((input_shape[-1], self.units))
        self.bias = tf.Variable(tf.zeros((self.units,)))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias
"""
BUGGY_CODES = {("dense.py", 12, "LD001"), ("dense.py", 13, "LD003")}
KERNEL_LINE = "        self.kernel = keras.random.normal((input_shape[-1], self.units))\n"
KERNEL_FIXED = ("        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), "
                "initializer=\"glorot_uniform\")\n")

CLEAN = """
import keras
from keras import ops


class Linear(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4), initializer="glorot_uniform")

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)
"""


def bump_mtime(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


# ---------------------------------------------------------------- same files, same report


def test_second_run_equals_the_first_and_writes_nothing(project, cache_dir):
    first = lint_json(project)
    assert codes(first) == BUGGY_CODES
    written = snapshot(cache_dir)
    assert written, "the first run stores its result in LAYERDOCTOR_CACHE_DIR"
    second = lint_json(project)
    assert second == first
    assert snapshot(cache_dir) == written  # served from the cache: nothing rewritten


def test_second_cli_run_equals_the_first(project, cache_dir):
    first = run_cli("lint", "--format", "json", project)
    second = run_cli("lint", "--format", "json", project)
    assert first.returncode == second.returncode == 1
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert second.stderr == first.stderr == ""
    # The text report is the same too.
    assert run_cli("lint", project).stdout == run_cli("lint", project).stdout


def test_a_cache_hit_imports_no_rule_module(project, cache_dir):
    """A warm run (pre-commit, an editor) shows the stored report, names included, without importing
    the rules (a third of a warm run's time); a cold run imports them all."""
    script = ("import sys, contextlib, io\n"
              "from layerdoctor.cli import main\n"
              "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
              "    try: main(sys.argv[1:])\n"
              "    except SystemExit: pass\n"
              "print(sorted(m for m in sys.modules if m.startswith('layerdoctor.static.rules.')))\n"
              "print(out.getvalue())\n")
    def run(*args):
        result = subprocess.run([sys.executable, "-c", script, "lint", *args, str(project)],
                                capture_output=True, text=True, timeout=60, env=dict(os.environ))
        imported, _, shown = result.stdout.partition("\n")
        return ast.literal_eval(imported), shown

    cold_modules, cold_json = run("--format", "json")
    warm_modules, warm_json = run("--format", "json")
    assert "layerdoctor.static.rules.ld001" in cold_modules
    assert warm_modules == []
    assert json.loads(warm_json) == json.loads(cold_json)  # the rules' names included
    assert json.loads(warm_json)["findings"] and all(f["name"] for f in json.loads(warm_json)["findings"])

def test_content_identical_rewrite_with_a_new_mtime(project, cache_dir):
    first = lint_json(project)
    path = project / "layers" / "dense.py"
    path.write_bytes(path.read_bytes())
    bump_mtime(path)
    assert lint_json(project) == first


# ---------------------------------------------------------------- changes invalidate


def test_editing_a_file_changes_the_result(project, cache_dir):
    path = project / "layers" / "dense.py"
    assert codes(lint_json(project)) == BUGGY_CODES
    path.write_text(path.read_text().replace(KERNEL_LINE, KERNEL_FIXED))
    assert codes(lint_json(project)) == {("dense.py", 13, "LD003")}
    # And back again: the old result is right again.
    path.write_text(path.read_text().replace(KERNEL_FIXED, KERNEL_LINE))
    assert codes(lint_json(project)) == BUGGY_CODES


def test_editing_a_file_keeping_its_size(project, cache_dir):
    """A same-size edit (a noqa comment replacing spaces) with a new mtime is still seen."""
    path = project / "layers" / "dense.py"
    source = path.read_text().replace(KERNEL_LINE, KERNEL_LINE.rstrip("\n") + "  # 0123456789\n")
    path.write_text(source)
    assert codes(lint_json(project)) == BUGGY_CODES
    edited = source.replace("# 0123456789", "# noqa:LD001")
    assert len(edited) == len(source)
    path.write_text(edited)
    bump_mtime(path)
    assert codes(lint_json(project)) == {("dense.py", 13, "LD003")}


def test_cli_edit_changes_the_exit_code(project, cache_dir):
    path = project / "layers" / "dense.py"
    assert run_cli("lint", project).returncode == 1
    source = path.read_text().replace(KERNEL_LINE, KERNEL_FIXED)
    path.write_text(source.replace("tf.Variable(tf.zeros((self.units,)))",
                                   'self.add_weight(shape=(self.units,), initializer="zeros")'))
    proc = run_cli("lint", project)
    assert proc.returncode == 0, proc.stdout
    assert "no findings (2 files checked)." in proc.stdout


def test_adding_and_removing_files(project, cache_dir):
    assert lint_json(project)["files_checked"] == 2
    write(project / "layers" / "more.py", BUGGY)
    data = lint_json(project)
    assert data["files_checked"] == 3
    assert {name for name, _, _ in codes(data)} == {"dense.py", "more.py"}
    (project / "layers" / "dense.py").unlink()
    data = lint_json(project)
    assert data["files_checked"] == 2
    assert codes(data) == {("more.py", 12, "LD001"), ("more.py", 13, "LD003")}


def test_changing_ignore_select_and_target(project, cache_dir):
    assert codes(lint_json(project)) == BUGGY_CODES
    assert codes(lint_json(project, ignore=["LD003"])) == {("dense.py", 12, "LD001")}
    assert codes(lint_json(project, select=["LD003"])) == {("dense.py", 13, "LD003")}
    assert codes(lint_json(project, target="tf-keras")) == {("dense.py", 12, "LD001")}
    assert codes(lint_json(project)) == BUGGY_CODES  # the original configuration again


def test_cli_changing_ignore(project, cache_dir):
    first = json.loads(run_cli("lint", "--format", "json", project).stdout)
    assert codes(first) == BUGGY_CODES
    second = json.loads(run_cli("lint", "--format", "json", "--ignore", "LD001", project).stdout)
    assert codes(second) == {("dense.py", 13, "LD003")}
    third = json.loads(run_cli("lint", "--format", "json", project).stdout)
    assert third == first


def test_changing_pyproject_changes_the_result(project, cache_dir):
    pyproject = project / "pyproject.toml"
    pyproject.write_text('[tool.layerdoctor]\nignore = ["LD001"]\n')
    assert codes(lint_json(project)) == {("dense.py", 13, "LD003")}
    pyproject.write_text('[tool.layerdoctor]\nignore = ["LD003"]\n')
    assert codes(lint_json(project)) == {("dense.py", 12, "LD001")}
    pyproject.write_text('[tool.layerdoctor]\nexclude = ["layers/dense.py"]\n')
    assert lint_json(project)["findings"] == []
    pyproject.unlink()
    assert codes(lint_json(project)) == BUGGY_CODES


def test_a_subset_of_the_paths_is_not_served_the_whole_result(project, cache_dir):
    assert codes(lint_json(project)) == BUGGY_CODES
    clean = project / "layers" / "clean.py"
    data = lint_json(clean)
    assert data["files_checked"] == 1 and data["findings"] == []


def test_a_base_class_edited_in_another_file(tmp_path, cache_dir):
    """Whether a class is a layer depends on another file: editing that file re-checks this one."""
    root = tmp_path / "proj"
    write(root / "base.py", "import keras\n\n\nclass Base(keras.layers.Layer):\n    pass\n")
    write(root / "child.py", """
        import keras
        from base import Base


        class Child(Base):
            def build(self, input_shape):
                self.kernel = keras.random.normal((input_shape[-1], 4))
    """)
    assert codes(lint_json(root)) == {("child.py", 7, "LD001")}
    write(root / "base.py", "class Base:\n    pass\n")  # no longer a layer
    assert codes(lint_json(root)) == set()


# ---------------------------------------------------------------- errors and the cache


def test_file_errors_survive_the_cache(project, cache_dir):
    write(project / "broken.py", "import keras\n\n\nclass Broken(keras.layers.Layer:\n    pass\n")
    first = run_cli("lint", "--format", "json", project, project / "missing.py")
    second = run_cli("lint", "--format", "json", project, project / "missing.py")
    assert first.returncode == second.returncode == 2
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert second.stderr == first.stderr
    assert len(first.stderr.splitlines()) == 2  # broken.py and missing.py, once each
    data = json.loads(first.stdout)
    assert sorted(Path(e["path"]).name for e in data["errors"]) == ["broken.py", "missing.py"]


def test_fixing_a_broken_file(project, cache_dir):
    broken = write(project / "broken.py", "import keras\n\n\nclass Broken(keras.layers.Layer:\n    pass\n")
    assert len(lint_json(project)["errors"]) == 1
    write(broken, BUGGY)
    data = lint_json(project)
    assert data["errors"] == []
    assert ("broken.py", 12, "LD001") in codes(data)


# ---------------------------------------------------------------- --no-cache and a broken cache


def test_no_cache_writes_nothing(project, cache_dir):
    data = lint_json(project, use_cache=False)
    assert codes(data) == BUGGY_CODES
    assert snapshot(cache_dir) == {}
    proc = run_cli("lint", "--no-cache", project)
    assert proc.returncode == 1
    assert snapshot(cache_dir) == {}


def test_no_cache_does_not_read_a_stale_cache(project, cache_dir):
    path = project / "layers" / "dense.py"
    source = path.read_text().replace(KERNEL_LINE, KERNEL_LINE.rstrip("\n") + "  # 0123456789\n")
    path.write_text(source)
    assert codes(lint_json(project)) == BUGGY_CODES
    written = snapshot(cache_dir)
    st = path.stat()
    # A same-size edit that keeps the old mtime: a stat-keyed cache cannot notice it, so only a
    # run that does not read the cache gives the right answer.
    path.write_text(source.replace("# 0123456789", "# noqa:LD001"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert codes(lint_json(project, use_cache=False)) == {("dense.py", 13, "LD003")}
    assert snapshot(cache_dir) == written


def test_garbage_in_the_cache_is_a_miss(project, cache_dir):
    first = lint_json(project)
    for path in cache_dir.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x80\x04garbage, not a pickle")
    assert lint_json(project) == first
    for path in cache_dir.rglob("*"):
        if path.is_file():
            path.write_bytes(b"")
    proc = run_cli("lint", "--format", "json", project)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout) == first


def test_unusable_cache_dir_only_costs_time(tmp_path, project, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n")
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(blocker / "cache"))
    proc = run_cli("lint", "--format", "json", project)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    assert codes(json.loads(proc.stdout)) == BUGGY_CODES


def test_cached_result_of_a_parallel_run(tmp_path, cache_dir):
    """Enough files for worker processes: the cached result equals the fresh one."""
    root = tmp_path / "many"
    for i in range(150):
        write(root / f"pkg{i % 3}" / f"mod_{i:03d}.py", BUGGY if i % 25 == 0 else CLEAN)
    fresh = lint_json(root, use_cache=False, jobs=2)
    first = lint_json(root, jobs=2)
    second = lint_json(root, jobs=2)
    assert fresh == first == second
    assert len(fresh["findings"]) == 2 * 6
