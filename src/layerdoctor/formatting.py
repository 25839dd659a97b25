"""The one place shapes and paths are written for people (findings, fixes, the tree)."""

from __future__ import annotations

import os
import re


def format_shape(shape, *, python: bool = False) -> str:
    """`(None, 8)`. With `python=True`, valid Python (`(5,)`), as fixes need."""
    dims = ["None" if d is None else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if python and len(dims) == 1 else "") + ")"


def snake_case(name: str) -> str:
    """'Dense' -> 'dense', 'MultiHeadAttention' -> 'multi_head_attention': a class as a variable name."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def display_path(path: str) -> str:
    """Relative to the working directory when the file is below it, as `lint` prints paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def short_site(site, unknown: str = "?") -> str:
    """'file:line', the file shortened by display_path."""
    if not site:
        return unknown
    return f"{display_path(site[0])}:{site[1]}"
