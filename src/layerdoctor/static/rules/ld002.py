"""LD002 state-created-in-call: variables, weight-like tensors or sublayers created in call()."""

import ast

from ..context import FOREIGN, LAYER, STATELESS_LAYERS, TENSOR, WEIGHT, WEIGHT_NAME_RE, lazily_guarded_lines, self_attr
from . import Hit

CODE = "LD002"


def check_class(ctx):
    reported = set()
    for method, func in ctx.methods_of("call"):
        if method in ctx.phase_methods.get("build", ()) or method in ctx.phase_methods.get("__init__", ()):
            continue  # shared with build/__init__: cannot tell it runs per call
        guarded = lazily_guarded_lines(func, ctx.nodes(method))
        targets = _self_targets(ctx.nodes(method))
        for node in ctx.nodes(method):
            if not isinstance(node, ast.Call) or node.lineno in guarded:
                continue
            value = ctx.value(node, func)
            attr = targets.get(id(node))
            if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS and \
                    ctx.project.has_weights(value.qualname):
                what = f"a {value.layer_class} layer"
            elif value.kind in (WEIGHT, FOREIGN):
                what = f"a variable ({value.qualname})"
            elif value.kind == TENSOR and attr and (value.random or WEIGHT_NAME_RE.match(attr)):
                what = f"a raw tensor ({value.qualname})"
            else:
                continue
            if node.lineno in reported:
                continue
            reported.add(node.lineno)
            where = f"self.{attr}" if attr else "a local"
            yield Hit(
                node,
                f"{ctx.name}.{method}() creates {what} on every call ({where}): it is new each "
                f"time, never trained and never saved",
                attribute=attr,
                fix="create it once in __init__ (sublayers) or build() (weights); only use it in call()",
            )


def _self_targets(nodes):
    """id(call) -> attr for `self.attr = <call>` statements."""
    out = {}
    for stmt in nodes:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            for target in stmt.targets:
                attr = self_attr(target)
                if attr:
                    out[id(stmt.value)] = attr
    return out
