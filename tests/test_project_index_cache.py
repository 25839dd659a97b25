"""The project facts cache: a file named alone (an editor, pre-commit) is checked against its
project, and the project's files whose content did not change are not parsed again.

Parses are counted on layerdoctor's own `summarize` (wrapped, not replaced); the findings are the
real ones. A second run is told from the first by an edit, so the whole-report cache never serves it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import run_cli, write

import layerdoctor.static.checker as checker
import layerdoctor.static.project as project_module
from layerdoctor import lint_paths

BASE = """
import keras


class Base(keras.layers.Layer):
    pass
"""
NOT_A_LAYER = """
class Base:
    pass
"""
CHILD = """
import tensorflow as tf

from pkg.base import Base


class Child(Base):
    def build(self, input_shape):
        self.w = tf.zeros((3,))
"""
OTHER = """
import keras


class Other{i}(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(3,), initializer="zeros")

    def call(self, x):
        return x * self.w
"""
OTHERS = 20  # few enough for one process: the parses are counted in this one


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    return path


@pytest.fixture
def root(tmp_path, cache_dir, monkeypatch) -> Path:
    """A project: the base layer in pkg/base.py, a subclass with a bug in pkg/child.py, other files."""
    root = tmp_path / "proj"
    write(root / "pyproject.toml", "")
    write(root / "pkg" / "__init__.py", "")
    write(root / "pkg" / "base.py", BASE)
    write(root / "pkg" / "child.py", CHILD)
    for i in range(OTHERS):
        write(root / "pkg" / f"other_{i:02}.py", OTHER.format(i=i))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the files `summarize` (or `summarize_class`, one class of it) reads, in this process, run
    after run (cleared by the test)."""
    seen: list[str] = []
    real, real_class = checker.summarize, project_module.summarize_class
    assert project_module.summarize is real

    def counting(path, text=None):
        seen.append(Path(path).name)
        return real(path, text)

    def counting_class(path, text, *where):
        seen.append(Path(path).name)
        return real_class(path, text, *where)

    monkeypatch.setattr(checker, "summarize", counting)
    monkeypatch.setattr(project_module, "summarize", counting)
    monkeypatch.setattr(project_module, "summarize_class", counting_class)
    return seen


def lint(*paths) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.code) for f in lint_paths(list(paths)).findings]


