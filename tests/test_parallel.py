"""Worker processes: how the files are shared out, and that a parallel run finds what one process finds."""

from __future__ import annotations

import textwrap

from harness import write

from layerdoctor import lint_paths
import multiprocessing

from layerdoctor.static.checker import _CheckQueue, _shares


def test_shares_keep_each_file_once_and_neighbours_together(tmp_path):
    paths = [str(write(tmp_path / f"m{i:03d}.py", "x = 1\n" * (1 + i % 7))) for i in range(100)]
    shares = _shares(paths, 2, None, runs_each=4)
    assert len(shares) == 2
    assert sorted(p for share in shares for p in share) == sorted(paths)
    for share in shares:
        positions = [paths.index(p) for p in share]
        assert positions == sorted(positions)
        runs = 1 + sum(1 for a, b in zip(positions, positions[1:]) if b != a + 1)
        assert runs <= 4  # a few runs of neighbouring files each, not every other file
    sizes = [sum(len(open(p).read()) for p in share) for share in shares]
    assert max(sizes) < 1.5 * min(sizes)


def test_shares_of_few_files_leave_no_file_out(tmp_path):
    paths = [str(write(tmp_path / f"m{i}.py", "x = 1\n")) for i in range(3)]
    shares = _shares(paths, 2, {paths[0]: "y = 2\n" * 50})
    assert sorted(p for share in shares for p in share) == sorted(paths)


BASE = """
import keras


class Base(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
"""

CHILD = """
import keras

from proj.a_base import Base


class Child(Base):
    def build(self, input_shape):
        self.kernel = keras.random.normal((input_shape[-1], self.units))

    def call(self, inputs):
        return inputs @ self.kernel
"""


def test_a_parallel_run_finds_what_one_process_finds(tmp_path):
    """The base layer and its subclass at either end of a project big enough for workers: each
    worker checks its own files, and a rule that reads the other one's still sees it."""
    root = tmp_path / "proj"
    (root / "proj").mkdir(parents=True)
    write(root / "pyproject.toml", "")
    write(root / "proj" / "__init__.py", "")
    write(root / "proj" / "a_base.py", textwrap.dedent(BASE))
    for i in range(200):
        write(root / "proj" / f"m_{i:03d}.py", "import keras\n\nx = keras.layers.Dense(4)\n")
    write(root / "proj" / "z_child.py", textwrap.dedent(CHILD))
    one = lint_paths([root], use_cache=False, jobs=1)
    two = lint_paths([root], use_cache=False, jobs=2)
    assert [(f.path, f.line, f.code) for f in one.findings] == [(f.path, f.line, f.code) for f in two.findings]
    assert {(f.path.rsplit("/", 1)[-1], f.code) for f in one.findings} >= {("z_child.py", "LD001")}  # a layer through its base in another file


def test_check_queue_gives_each_file_once_and_an_idle_process_takes_from_the_others_end():
    """Two processes' views of the queue, taken from in one process: worker 1 has checked its one file and
    takes the last files of worker 0's share, while worker 0 goes on from the front of its own."""
    shares = [["a0", "a1", "a2", "a3", "a4"], ["b0"]]
    queue = _CheckQueue(shares, None, multiprocessing.get_context("fork"))
    first, second = iter(queue.for_worker(0)), iter(queue.for_worker(1))
    assert next(first) == (True, "a0")
    assert next(second) == (True, "b0")
    assert next(second) == (False, "a4")
    assert next(first) == (True, "a1")
    assert next(second) == (False, "a3")
    assert list(first) == [(True, "a2")]
    assert list(second) == []


def test_check_queue_leaves_out_the_files_that_are_only_indexed():
    queue = _CheckQueue([["a", "b"], ["c", "d"]], {"b", "c"}, multiprocessing.get_context("fork"))
    taken = list(queue.for_worker(0)) + list(queue.for_worker(1))
    assert sorted(path for _, path in taken) == ["b", "c"]
