"""LD010 variable-shadowed: a variable attribute overwritten by a tensor derived from it."""

import ast

from ..context import WEIGHT, self_attr
from ..walk import walk
from . import Hit

CODE = "LD010"


def check_class(ctx):
    weights = set()
    for method, func in ctx.methods_of("__init__", "build", "call"):
        for assign in ctx.assigns_in(method):
            value = assign.value
            if ctx.value(value, func).kind == WEIGHT:
                weights.add(assign.attr)
                continue
            if isinstance(value, ast.BinOp) and _contains_weight_call(ctx, value, func):
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is the result of arithmetic on add_weight(): the "
                    f"attribute holds a constant tensor, so call() never sees updates and the "
                    f"variable gets no gradient",
                    attribute=assign.attr,
                    fix=f"self.{assign.attr} = self.add_weight(...)  # apply `* k` in call()",
                )
            elif assign.attr in weights and _reads_attr(value, assign.attr) and not _is_plain_self_attr(value):
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} overwrites the variable with a tensor derived from "
                    f"it in {method}(): call() uses a stale copy and the variable gets no gradient",
                    attribute=assign.attr,
                    fix=f"keep the variable in self.{assign.attr}; apply the transformation in call()",
                )


def _contains_weight_call(ctx, expr, func):
    return any(isinstance(n, ast.Call) and ctx.value(n, func).kind == WEIGHT for n in walk(expr))


def _reads_attr(expr, attr):
    return any(self_attr(n) == attr for n in walk(expr) if isinstance(n, ast.Attribute))


def _is_plain_self_attr(expr):
    return isinstance(expr, ast.Attribute)
