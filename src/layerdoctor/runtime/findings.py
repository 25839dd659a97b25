"""Build runtime findings with the shared Finding type and catalog."""

from __future__ import annotations

import ast

import numpy as np

from ..finding import Finding, new_finding
from ..formatting import display_path, short_site, snake_case
from . import backend, locate


def make(code: str, message: str, *, cls=None, attribute: str | None = None, site=None,
         fix_values: dict | None = None, severity: str | None = None, constructed: str | None = None,
         column: int | None = None, fix: str = "default", **extra) -> Finding:
    """One runtime finding. `site` (file, line) wins; else the attribute's line in `cls`; else the class.

    The column is lint's for the same defect, read from the source at the site: the constructor
    call of the `constructed` class (LD002, LD007), the expression that creates `self.<attribute>`
    (LD002), or `self.<attribute>` itself; `column` overrides it.
    The fix is the rule's own template `fix` (the same `lint` prints), filled with `attribute` and
    `fix_values` (what was measured: `shape`, `dtype`, `initializer`; the constructor call)."""
    if site is None and cls is not None:
        site = locate.attribute_site(cls, attribute)
    path, line = site if site else ("<unknown>", 1)
    values = dict(fix_values or {})
    found = _source_at(site, code, attribute, constructed, values) if site else None
    return new_finding(
        code, message, path=display_path(path), line=line, column=column or found or 1, detector="runtime",
        target=backend.flavour_target(), class_name=cls.__name__ if cls is not None else None, attribute=attribute,
        fix=fix, fix_values=values, severity=severity, extra=extra,
    )


def _source_at(site, code, attribute, constructed, values) -> int | None:
    """The column lint reports at `site`; fills `values` with the call that creates the state
    (`created`) and the name it is assigned to (`attr`) when the source shows them."""
    call = locate.constructor_call(site, constructed) if constructed else None
    if call is None and code == "LD002":
        call = locate.created_by_assignment(site, attribute)
    if call is not None:
        _, name, _ = locate.assignment_of(site, call)
        values.setdefault("created", ast.unparse(call))
        values.setdefault("attr", attribute or name or snake_case(constructed or "x"))
        return call.col_offset + 1
    if constructed:
        values.setdefault("attr", snake_case(constructed))
    return locate.attribute_column(site, attribute) if attribute else None


def where(site) -> str:
    return short_site(site, unknown="an unknown place")


def measured(value) -> dict:
    """What the runtime knows of a value for the fix template: its shape, dtype and an initializer
    that suits its values."""
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
    initializer = _initializer(value)
    if initializer:
        out["initializer"] = initializer
    return out


def _initializer(value) -> str | None:
    """"zeros", "ones" or a Constant for a constant value; else what Keras gives a kernel
    ("glorot_uniform", 2-D and more) or a vector ("random_normal"); None for non-float values."""
    try:
        array = backend.to_numpy(value)
    except Exception:  # noqa: BLE001 - a symbolic tensor has no values
        return None
    if array.dtype.kind != "f" or array.size == 0:
        return None
    first = array.flat[0]
    if np.all(array == first):
        return '"zeros"' if first == 0 else '"ones"' if first == 1 else f"keras.initializers.Constant({float(first)!r})"
    return '"glorot_uniform"' if array.ndim >= 2 else '"random_normal"'


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
