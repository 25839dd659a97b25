"""LD005 for a sublayer whose class makes its weights in a method Keras never runs (`def build_model(self):
self.w = self.add_weight(...)` where build(self, input_shape) was meant), held by a layer or model that runs that
method on other sublayers but not on this one, or never (held-out 29's DLRT head: two low-rank blocks get
`build_model()`, the output layer does not). That sublayer has no weights, and its call() raises AttributeError
on the first call (measured on Keras 3.15: tests/runtime/test_runtime_weights_made_in_build_model.py)."""

import ast
import re

from ....vocab import KERAS_RUN_METHODS
from ...context import LAYER
from .. import Hit

_DEF_RE = re.compile(r"^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)
_WEIGHT_STORE_RE = re.compile(r"^[ \t]*self\.\w+[ \t]*=[ \t]*self\.add_(?:weight|variable)\(", re.MULTILINE)


def weights_made_elsewhere(text: str) -> set[str] | None:
    """The methods of a class (its source `text`) that make its `self.x = self.add_weight(...)` weights, when none
    is a method Keras runs and the class never calls one itself; else None."""
    if "add_weight" not in text and "add_variable" not in text:
        return None
    defs = [(m.start(), m.group(2)) for m in _DEF_RE.finditer(text)]
    makers = set()
    for store in _WEIGHT_STORE_RE.finditer(text):
        owner = next((name for at, name in reversed(defs) if at < store.start()), None)
        if owner is None or owner in KERAS_RUN_METHODS:
            return None
        makers.add(owner)
    if not makers or any(f"self.{name}(" in text for name in makers):
        return None
    return makers


def _makers_of(project, qualname):
    """weights_made_elsewhere() of the project class `qualname`, once per class and run."""
    memo = project.__dict__.setdefault("_ld005_makers", {})
    if qualname not in memo:
        summary = project.class_summary(qualname)
        text = summary.text() if summary is not None else None
        memo[qualname] = weights_made_elsewhere(text) if text is not None else None
    return memo[qualname]


def sublayers_never_given_weights(ctx):
    text = None
    for assign in ctx.self_assigns(("__init__",)):
        if type(assign.value) is not ast.Call:
            continue
        qualname = ctx.qualify(assign.value.func)  # (the cheap test first: a class of the project)
        if qualname not in ctx.project.classes or not _makers_of(ctx.project, qualname):
            continue
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        makers = _makers_of(ctx.project, qualname)
        text = ctx.cls.text() or "" if text is None else text
        if value.kind != LAYER or any(f"self.{assign.attr}.{name}(" in text for name in makers):
            continue
        method = sorted(makers)[0]
        others = "" if f".{method}(" not in text else f" ({ctx.name} runs it on other sublayers)"
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} ({value.layer_class}) gets its weights only from {value.layer_class}.{method}(), "
            f"a method Keras never runs (it builds a layer with build(self, input_shape)), and nothing here calls "
            f"self.{assign.attr}.{method}(){others}: it has no weights, and its call() raises AttributeError on the "
            f"first call; rename {method}() to build(self, input_shape)",
            attribute=assign.attr, fix=None,
        )
