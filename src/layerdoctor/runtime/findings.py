"""Build runtime findings with the shared Finding type and catalog."""

from __future__ import annotations

import os

from ..catalog import RULES
from ..finding import KERAS3, Finding
from . import locate


def display_path(path: str) -> str:
    """Relative to the working directory when the file is below it, as `lint` prints paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def make(code: str, message: str, *, cls=None, attribute: str | None = None, site=None, **extra) -> Finding:
    """One runtime finding. `site` (file, line) wins; else the attribute's line in `cls`; else the class."""
    if site is None and cls is not None:
        site = locate.attribute_site(cls, attribute)
    path, line = site if site else ("<unknown>", 1)
    rule = RULES[code]
    fix = rule.fix_hint.replace("{attr}", attribute or "...")
    return Finding(
        path=display_path(path), line=int(line), column=1, code=code, message=message,
        severity=rule.severity_for(KERAS3) or "info", detector="runtime", target=KERAS3,
        class_name=cls.__name__ if cls is not None else None, attribute=attribute, fix=fix,
        extra={k: v for k, v in extra.items() if v is not None},
    )


def where(site) -> str:
    if not site:
        return "an unknown place"
    return f"{display_path(site[0])}:{site[1]}"
