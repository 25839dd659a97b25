"""LD012 lambda-captured-state: a Lambda layer whose function uses layers or variables from outside."""

import ast

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import FOREIGN, LAYER, WEIGHT
from ..facts import free_names
from ..module import name_bindings
from ..triggers import mentions_lambda_layer
from . import Hit

RULE = Rule(
    code="LD012", name="lambda-captured-state", severity="error", tf_keras_severity="error",
    summary="A `Lambda` layer's function uses layers or variables defined outside it.",
    what="Static: finds `Lambda(fn)` where `fn` (a lambda or a named function) reads a layer or "
         "variable from an enclosing or global scope. Runtime: reports layers and variables that a "
         "`Lambda`'s function captures or calls and that no layer of the model tracks.",
    why={
        KERAS3: "A `Lambda` layer wraps a function and tracks nothing the function uses. A layer "
                "or variable captured from outside still computes, but belongs to no layer of the "
                "model: the Lambda's summary row says 0, the captured weights are not trained by "
                "`fit` and not saved with the model. Keras 3 says nothing on any backend.",
        TF_KERAS: "tf.keras 2 catches part of it: it raises when a captured layer creates its "
                  "weights inside the Lambda (\"The following Variables were created within a "
                  "Lambda layer (lambda) but are not tracked by said layer\"), and logs a warning "
                  "when the function only uses a captured `tf.Variable`; nothing is tracked in "
                  "either case.",
    },
    keras_says={
        KERAS3: "",
        TF_KERAS: "ValueError: The following Variables were created within a Lambda layer (lambda)\n"
                  "WARNING:tensorflow:The following Variables were used a Lambda layer's call "
                  "(lambda), but are not present in its tracked objects: <tf.Variable 'Variable:0' "
                  "shape=() dtype=float32> It is possible that this is intended behavior, but it is "
                  "more likely an omission. This is a strong indication that this layer should be "
                  "formulated as a subclassed Layer rather than a Lambda layer.",
    },
    example=snippet("""
        import keras

        proj = keras.layers.Dense(4)
        inputs = keras.Input((4,))
        outputs = keras.layers.Lambda(lambda t: proj(t) * 2.0)(inputs)
        model = keras.Model(inputs, outputs)
    """),
    use_instead=snippet("""
        import keras


        class ScaledProjection(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.proj = keras.layers.Dense(units)

            def call(self, inputs):
                return self.proj(inputs) * 2.0


        inputs = keras.Input((4,))
        outputs = ScaledProjection(4)(inputs)
        model = keras.Model(inputs, outputs)
    """),
    fix_hint="# call the layer directly, or hold it in a subclassed Layer:\n"
             "outputs = {attr}(inputs)",
    fix_safety="No automatic fix: replacing the `Lambda` restructures the model and changes "
               "its saved layout.",
)

CODE = RULE.code
TRIGGER = mentions_lambda_layer


def check_module(ctx):
    module_env = name_bindings(list(ctx.tree.body))
    functions = {n.name: n for n in ctx.tree.body if isinstance(n, ast.FunctionDef)}
    for scope, nodes in ctx.scopes():
        env = dict(module_env)
        env.update(name_bindings(nodes))
        for node in nodes:
            if not (isinstance(node, ast.Call) and (ctx.qualify(node.func) or "").endswith("keras.layers.Lambda")):
                continue
            fn = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "function"), None)
            if isinstance(fn, ast.Name) and fn.id in functions:
                fn = functions[fn.id]
            if not isinstance(fn, (ast.Lambda, ast.FunctionDef)):
                continue
            captured = []
            for name in free_names(fn):
                values = env.get(name, [])
                if values and any(ctx.value(v, env).kind in (LAYER, WEIGHT, FOREIGN) for v in values):
                    captured.append(name)
            if captured:
                yield Hit(
                    node,
                    f"Lambda layer uses {', '.join(captured)} from outside its function: a Lambda "
                    f"tracks nothing, so their weights are not counted, trained or saved",
                    attribute=captured[0],
                    class_name="Lambda",
                )
