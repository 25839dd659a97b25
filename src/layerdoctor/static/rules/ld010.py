"""LD010 variable-shadowed: a variable attribute overwritten by a tensor derived from it."""

import ast

from ... import keras_messages as msg
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import WEIGHT, self_attr
from ..walk import walk
from . import Hit

RULE = Rule(
    code="LD010", name="variable-shadowed", severity="error", tf_keras_severity="error",
    summary="A variable attribute is overwritten by a tensor computed from it.",
    what="Static: finds `self.w = f(self.w)` after `self.w = self.add_weight(...)` (typically "
         "in `build()`), and `self.w = self.add_weight(...) * k` or similar arithmetic on a fresh "
         "weight. Runtime: reports layers whose output does not change when one of their "
         "variables is assigned a new value (the call reads a stale copy).",
    why={
        KERAS3: "After `self.kernel = ops.transpose(self.kernel)` the attribute holds a tensor "
                "computed once, in `build()`, from the variable's initial value. On TensorFlow and "
                "JAX the variable stays tracked (in `layer.weights` and counted) but `call()` reads "
                "the stale copy: the variable gets no gradient (`None` on TensorFlow, zeros on "
                "JAX), `fit` never changes the output, and the saved model stores a variable the "
                "layer does not use. TensorFlow's `fit` warns \"Gradients do not exist\"; JAX says "
                "nothing. torch differs: `ops.transpose` returns a view of the parameter, so that "
                "form happens to train; `self.w = self.add_weight(...) * 2.0` records a graph once "
                "in `build()`, and the second backward pass in `fit` raises \"Trying to backward "
                "through the graph a second time\". The same code thus trains on one backend and "
                "silently freezes on another.",
        TF_KERAS: "tf.keras 2 stops tracking a variable when its attribute is re-assigned: after "
                  "`self.kernel = tf.transpose(self.kernel)` the layer lists only its other weights, "
                  "and the kernel is not counted, not trained and not saved, silently. "
                  "`self.w = self.add_weight(...) * 2.0` keeps the variable counted but stale, and "
                  "`fit` logs \"Gradients do not exist for variables [...]\".",
    },
    keras_says={
        KERAS3: msg.GRADS_K3.replace("linear/bias", "transposed_dense/kernel") + "\n"
                "RuntimeError: Trying to backward through the graph a second time (or directly "
                "access saved tensors after they have already been freed). Saved intermediate "
                "values of the graph are freed when you call .backward() or autograd.grad(). "
                "Specify retain_graph=True if you need to backward through the graph a second time "
                "or if you need to access saved tensors after calling backward.",
        TF_KERAS: msg.GRADS_TFK.replace("linear/bias", "scaled/scale"),
    },
    example=snippet("""
        import keras
        from keras import ops


        class TransposedDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(self.units, input_shape[-1]), name="kernel")
                self.kernel = ops.transpose(self.kernel)  # now a constant tensor
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class TransposedDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(self.units, input_shape[-1]), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, ops.transpose(self.kernel)) + self.bias
    """),
    fix_hint="self.{attr} = self.add_weight(...)  # keep the variable as created\n"
             "# and apply the transformation where it is used, in call()",
    fix_safety="Unsafe: the fix deletes the re-assignment and applies the expression in `call()`; "
               "the expression may refer to names that exist only in `build()`, and on torch (where "
               "a transpose view already trained) results can change.",
)

CODE = RULE.code


def check_class(ctx):
    weights = set()
    for method, func in ctx.methods_of("__init__", "build", "call"):
        for assign in ctx.assigns_in(method):
            value = assign.value
            if ctx.value(value, ctx.env(func)).kind == WEIGHT:
                weights.add(assign.attr)
                continue
            if isinstance(value, ast.BinOp) and _contains_weight_call(ctx, value, func):
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is the result of arithmetic on add_weight(): the "
                    f"attribute holds a constant tensor, so call() never sees updates and the "
                    f"variable gets no gradient",
                    attribute=assign.attr,
                )
            elif assign.attr in weights and _reads_attr(value, assign.attr) and not _is_plain_self_attr(value):
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} overwrites the variable with a tensor derived from "
                    f"it in {method}(): call() uses a stale copy and the variable gets no gradient",
                    attribute=assign.attr,
                )


def _contains_weight_call(ctx, expr, func):
    return any(isinstance(n, ast.Call) and ctx.value(n, ctx.env(func)).kind == WEIGHT for n in walk(expr))


def _reads_attr(expr, attr):
    return any(self_attr(n) == attr for n in walk(expr) if isinstance(n, ast.Attribute))


def _is_plain_self_attr(expr):
    return isinstance(expr, ast.Attribute)
