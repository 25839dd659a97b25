"""LD009 no-gradient: a trainable weight never read, or read only where no gradient flows."""

import ast

from ... import keras_messages as msg
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import WEIGHT, self_attr
from ..walk import children
from . import Hit

RULE = Rule(
    code="LD009", name="no-gradient", severity="error", tf_keras_severity="error",
    summary="A trainable weight gets no gradient, so training never changes it.",
    what="Static: finds trainable weights created with `add_weight` that the class never reads, "
         "or reads only inside `stop_gradient(...)`, through NumPy or Python conversions "
         "(`.numpy()`, `np.asarray`, `float`), or through non-differentiable ops (`round`, "
         "`argmax`, casts to integers). Runtime: computes the gradient of the summed outputs "
         "with respect to every trainable weight and reports the weights that are "
         "disconnected (`None` on TensorFlow; JAX would return zeros, so a zero is not evidence), "
         "and recognises the error a NumPy conversion raises while the model is built.",
    why={
        KERAS3: "The weight is listed as trainable and counted in the summary, but no gradient "
                "reaches it, so training never changes it: it keeps its initial value (zeros for a "
                "bias, random numbers for a kernel). How it shows depends on the backend. "
                "TensorFlow and torch return a `None` gradient, and `fit` warns \"Gradients do not "
                "exist for variables [...]\" with a misleading hint about a missing `loss` (when no "
                "weight of the model has a gradient, TensorFlow's `fit` raises \"No gradients "
                "provided for any variable.\"). JAX "
                "returns an all-zero gradient, never `None`, and `fit` prints nothing, so a zero "
                "gradient alone does not prove the bug; `round` on torch also gives zeros without a "
                "warning. Converting the weight to NumPy in `call()` fails instead of training: on "
                "TensorFlow when the model is built (\"numpy() is only available when eager "
                "execution is enabled.\"), on JAX at gradient time, while torch only warns in `fit`.",
        TF_KERAS: "As on Keras 3 with TensorFlow: counted as trainable, `None` gradient, never "
                  "trained; `fit` logs \"Gradients do not exist for variables [...]\" through the "
                  "TensorFlow logger, which is easy to miss. A NumPy conversion in `call()` raises "
                  "\"numpy() is only available when eager execution is enabled.\" when the model "
                  "is built.",
    },
    keras_says={
        KERAS3: msg.GRADS_K3 + "\n" + msg.NO_GRADIENTS + "\n"
                "NotImplementedError: numpy() is only available when eager execution is enabled.",
        TF_KERAS: msg.GRADS_TFK + "\n"
                  "NotImplementedError: numpy() is only available when eager execution is enabled.",
    },
    example=snippet("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel)  # self.bias is never used
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    fix_hint="# read it differentiably in call(), or make it a constant:\n"
             "self.{attr} = self.add_weight(..., trainable=False)",
    fix_safety="No automatic fix: using the weight changes the model's output, and marking it "
               "`trainable=False` changes what the optimizer and the summary see; only the author "
               "knows which was meant.",
)

CODE = RULE.code

# Calls whose result carries no gradient back to their arguments.
_BLOCKING_CALLS = {"stop_gradient", "convert_to_numpy", "round", "argmax", "argmin", "sign", "floor",
                   "ceil", "asarray", "array", "float", "int", "argsort", "rint", "floor_divide"}
_BLOCKING_METHODS = {"numpy", "detach", "tolist", "item"}
_INT_DTYPES = ("int", "uint", "bool")
# Reading these means weights may be used by position, not by attribute.
_WEIGHT_LISTS = ("weights", "trainable_weights", "variables", "trainable_variables", "_trainable_weights",
                 "get_weights", "non_trainable_weights", "_weights")


def check_class(ctx):
    if any(ctx.mentions(name) for name in _WEIGHT_LISTS):
        return
    weights = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        func = ctx.methods[assign.method]
        if ctx.value(assign.value, ctx.env(func)).kind == WEIGHT and _trainable(assign.value):
            weights.setdefault(assign.attr, assign)
    for attr, assign in weights.items():
        if ctx.is_unused(attr) and ctx.has_method("call"):
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} is a trainable weight that nothing reads: it is counted but "
                f"gets no gradient and is never trained",
                attribute=attr,
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
    total_reads = ctx.mentions(attr) - ctx.stores_of(attr)
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
