"""LD006 private-weight-list: mutating _trainable_weights, or assigning trainable_weights."""

import ast

from ...finding import TF_KERAS
from ..context import self_attr
from . import Hit

CODE = "LD006"

_PRIVATE = {"_trainable_weights", "_non_trainable_weights"}
_READ_ONLY = {"trainable_weights", "non_trainable_weights", "trainable_variables",
              "non_trainable_variables", "weights", "variables"}
_MUTATORS = {"append", "extend", "insert", "remove", "pop", "clear"}


def check_class(ctx):
    if not any(ctx.cls.self_attr_counts.get(attr) for attr in _PRIVATE | _READ_ONLY):
        return  # the class never names these lists
    for method, func in ctx.methods_of("__init__", "build", "call"):
        for node in ctx.nodes(method):
            attr, how = _offence(node)
            if not attr:
                continue
            private = attr in _PRIVATE
            if private and ctx.target == TF_KERAS:
                message = (f"{ctx.name}.{method}() {how} self.{attr}: a private tf.keras 2 list that "
                           f"works by accident (sublayer weights are tracked already) and raises "
                           f"AttributeError on Keras 3")
                severity = "warning"
            elif private:
                message = (f"{ctx.name}.{method}() {how} self.{attr}: Keras 3 has no such list "
                           f"(AttributeError); sublayer weights are tracked already")
                severity = None
            else:
                message = (f"{ctx.name}.{method}() assigns self.{attr}, a read-only property: "
                           f"AttributeError on Keras 3 and tf.keras 2")
                severity = None
            yield Hit(node, message, attribute=attr, severity=severity,
                      fix="delete the line: sublayer weights are tracked through the attribute; "
                          "to freeze weights set `layer.trainable = False` or add_weight(trainable=False)")


def _offence(node):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
        attr = self_attr(node.func.value)
        if attr in _PRIVATE:
            return attr, f"calls .{node.func.attr}() on"
    if isinstance(node, ast.AugAssign):
        attr = self_attr(node.target)
        if attr in _PRIVATE | _READ_ONLY:
            return attr, "extends"
    if isinstance(node, ast.Assign):
        for target in node.targets:
            attr = self_attr(target)
            if attr in _PRIVATE | _READ_ONLY:
                return attr, "assigns"
    return None, None
