"""LD009 no-gradient: a trainable weight never read, or read only where no gradient flows."""

import ast

from ..context import WEIGHT, self_attr
from ..walk import children
from . import Hit

CODE = "LD009"

# Calls whose result carries no gradient back to their arguments.
_BLOCKING_CALLS = {"stop_gradient", "convert_to_numpy", "round", "argmax", "argmin", "sign", "floor",
                   "ceil", "asarray", "array", "float", "int", "argsort", "rint", "floor_divide"}
_BLOCKING_METHODS = {"numpy", "detach", "tolist", "item"}
_INT_DTYPES = ("int", "uint", "bool")
# Reading these means weights may be used by position, not by attribute.
_WEIGHT_LISTS = ("weights", "trainable_weights", "variables", "trainable_variables", "_trainable_weights",
                 "get_weights", "non_trainable_weights", "_weights")


def check_class(ctx):
    if any(ctx.cls.self_attr_counts.get(name) for name in _WEIGHT_LISTS):
        return
    weights = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        func = ctx.methods[assign.method]
        if ctx.value(assign.value, func).kind == WEIGHT and _trainable(assign.value):
            weights.setdefault(assign.attr, assign)
    for attr, assign in weights.items():
        if ctx.is_unused(attr) and "call" in ctx.cls.method_names:
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} is a trainable weight that nothing reads: it is counted but "
                f"gets no gradient and is never trained",
                attribute=attr,
                fix=f"use self.{attr} in call(), or create it with trainable=False (or delete it)",
            )
            continue
        blocked = _only_blocked_reads(ctx, attr)
        if blocked is not None:
            node, why = blocked
            yield Hit(
                node,
                f"{ctx.name}.{attr} reaches the output only through {why}: it gets no gradient and "
                f"is never trained",
                attribute=attr,
                fix=f"use self.{attr} differentiably in call(), or create it with trainable=False",
            )


def _trainable(call):
    if not isinstance(call, ast.Call):
        return False
    for kw in call.keywords:
        if kw.arg == "trainable":
            return not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
    return True


def _only_blocked_reads(ctx, attr):
    """(first blocked read, why) when every read of self.<attr> outside the stores is blocked."""
    total_reads = ctx.cls.self_attr_counts.get(attr, 0) - ctx.stores_of(attr)
    blocked = []
    reads = 0
    for method, func in ctx.methods_of("call"):
        parents = {}
        nodes = ctx.nodes(method)
        for node in nodes:
            for child in children(node):
                parents[id(child)] = node
        for node in nodes:
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and self_attr(node) == attr:
                reads += 1
                why = _blocker(node, parents, ctx)
                if why is None:
                    return None
                blocked.append((node, why))
    if not blocked or reads != total_reads:
        return None  # read elsewhere too (another method, a subclass): cannot be sure
    return blocked[0][0], blocked[0][1]


def _blocker(node, parents, ctx):
    """The non-differentiable operation the value passes through on its way up, if any."""
    current = node
    while id(current) in parents:
        parent = parents[id(current)]
        if isinstance(parent, ast.Attribute) and parent.attr in _BLOCKING_METHODS:
            return f".{parent.attr}()"
        if isinstance(parent, ast.Call) and current is not parent.func:
            name = (ctx.qualify(parent.func) or "").rsplit(".", 1)[-1]
            if name in _BLOCKING_CALLS:
                return f"{name}()"
            if name == "cast" and len(parent.args) > 1 and _int_dtype(parent.args[1]):
                return "a cast to an integer type"
        if isinstance(parent, (ast.stmt,)):
            return None
        current = parent
    return None


def _int_dtype(node):
    text = ast.unparse(node).lower()
    return any(t in text for t in _INT_DTYPES) and "float" not in text
