"""layerdoctor: finds, explains and fixes the Keras bugs that make weights silently vanish."""

from __future__ import annotations

from .version import __version__

__all__ = ["__version__", "lint_paths", "inspect_model", "inspect_target", "Finding", "Report"]

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
                  *, input_dtype: str | None = None, shape_only: bool = False) -> Report:
    """Build and probe a Keras model or layer (imports Keras on first use). `inputs`: real inputs;
    else `input_shape` (one shape, or a list of shapes, batch included) with `input_dtype`; else
    the model's own input specs. `shape_only`: build what is unbuilt without allocating any
    weight and run only the checks that need no values. Returns a Report (tree, params, findings;
    `memory` with shape_only); the model's variables and the global random state are left as
    they were. Raises layerdoctor.errors.UsageError."""
    from .runtime.api import inspect_model as _inspect

    return _inspect(model, inputs=inputs, input_shape=input_shape, input_dtype=input_dtype, shape_only=shape_only)


def inspect_target(target: str, *, config: Mapping[str, Any] | str | None = None, shape_only: bool = False,
                   input_shapes: Sequence[Sequence[int]] | None = None, input_dtype: str | None = None,
                   unsafe_load: bool = False, imports: Sequence[str] = (),
                   custom_objects: Sequence[str] = ()) -> Report:
    """Load, build and probe TARGET in this process, as `layerdoctor inspect` does in a child:
    "file.py:function", "package.module:function", a .keras file, or a layer or model class
    ("keras_hub.models.LlamaBackbone", "file.py:MyModel") constructed as `cls(**config)`.
    `config`: the class's constructor arguments, as a mapping, JSON text or the path of a JSON
    file (nothing is ever downloaded); `shape_only`: no weight is allocated (tree, totals,
    `memory` per dtype with optimizer state, and the checks that need no values).
    Returns a Report. Raises layerdoctor.errors.UsageError with one line."""
    from .runtime.api import inspect_target as _inspect
    from .runtime.load import parse_config

    if isinstance(config, str):
        config = parse_config(config)
    shapes = [tuple(int(d) for d in shape) for shape in input_shapes] if input_shapes else None
    return _inspect(target, config=dict(config) if config is not None else None, shape_only=shape_only,
                    input_shapes=shapes, input_dtype=input_dtype, unsafe_load=unsafe_load,
                    imports=tuple(imports), custom_objects=tuple(custom_objects))
