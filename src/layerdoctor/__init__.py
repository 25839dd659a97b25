"""layerdoctor: finds, explains and fixes the Keras bugs that make weights silently vanish."""

from __future__ import annotations

from .version import __version__

__all__ = ["__version__", "lint_paths", "inspect_model", "Finding", "Report"]

from .finding import Finding
from .report import Report


def lint_paths(paths, **options) -> Report:
    """Check Python sources statically (never imports them). See `layerdoctor lint --help`."""
    from .static.checker import lint_paths as _lint

    return _lint(paths, **options)


def inspect_model(model, inputs=None, input_shape=None, **options) -> Report:
    """Build and probe a Keras model or layer; imports Keras on first use."""
    from .runtime.api import inspect_model as _inspect

    return _inspect(model, inputs=inputs, input_shape=input_shape, **options)
