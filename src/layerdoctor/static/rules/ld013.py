"""LD013 super-init-missing-or-late: super().__init__() never called, or after state or settings."""

import ast

from ...finding import TF_KERAS
from ..context import LAYER
from . import Hit

CODE = "LD013"

# Attributes Layer.__init__ sets: assigned before it, they are silently reset.
_SETTINGS = {"trainable", "name", "built", "dtype", "supports_masking", "input_spec", "stateful",
             "dtype_policy", "autocast", "_name", "_trainable"}


def check_class(ctx):
    init = ctx.methods.get("__init__")
    if init is None:
        return
    direct = [node.lineno for node in ctx.nodes("__init__") if _is_super_init(node)]
    if not direct and any(_is_super_init(node) for name, _ in ctx.methods_of("__init__")
                          for node in ctx.nodes(name)):
        return  # called from a helper of __init__: the order cannot be told from here
    first_super = min(direct) if direct else None
    if first_super is None:
        yield Hit(
            init,
            f"{ctx.name}.__init__ never calls super().__init__(): Keras raises when the layer is used",
            attribute="__init__",
            fix="def __init__(self, ..., **kwargs):\n    super().__init__(**kwargs)",
        )
        return
    early = [a for a in ctx.assigns_in("__init__") if a.stmt.lineno < first_super]
    if any(a.attr == "_self_setattr_tracking" for a in early):
        return  # tracking switched off on purpose (tf.keras 2 idiom)
    for assign in early:
        kind = ctx.value(assign.value, init).kind
        if kind == LAYER:
            if ctx.defines_setattr or (ctx.target == TF_KERAS and not ctx.is_model):
                continue  # a custom __setattr__ (keras-hub's Backbone), or a tf.keras 2 Layer: works
            what = "a sublayer"
            consequence = ("the torch backend raises 'cannot assign module before Module.__init__() call'"
                           + (" and tf.keras 2 Models raise" if ctx.is_model else ""))
        elif assign.attr in _SETTINGS:
            what = f"the {assign.attr} setting"
            consequence = "super().__init__() silently resets it"
        else:
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.__init__ assigns self.{assign.attr} ({what}) before super().__init__(): "
            f"{consequence}",
            attribute=assign.attr,
            fix="super().__init__(**kwargs)  # first line of __init__\n"
                f"self.{assign.attr} = ...",
        )


def _is_super_init(node):
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"):
        return False
    owner = node.func.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
        return True
    return isinstance(owner, (ast.Name, ast.Attribute))  # Base.__init__(self, ...)
