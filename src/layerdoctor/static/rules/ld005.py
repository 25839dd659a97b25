"""LD005 unbuilt-sublayer: a sublayer created in __init__ that nothing ever calls or builds."""

import ast

from ... import keras_messages as msg
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import LAYER, STATELESS_LAYERS
from ..walk import walk
from . import Hit

RULE = Rule(
    code="LD005", name="unbuilt-sublayer", severity="error", tf_keras_severity="error",
    summary="A sublayer is never built: nothing calls it and no `build()` builds it.",
    what="Static: finds sublayers assigned to `self` in `__init__` that no other method of the "
         "class uses. Runtime: after the model has been called on data, reports "
         "sublayers that are still unbuilt or own no weights although their class creates some.",
    why={
        KERAS3: "Keras creates a layer's weights when the layer is first called or built. A "
                "sublayer that nothing calls keeps no weights: the summary row says `0 (unbuilt)` "
                "with Output Shape `?`, its parameters are missing from the totals, and the part "
                "of the model it was meant to be (an auxiliary head, a skip projection) does not "
                "exist. Keras 3 warns on every backend that the outer layer \"looks like it has "
                "unbuilt state\", a message that names the outer layer, not the sublayer (the same "
                "warning also appears when a saved model is loaded whose custom layers hold "
                "sublayers but define no `build()`, so the message alone proves nothing). Inside a "
                "custom Layer the unbuilt sublayer does not even get a summary row. A related "
                "trap: `model.build((None, 4))` on a subclassed Model without a `build()` method "
                "leaves every sublayer unbuilt (`Total params: 0`) until the model is called on data.",
        TF_KERAS: "Same outcome, silently: the summary row says `0 (unused)`, its parameters are "
                  "missing from the totals, and tf.keras 2 prints no warning.",
    },
    keras_says={KERAS3: msg.UNBUILT_K3, TF_KERAS: ""},
    example=snippet("""
        import keras


        class Classifier(keras.Model):
            def __init__(self, num_classes=3, **kwargs):
                super().__init__(**kwargs)
                self.hidden = keras.layers.Dense(8, activation="tanh")
                self.aux_head = keras.layers.Dense(5)  # never called
                self.head = keras.layers.Dense(num_classes)

            def call(self, inputs):
                return self.head(self.hidden(inputs))
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class Classifier(keras.Model):
            def __init__(self, num_classes=3, **kwargs):
                super().__init__(**kwargs)
                self.hidden = keras.layers.Dense(8, activation="tanh")
                self.aux_head = keras.layers.Dense(5)
                self.head = keras.layers.Dense(num_classes)

            def call(self, inputs):
                h = self.hidden(inputs)
                return ops.concatenate([self.head(h), self.aux_head(h)], axis=-1)
    """),
    fix_hint="# use it in call(), build it in build(), or delete it:\n"
             "y = self.{attr}(x)",
    fix_safety="No automatic fix: whether the sublayer should be used, built for later use, or "
               "deleted is a design decision, and each choice changes the saved weights.",
)

CODE = RULE.code


def check_class(ctx):
    if not ctx.has_method("call"):
        return  # functional-API subclasses wire their layers in __init__; no call() to check
    seen = set()
    for assign in ctx.self_assigns(("__init__",)):
        if assign.attr in seen:
            continue
        func = ctx.methods[assign.method]
        value = ctx.value(assign.value, ctx.env(func))
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
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
        )


def _local_used_elsewhere(assign, func):
    """`self.x = x` where the local `x` was also called or passed on: it gets built that way."""
    if not isinstance(assign.value, ast.Name):
        return False
    name = assign.value.id
    loads = sum(1 for n in walk(func) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load))
    return loads > 1