def all_files(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*.py"))


def facts_file(cache_dir: Path) -> Path:
    (path,) = cache_dir.rglob("facts.json")
    return path


def edit_child(root: Path, blank_lines: int) -> None:
    """Move the bug down by some blank lines: a new digest, a new line for the finding."""
    write(root / "pkg" / "child.py", CHILD.replace("\n\nclass", "\n" * (blank_lines + 2) + "class"))


# ---------------------------------------------------------------- one edited file, one parse


def test_editing_the_named_file_parses_only_that_file(root, parsed):
    assert lint("pkg/child.py") == [("pkg/child.py", 8, "LD001")]
    assert sorted(parsed) == all_files(root)  # the first run indexes the whole project
    parsed.clear()
    edit_child(root, 2)
    assert lint("pkg/child.py") == [("pkg/child.py", 10, "LD001")]  # the base layer is still known
    assert parsed == ["child.py"]
    parsed.clear()
    edit_child(root, 3)
    assert lint("pkg/child.py") == [("pkg/child.py", 11, "LD001")]
    assert parsed == ["child.py"]


def test_pre_commit_naming_another_file_each_time(root, parsed):
    """pre-commit names the changed files, other ones each commit: the facts are the project's."""
    lint("pkg/child.py")
    parsed.clear()
    write(root / "pkg" / "other_03.py", OTHER.format(i=3) + "\n# edited\n")
    assert lint("pkg/other_03.py") == []
    assert parsed == ["other_03.py"]
    parsed.clear()
    edit_child(root, 1)
    assert lint("pkg/child.py", "pkg/other_05.py") == [("pkg/child.py", 9, "LD001")]
    assert sorted(parsed) == ["child.py", "other_05.py"]  # named files are always checked, so parsed


def test_a_whole_project_run_fills_the_facts_for_single_files(root, parsed):
    assert lint(".") == [("pkg/child.py", 8, "LD001")]
    parsed.clear()
    edit_child(root, 2)
    assert lint("pkg/child.py") == [("pkg/child.py", 10, "LD001")]
    assert parsed == ["child.py"]


def test_a_whole_project_run_still_parses_and_checks_every_file(root, parsed):
    """Findings of one file may depend on others: a run over the project checks every file."""
    lint("pkg/child.py")
    parsed.clear()
    write(root / "pkg" / "other_07.py", "import tensorflow as tf\n" + OTHER.format(i=7).replace(
        'self.add_weight(shape=(3,), initializer="zeros")', "tf.zeros((3,))"))
    assert lint(".") == [("pkg/child.py", 8, "LD001"), ("pkg/other_07.py", 8, "LD001")]
    assert sorted(parsed) == all_files(root)


# ---------------------------------------------------------------- no stale facts


def test_editing_the_base_file_changes_the_result_of_the_child(root, parsed):
    assert lint("pkg/child.py") == [("pkg/child.py", 8, "LD001")]
    parsed.clear()
    write(root / "pkg" / "base.py", NOT_A_LAYER)  # Child is no longer a layer
    assert lint("pkg/child.py") == []
    assert sorted(parsed) == ["base.py", "child.py"]
    parsed.clear()
    write(root / "pkg" / "base.py", BASE + "\n# a layer again\n")
    assert lint("pkg/child.py") == [("pkg/child.py", 8, "LD001")]
    assert sorted(parsed) == ["base.py", "child.py"]


def test_a_new_package_changes_the_module_names_of_unchanged_files(tmp_path, cache_dir):
    """Without pkg/__init__.py, base.py is module `base` and `from pkg.base import Base` is no
    project class; adding the __init__.py (base.py unchanged) makes it `pkg.base`."""
    root = tmp_path / "proj"
    write(root / "pyproject.toml", "")
    write(root / "pkg" / "base.py", BASE)
    write(root / "pkg" / "child.py", CHILD)
    first = run_cli("lint", "pkg/child.py", "--format", "json", cwd=root)
    assert json.loads(first.stdout)["findings"] == [], first.stdout
    write(root / "pkg" / "__init__.py", "")
    second = run_cli("lint", "pkg/child.py", "--format", "json", cwd=root)
    assert [(f["path"], f["line"], f["code"]) for f in json.loads(second.stdout)["findings"]] == \
        [("pkg/child.py", 8, "LD001")], second.stdout + second.stderr


def test_a_new_package_is_seen_by_the_next_run_in_the_same_process(tmp_path, cache_dir, monkeypatch):
    """The API: lint, add pkg/__init__.py, lint again in one process (folders are asked again)."""
    root = tmp_path / "proj"
    write(root / "pyproject.toml", "")
    write(root / "pkg" / "base.py", BASE)
    write(root / "pkg" / "child.py", CHILD)
    monkeypatch.chdir(root)
    assert lint("pkg/child.py") == []
    write(root / "pkg" / "__init__.py", "")
    assert lint("pkg/child.py") == [("pkg/child.py", 8, "LD001")]


def test_a_context_file_that_does_not_parse_is_not_parsed_again(root, parsed):
    write(root / "pkg" / "broken.py", "def (:\n")
    assert lint("pkg/child.py") == [("pkg/child.py", 8, "LD001")]
    parsed.clear()
    edit_child(root, 1)
    report = lint_paths(["pkg/child.py"])
    assert [(f.path, f.line) for f in report.findings] == [("pkg/child.py", 9)] and report.errors == []
    assert parsed == ["child.py"]
    parsed.clear()
    write(root / "pkg" / "broken.py", BASE.replace("Base", "Fixed"))  # now it parses: read again
    edit_child(root, 2)
    assert lint("pkg/child.py") == [("pkg/child.py", 10, "LD001")]
    assert sorted(parsed) == ["broken.py", "child.py"]


def test_the_facts_hold_only_the_files_of_the_last_run(root, cache_dir, parsed):
    lint("pkg/child.py")
    stored = json.loads(facts_file(cache_dir).read_text())["files"]
    assert sorted(Path(p).name for p in stored) == all_files(root)
    (root / "pkg" / "other_00.py").unlink()
    (root / "pkg" / "other_01.py").rename(root / "pkg" / "moved.py")
    edit_child(root, 1)
    lint("pkg/child.py")
    stored = json.loads(facts_file(cache_dir).read_text())["files"]
    assert sorted(Path(p).name for p in stored) == all_files(root)
    assert "other_00.py" not in all_files(root) and "moved.py" in all_files(root)


# ---------------------------------------------------------------- a broken cache only costs time


def _tamper_base(change):
    def tamper(data):
        (path,) = [p for p in data["files"] if p.endswith("base.py")]
        data["files"][path] = change(data["files"][path])
        return data
    return tamper


@pytest.mark.parametrize("tamper", [
    _tamper_base(lambda entry: [entry[0], "not facts"]),
    _tamper_base(lambda entry: ["0" * 32, entry[1]]),  # facts of another content
    _tamper_base(lambda entry: [entry[0], ["elsewhere.base", *entry[1][1:]]]),  # another module
    _tamper_base(lambda entry: [entry[0], [entry[1][0], entry[1][1], [[*entry[1][2][0][:2], [5], *entry[1][2][0][3:]]]]]),
    _tamper_base(lambda entry: [entry[0], [entry[1][0], entry[1][1], [[*entry[1][2][0][:3], {"w": "1"},
                                                                       *entry[1][2][0][4:]]]]]),
    _tamper_base(lambda entry: [entry[0], [entry[1][0], {"keras": 1}, entry[1][2]]]),
    _tamper_base(lambda entry: entry[:1]),
])
def test_a_tampered_entry_is_parsed_again(root, cache_dir, parsed, tamper):
    lint("pkg/child.py")
    path = facts_file(cache_dir)
    path.write_text(json.dumps(tamper(json.loads(path.read_text()))))
    parsed.clear()
    edit_child(root, 1)
    assert lint("pkg/child.py") == [("pkg/child.py", 9, "LD001")]
    assert sorted(parsed) == ["base.py", "child.py"]


@pytest.mark.parametrize("content", [
    b"\x80\x04garbage, not a pickle",
    b"",
    b"[1, 2]",
    b'{"format": 2, "files": {}}',
])
def test_a_foreign_facts_file_is_a_miss(root, cache_dir, parsed, content):
    lint("pkg/child.py")
    stored = json.loads(facts_file(cache_dir).read_text())
    facts_file(cache_dir).write_bytes(content)
    parsed.clear()
    edit_child(root, 1)
    assert lint("pkg/child.py") == [("pkg/child.py", 9, "LD001")]
    assert sorted(parsed) == all_files(root)
    assert json.loads(facts_file(cache_dir).read_text())["files"].keys() == stored["files"].keys()  # rewritten


def test_facts_of_another_version_of_the_code_are_a_miss(root, cache_dir, parsed):
    lint("pkg/child.py")
    path = facts_file(cache_dir)
    path.write_text(json.dumps({**json.loads(path.read_text()), "code": "another build"}))
    parsed.clear()
    edit_child(root, 1)
    assert lint("pkg/child.py") == [("pkg/child.py", 9, "LD001")]
    assert sorted(parsed) == all_files(root)


def test_an_unwritable_cache_only_costs_time(root, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n")
    env = {"LAYERDOCTOR_CACHE_DIR": str(blocker / "cache")}
    for blank_lines in (0, 1):
        edit_child(root, blank_lines)
        proc = run_cli("lint", "pkg/child.py", "--format", "json", cwd=root, env=env)
        assert proc.returncode == 1 and proc.stderr == ""
        assert [(f["path"], f["line"]) for f in json.loads(proc.stdout)["findings"]] == [("pkg/child.py", 8 + blank_lines)]


def test_no_cache_reads_no_facts(root, cache_dir, parsed):
    lint("pkg/child.py")
    parsed.clear()
    edit_child(root, 1)
    assert [(f.path, f.line) for f in lint_paths(["pkg/child.py"], use_cache=False).findings] == [("pkg/child.py", 9)]
    assert sorted(parsed) == all_files(root)


def test_module_names_worked_out_per_folder_equal_module_name_for(tmp_path):
    """The lookup's per-folder shortcut gives names.module_name_for's answer for every file:
    packages, plain folders, __init__.py files, a package inside a plain folder."""
    from layerdoctor.static.cache import _ModuleNames
    from layerdoctor.static.names import module_name_for

    for folder in ("plain", "plain/pkg", "plain/pkg/sub", "plain/pkg/sub/data", "plain/pkg/sub/data/inner"):
        write(tmp_path / folder / "mod.py", "")
        write(tmp_path / folder / "other.py", "")
    for package in ("plain/pkg", "plain/pkg/sub", "plain/pkg/sub/data/inner"):
        write(tmp_path / package / "__init__.py", "")
    module_of = _ModuleNames()
    paths = sorted(str(p) for p in tmp_path.rglob("*.py"))
    assert len(paths) == 13
    assert [module_of(p) for p in paths] == [module_name_for(p) for p in paths]
    names = {str(Path(p).relative_to(tmp_path)): module_of(p) for p in paths}
    assert names["plain/pkg/sub/mod.py"] == "pkg.sub.mod" and names["plain/pkg/__init__.py"] == "pkg"
    assert names["plain/pkg/sub/data/mod.py"] == "mod"  # data/ is no package
    assert names["plain/pkg/sub/data/inner/other.py"] == "inner.other"


def test_an_editor_buffer_on_stdin_uses_the_stored_facts(root, parsed):
    """An editor sends its unsaved buffer: checked as pkg/child.py of its project, which is not
    parsed again; the buffer's result is not cached (it is not the file on disk)."""
    lint("pkg/child.py")
    parsed.clear()
    buffer = CHILD.lstrip("\n").replace("\n\nclass", "\n\n\nclass")  # unsaved: one line more than on disk
    report = lint_paths(["pkg/child.py"], texts={"pkg/child.py": buffer})
    assert [(f.path, f.line, f.code) for f in report.findings] == [("pkg/child.py", 9, "LD001")]
    assert parsed == ["child.py"]
    parsed.clear()
    assert lint("pkg/child.py") == [("pkg/child.py", 8, "LD001")]  # the file on disk, not the buffer
    assert parsed == []  # unchanged since the first run: the whole-report cache answers


HOLDER = """
import keras
from keras import layers as kl
from .base import Base


class Holder:
    def __init__(self):
        self.dense = kl.Dense(3)
        self.blocks = [kl.Dense(4), kl.Dense(5)]


class Net(Base):
    def __setattr__(self, name, value):
        super().__setattr__(name, value)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(3,), initializer="zeros")
        getattr(self, "kernel")

    def call(self, x):
        return x * self.kernel
"""


def test_stored_facts_equal_the_parsed_ones(tmp_path):
    """Every field of FileInfo and ClassInfo goes through the JSON unchanged (a new field must be
    added to cache._info_to_json and _class_from_json: the field counts below say so)."""
    from dataclasses import fields

    from layerdoctor.static.cache import _info_from_json, _info_to_json
    from layerdoctor.static.project import ClassInfo, FileInfo, file_info
    from layerdoctor.static.source import summarize

    assert [f.name for f in fields(FileInfo)] == ["path", "module", "aliases", "classes"]
    assert len(fields(ClassInfo)) == 11, "a new ClassInfo field: store it in cache._info_to_json"
    write(tmp_path / "pkg" / "__init__.py", "")
    path = str(write(tmp_path / "pkg" / "net.py", HOLDER))
    info = file_info(summarize(path))
    holder, net = info.classes
    assert holder.holds == [("dense", "kl.Dense"), ("blocks", "kl.Dense"), ("blocks", "kl.Dense")]
    assert net.defines_setattr and net.dynamic_access and net.defines_build and net.bases == ["Base"]
    assert info.aliases["Base"] == "pkg.base.Base"
    stored = json.loads(json.dumps(_info_to_json(info)))
    assert _info_from_json(path, info.module, stored) == info


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


def test_a_rule_that_needs_the_methods_of_an_unparsed_file_reads_it_then(root, parsed):
    """LD005's explicit build needs TwoLayerNet's __init__ (in pkg/net.py, not named): with its
    facts stored, net.py is not parsed for the index, but read on that rule's request."""
    write(root / "pkg" / "net.py", NET)
    write(root / "pkg" / "uses.py", BUILDS)
    assert lint("pkg/uses.py") == [("pkg/uses.py", 8, "LD005")]
    parsed.clear()
    write(root / "pkg" / "uses.py", BUILDS + "\n# edited\n")
    assert lint("pkg/uses.py") == [("pkg/uses.py", 8, "LD005")]
    assert parsed == ["uses.py", "net.py"]


def test_worker_processes_with_stored_and_parsed_facts(tmp_path, cache_dir):
    """Enough changed files for worker processes, the others' facts stored: the same report as
    a run that parses everything (one process and two)."""
    root = tmp_path / "proj"
    write(root / "pyproject.toml", "")
    write(root / "pkg" / "__init__.py", "")
    write(root / "pkg" / "base.py", BASE)
    write(root / "pkg" / "child.py", CHILD)
    write(root / "pkg" / "net.py", NET)
    write(root / "pkg" / "uses.py", BUILDS)
    for i in range(200):
        write(root / "pkg" / f"other_{i:03}.py", OTHER.format(i=i))
    first = run_cli("lint", "pkg/child.py", "pkg/uses.py", "--jobs", "2", "--format", "json", cwd=root)
    expected = [("pkg/child.py", 8, "LD001"), ("pkg/uses.py", 8, "LD005")]
    assert [(f["path"], f["line"], f["code"]) for f in json.loads(first.stdout)["findings"]] == expected
    for i in [i for i in range(200) if i % 3]:  # 133 changed (two workers parse them), 67 stored
        write(root / "pkg" / f"other_{i:03}.py", OTHER.format(i=i) + "\n# edited\n")
    write(root / "pkg" / "child.py", CHILD + "\n# edited\n")
    reports = [json.loads(run_cli("lint", "pkg/child.py", "pkg/uses.py", *options, "--format", "json",
                                  cwd=root).stdout)
               for options in (["--jobs", "2"], ["--no-cache", "--jobs", "2"], ["--no-cache", "--jobs", "1"])]
    assert reports[0] == reports[1] == reports[2]
    assert [(f["path"], f["line"], f["code"]) for f in reports[0]["findings"]] == expected


def test_runs_naming_other_files_of_one_project_share_one_cache_folder(root, cache_dir, parsed):
    """pre-commit names other files each commit: one folder per set of names would grow without end."""
    lint("pkg/child.py")
    lint("pkg/other_01.py")
    lint("pkg/other_02.py", "pkg/child.py")
    assert len(list(cache_dir.rglob("result.json"))) == 1
    parsed.clear()
    assert lint("pkg/other_02.py", "pkg/child.py") == [("pkg/child.py", 8, "LD001")]
    assert parsed == []  # the last set named is served whole
    assert lint("pkg/other_01.py") == []  # another set: not the stored result
    assert parsed == ["other_01.py"]
