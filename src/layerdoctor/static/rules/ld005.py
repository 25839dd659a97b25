"""LD005 unbuilt-sublayer: a sublayer created in __init__ that nothing ever calls or builds."""

import ast

from ..context import LAYER, STATELESS_LAYERS
from ..walk import walk
from . import Hit

CODE = "LD005"


def check_class(ctx):
    if "call" not in ctx.cls.method_names:
        return  # functional-API subclasses wire their layers in __init__; no call() to check
    seen = set()
    for assign in ctx.self_assigns(("__init__",)):
        if assign.attr in seen:
            continue
        func = ctx.methods[assign.method]
        value = ctx.value(assign.value, func)
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.project.has_weights(value.qualname):
            continue  # a weightless layer has nothing to build
        if not ctx.is_unused(assign.attr) or _local_used_elsewhere(assign, func):
            continue
        seen.add(assign.attr)
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} ({value.layer_class}) is created in __init__ but neither "
            f"call() nor build() ever uses it: it stays unbuilt, with no weights "
            f"(the summary shows 0 (unbuilt))",
            attribute=assign.attr,
            fix=f"call self.{assign.attr}(...) in call(), build it in build(), or delete it",
        )


def _local_used_elsewhere(assign, func):
    """`self.x = x` where the local `x` was also called or passed on: it gets built that way."""
    if not isinstance(assign.value, ast.Name):
        return False
    name = assign.value.id
    loads = sum(1 for n in walk(func) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load))
    return loads > 1
