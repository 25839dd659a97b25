"""LD004 fixed-input-dim-in-init: add_weight in __init__ with an input size passed by hand."""

import ast
import re

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import WEIGHT, self_attr
from ..walk import walk
from . import Hit

RULE = Rule(
    code="LD004", name="fixed-input-dim-in-init", severity="warning", tf_keras_severity="warning",
    summary="`add_weight` in `__init__` uses an input dimension passed in by hand.",
    what="Static: finds `self.add_weight(...)` calls in `__init__` whose `shape` uses a "
         "constructor argument that describes the input (`input_dim`, `in_features`, ...). "
         "Static only: at runtime the layer works.",
    detectors=("static",),
    why={
        KERAS3: "It works, and nothing warns: the layer computes correctly as long as every input "
                "has exactly `input_dim` features. But the weight's shape is fixed before Keras has "
                "seen any input, so a wrong `input_dim`, a change in the preceding layer, or reuse "
                "on another input fails at the matrix product, far from the constructor, with a "
                "backend-specific message (TensorFlow \"Matrix size-incompatible\" / \"Dimensions "
                "must be equal\", JAX \"dot_general requires contracting dimensions to have the "
                "same shape\", torch \"mat1 and mat2 shapes cannot be multiplied\"). Weights whose "
                "shape depends on the input belong in `build(input_shape)`, where Keras passes the "
                "real shape and the argument disappears.",
        TF_KERAS: "Same as Keras 3: it works for inputs of exactly `input_dim` features and fails "
                  "with a TensorFlow shape error (\"Dimensions must be equal\") on any other.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=snippet("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, input_dim, **kwargs):
                super().__init__(**kwargs)
                self.w = self.add_weight(shape=(input_dim, units), initializer="glorot_uniform")
                self.b = self.add_weight(shape=(units,), initializer="zeros")

            def call(self, inputs):
                return ops.matmul(inputs, self.w) + self.b
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")
                self.b = self.add_weight(shape=(self.units,), initializer="zeros")

            def call(self, inputs):
                return ops.matmul(inputs, self.w) + self.b
    """),
    fix_hint="def build(self, input_shape):\n"
             "    self.{attr} = self.add_weight(shape=(input_shape[-1], ...), initializer=...)",
    fix_safety="No automatic fix: moving the weight to `build()` removes a constructor argument, "
               "which breaks callers and saved configs (`get_config`), and the weight no longer "
               "exists before the first call.",
)

CODE = RULE.code

_INPUT_NAME = re.compile(r"(^|_)(in|inp|input|inputs|fan_in|nin)(_|$)|input|^in[A-Z]|^n_?in", re.I)


def check_class(ctx):
    for method, func in ctx.only_phase("__init__"):
        params = {a.arg for a in func.args.args + func.args.kwonlyargs}
        for node in ctx.nodes(method):
            if not isinstance(node, ast.Call) or ctx.value(node, ctx.env(func)).kind != WEIGHT:
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
