"""Build runtime findings with the shared Finding type and catalog."""

from __future__ import annotations

from ..finding import Finding, new_finding
from ..formatting import display_path, short_site
from ..vocab import KERAS3
from . import backend, locate


def make(code: str, message: str, *, cls=None, attribute: str | None = None, site=None,
         fix_values: dict | None = None, severity: str | None = None, **extra) -> Finding:
    """One runtime finding. `site` (file, line) wins; else the attribute's line in `cls`; else the class.

    The fix is the rule's own template (the same `lint` prints), filled with `attribute` and
    `fix_values` (what was measured: `shape`, `dtype`)."""
    if site is None and cls is not None:
        site = locate.attribute_site(cls, attribute)
    path, line = site if site else ("<unknown>", 1)
    return new_finding(
        code, message, path=display_path(path), line=line, detector="runtime", target=KERAS3,
        class_name=cls.__name__ if cls is not None else None, attribute=attribute,
        fix_values=fix_values, severity=severity, extra=extra,
    )


def where(site) -> str:
    return short_site(site, unknown="an unknown place")


def measured(value) -> dict:
    """What the runtime knows of a value for the fix template: its shape and dtype."""
    shape = getattr(value, "shape", None)
    dtype = getattr(value, "dtype", None)
    out = {}
    if shape is not None:
        try:
            out["shape"] = tuple(None if d is None else int(d) for d in shape)
        except (TypeError, ValueError):
            pass
    if dtype is not None:
        out["dtype"] = str(getattr(dtype, "name", dtype))
    return out


def weights(variables) -> str:
    """'2 weights (3,152 parameters)': one vocabulary in every message. Weights are the
    variables, parameters the values they hold; numbers have thousands separators."""
    variables = list(variables)
    params = sum(backend.size_of(v) for v in variables)
    return (f"{len(variables):,} weight{'s' if len(variables) != 1 else ''} "
            f"({params:,} parameter{'s' if params != 1 else ''})")


def are(variables) -> str:
    """The verb that agrees with `weights(variables)`."""
    return "is" if len(list(variables)) == 1 else "are"
