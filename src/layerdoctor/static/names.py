"""Dotted names: module names from paths, relative imports, and the many spellings of Keras."""

from __future__ import annotations

import functools
import os


@functools.lru_cache(maxsize=None)
def _is_package(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "__init__.py"))


def forget_packages() -> None:
    """Folders are asked again whether they are packages: a run must see an `__init__.py` that
    appeared since the last run in this process (the API can lint, edit, lint again)."""
    _is_package.cache_clear()


def module_name_for(path: str) -> str:
    """`a/b/c.py` -> `b.c` when `b/` is a package and `a/` is not."""
    path = os.path.abspath(path)
    directory, filename = os.path.split(path)
    stem = filename[:-3] if filename.endswith(".py") else filename
    parts = [] if stem == "__init__" else [stem]
    while _is_package(directory):
        directory, package = os.path.split(directory)
        parts.append(package)
        if not package:
            break
    return ".".join(reversed(parts)) or stem


def resolve_relative(module: str, target: str | None, level: int, path: str) -> str:
    """The absolute module of `from <level dots><target> import ...` inside `module`."""
    if not level:
        return target or ""
    package = module.split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    if level > 1:
        package = package[: len(package) - (level - 1)]
    base = ".".join(package)
    if target:
        return f"{base}.{target}" if base else target
    return base


# Spellings of the Keras namespace, longest first: all mean the same public API here.
_KERAS_PREFIXES = (
    ("tensorflow.python.keras.", "keras."),
    ("tensorflow.compat.v2.keras.", "keras."),
    ("tensorflow.compat.v1.keras.", "keras."),
    ("tensorflow.keras.", "keras."),
    ("tf_keras.src.", "keras."),
    ("tf_keras.", "keras."),
    ("keras.src.", "keras."),
    ("keras.api._v2.keras.", "keras."),
)


@functools.lru_cache(maxsize=65536)
def canonical(name: str) -> str:
    """One spelling per Keras symbol: `tensorflow.keras.layers.Dense` -> `keras.layers.Dense`."""
    for prefix, replacement in _KERAS_PREFIXES:
        if name.startswith(prefix):
            return replacement + name[len(prefix):]
    if name in ("tensorflow.keras", "tf_keras", "keras.src"):
        return "keras"
    return name
