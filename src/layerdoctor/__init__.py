"""layerdoctor: finds, explains and fixes the Keras bugs that make weights silently vanish."""

from __future__ import annotations

from .version import __version__

__all__ = ["__version__", "lint_paths", "inspect_model", "Finding", "Report"]

import os
from collections.abc import Mapping, Sequence
from typing import Any

from .finding import Finding
from .report import Report


def lint_paths(paths: Sequence[str | os.PathLike[str]], *, select: Sequence[str] | None = None,
               ignore: Sequence[str] | None = None, target: str | None = None,
               exclude: Sequence[str] | None = None, use_cache: bool = True, jobs: int | None = None,
               config_file: str | None = None, texts: Mapping[str, str] | None = None) -> Report:
    """Check Python sources and notebooks statically (never imports them).

    `select`/`ignore`: codes or prefixes ("LD001", "LD00"); `target`: "auto", "keras3" or
    "tf-keras"; `exclude`: gitignore-style patterns; `config_file`: a pyproject.toml to read
    instead of the nearest one; `texts`: {path: source} for sources not read from disk.
    Returns a Report (findings on `paths` only, files that could not be checked in `errors`).
    Raises layerdoctor.errors.UsageError for a bad code, target, pattern or configuration.
    """
    from .static.checker import lint_paths as _lint

    return _lint(paths, select=select, ignore=ignore, target=target, exclude=exclude, use_cache=use_cache,
                 jobs=jobs, config_file=config_file, texts=texts)


def inspect_model(model: Any, inputs: Any = None, input_shape: Sequence[int] | Sequence[Sequence[int]] | None = None,
                  *, input_dtype: str | None = None) -> Report:
    """Build and probe a Keras model or layer (imports Keras on first use). `inputs`: real inputs;
    else `input_shape` (one shape, or a list of shapes, batch included) with `input_dtype`; else
    the model's own input specs. Returns a Report (tree, params, findings); the model's variables
    and the global random state are left as they were. Raises layerdoctor.errors.UsageError."""
    from .runtime.api import inspect_model as _inspect

    return _inspect(model, inputs=inputs, input_shape=input_shape, input_dtype=input_dtype)
