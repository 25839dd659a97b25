"""LD004 fixed-input-dim-in-init: add_weight in __init__ with an input size passed by hand."""

import ast
import re

from ..context import WEIGHT, self_attr
from ..walk import walk
from . import Hit

CODE = "LD004"

_INPUT_NAME = re.compile(r"(^|_)(in|inp|input|inputs|fan_in|nin)(_|$)|input|^in[A-Z]|^n_?in", re.I)


def check_class(ctx):
    for method, func in ctx.only_phase("__init__"):
        params = {a.arg for a in func.args.args + func.args.kwonlyargs}
        for node in ctx.nodes(method):
            if not isinstance(node, ast.Call) or ctx.value(node, func).kind != WEIGHT:
                continue
            shape = _shape_arg(node)
            if not isinstance(shape, (ast.Tuple, ast.List)) or len(shape.elts) < 2:
                continue
            names = [_name(elt) for elt in shape.elts[:-1]]
            hand_passed = [n for n in names if n and _INPUT_NAME.search(n) and (n in params or n.startswith("self."))]
            if not hand_passed:
                continue
            attr = _assigned_attr(func, node)
            yield Hit(
                node,
                f"{ctx.name}.__init__ creates a weight{f' ({attr})' if attr else ''} whose shape uses "
                f"{hand_passed[0]} passed in by hand: the layer then fits only that input size; "
                f"create it in build(input_shape)",
                attribute=attr,
                fix="def build(self, input_shape):\n"
                    f"    self.{attr or 'w'} = self.add_weight(shape=(input_shape[-1], ...))",
            )


def _shape_arg(call):
    for kw in call.keywords:
        if kw.arg == "shape":
            return kw.value
    if call.args and isinstance(call.args[0], (ast.Tuple, ast.List)):
        return call.args[0]  # Keras 3: add_weight(shape, ...)
    return None


def _name(node):
    if isinstance(node, ast.Name):
        return node.id
    attr = self_attr(node)
    return f"self.{attr}" if attr else None


def _assigned_attr(func, call):
    for stmt in walk(func):
        if isinstance(stmt, ast.Assign) and stmt.value is call:
            for target in stmt.targets:
                attr = self_attr(target)
                if attr:
                    return attr
    return None
