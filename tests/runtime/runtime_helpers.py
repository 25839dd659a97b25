"""Helpers shared by the runtime tests (imported as a plain module: tests/ is not a package)."""

import importlib.util
import pathlib

HERE = pathlib.Path(__file__).parent
CASES = HERE.parent / "cases"  # shared with the static tests
TARGETS = HERE / "targets"


def case_path(name: str) -> pathlib.Path:
    return CASES / f"{name}.py"


def load_case(name: str):
    spec = importlib.util.spec_from_file_location(f"case_{name}", case_path(name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def case_target(name: str):
    """(target string, input shapes) for `inspect_target` on a case file."""
    path = case_path(name)
    source = path.read_text()
    if "def make_functional" in source:
        return f"{path}:make_functional", None
    module_shape = load_case(name).SHAPE
    return f"{path}:make", [(2,) + tuple(module_shape)]


def codes(report) -> set:
    return {f.code for f in report.findings}


def load_target(path: pathlib.Path, name: str | None = None):
    """Import a target file of tests/runtime/targets (or any file) as a module of its own."""
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
