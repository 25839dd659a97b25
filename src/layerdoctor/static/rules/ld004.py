"""LD004 fixed-input-dim-in-init: add_weight in __init__ with an input size passed by hand."""

import ast
import re

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..class_facts import argument_for, construction_sites, module_tree
from ..context import WEIGHT, self_attr
from ..walk import callee_name, walk
from . import Hit

RULE = Rule(
    code="LD004", name="fixed-input-dim-in-init", severity="warning", tf_keras_severity="warning",
    summary="`add_weight` in `__init__` uses an input dimension passed in by hand.",
    what="Static: finds `self.add_weight(...)` calls in `__init__` whose `shape` uses a "
         "constructor argument that describes the input (`input_dim`, `in_features`, ...), or an "
         "argument with a neutral name (`size`, `units`) that a call site of the class hands the input's "
         "width (`Gate(size=self.in_dim)`, the name that sized the model's `Input`, `x.shape[-1]`), or "
         "whatever its name, an argument that sizes a kernel's first axis when call() multiplies the input "
         "by that kernel (`tf.matmul(h, self.w)`), or a vector that call() combines element by element with "
         "the input (also after elementwise steps on either side: `tf.exp(tf.complex(-relu(self.rate), "
         "self.phase)) * z`). "
         "Runtime: a weight a user layer made in `__init__` with `add_weight` (or a variable "
         "constructor) whose leading dimension (after any 1s: a `[1, n]` row), or a convolution kernel's input-channel "
         "axis, is the width of the input the layer is called on; and, when a call on another width fails, the weight made for "
         "the width given by hand.",
    detectors=("static", "runtime"),
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
        for node in ctx.nodes_of(method, ast.Call):
            if ctx.value(node, ctx.env(func)).kind != WEIGHT:
                continue
            shape = _shape_arg(node)
            if not isinstance(shape, (ast.Tuple, ast.List)):
                continue
            attr = _assigned_attr(func, node)
            # the input's axis is the first ones (`(in, out)`), or the last when call() contracts the weight's
            # last axis with the input (a PyTorch `(out, in)` layout: `x @ tf.transpose(self.W)`)
            sized = shape.elts if attr and _last_axis_meets_input(ctx, attr) else shape.elts[:-1]
            names = [_name(elt) for elt in sized]
            hand_passed = [n for n in names if n and _INPUT_NAME.search(n.removeprefix("self."))
                           and (n in params or n.startswith("self."))]
            if hand_passed:
                yield Hit(
                    node,
                    f"{ctx.name}.__init__ creates a weight{f' ({attr})' if attr else ''} whose shape uses "
                    f"{hand_passed[0]} passed in by hand: the layer then fits only that input size; "
                    f"create it in build(input_shape)",
                    attribute=attr,
                )
            elif attr and (contracted := _contracted_with_input(ctx, attr, func, shape)) is not None:
                yield Hit(
                    node,
                    f"{ctx.name}.__init__ creates a weight ({attr}) whose first axis is its argument "
                    f"{contracted[0]}, and call() multiplies the input by it ({contracted[1]}): that axis must be "
                    f"the input's width, given by hand, so the layer fits only that width; create it in "
                    f"build(input_shape) from input_shape[-1]",
                    attribute=attr,
                )
            elif attr and (scaled := _feature_wise(ctx, attr, func, shape)) is not None:
                yield Hit(
                    node,
                    f"{ctx.name}.__init__ creates a weight ({attr}) sized by its argument {scaled[0]}, and call() "
                    f"combines it feature by feature with the input ({scaled[1]}): its size must be the input's "
                    f"width, given by hand, so the layer fits only that width; create it in build(input_shape) "
                    f"from input_shape[-1]",
                    attribute=attr,
                )
            elif (site := _input_width_at_call_site(ctx, func, shape)) is not None:
                param, passed, where = site
                yield Hit(
                    node,
                    f"{ctx.name}.__init__ creates a weight{f' ({attr})' if attr else ''} sized by its argument "
                    f"{param}, and the call at {where} passes the input's width for it ({passed}): the layer "
                    f"then fits only that input size; create the weight in build(input_shape)",
                    attribute=attr,
                )


_TRANSPOSES = {"transpose", "permute", "permute_dimensions"}


def _last_axis_meets_input(ctx, attr) -> bool:
    """Does call() multiply the input by the weight `attr` (or a slice of it) transposed, or with the weight
    on the left (`tf.transpose(self.W[0])`, `self.W.T`, `tf.matmul(x, self.W, transpose_b=True)`,
    `tf.matmul(self.W, x)`), or multiply it elementwise with the input itself (`self.W * x`)? Then the weight's
    last axis is the input's."""
    if "call" not in ctx.methods:
        return False

    def weight(expr) -> bool:
        while type(expr) is ast.Subscript:
            expr = expr.value
        return self_attr(expr) == attr

    call_args = ctx.methods["call"].args.args
    inputs = call_args[1].arg if len(call_args) > 1 else None

    def is_input(expr) -> bool:
        return type(expr) is ast.Name and expr.id == inputs

    for node in ctx.nodes("call"):
        kind = type(node)
        if kind is ast.Attribute and node.attr == "T" and weight(node.value):
            return True
        if kind is ast.BinOp and type(node.op) is ast.MatMult and weight(node.left):
            return True
        if kind is ast.BinOp and type(node.op) is ast.Mult and (weight(node.left) and is_input(node.right)
                                                                or weight(node.right) and is_input(node.left)):
            return True  # `self.W_xh * x`: the input broadcasts along the weight's last axis (held-out 36's RNN cell)
        if kind is ast.Call and node.args:
            name = callee_name(node)
            if name in _TRANSPOSES and weight(node.args[0]):
                return True
            if name == "matmul" and (weight(node.args[0]) or (len(node.args) > 1 and weight(node.args[1]) and any(
                    k.arg == "transpose_b" and type(k.value) is ast.Constant and k.value.value is True
                    for k in node.keywords))):
                return True
    return False


# Functions whose result keeps the input's last axis (elementwise, or a reduction with keepdims=True).
_ELEMENTWISE = {"sqrt", "rsqrt", "square", "abs", "exp", "log", "tanh", "sigmoid", "relu", "gelu", "silu", "swish",
                "softplus", "erf", "cast", "negative", "reciprocal", "complex", "maximum", "minimum", "clip", "clip_by_value"}
_REDUCTIONS = {"mean", "reduce_mean", "sum", "reduce_sum", "var", "variance", "reduce_variance", "std",
               "reduce_std", "max", "reduce_max", "moments"}


def _feature_wise(ctx, attr, init, shape):
    """(the sizing parameter, the expression) when the weight is a vector sized by one `__init__` parameter
    and call() multiplies, divides, adds or subtracts it with the input itself or a tensor made from the
    input by elementwise functions and reductions that keep the last axis (RMSNorm's `x / rms *
    self.scale`: held-out 27): the vector's size is then the input's width."""
    params = _sizing_params(init, shape)
    call = ctx.methods.get("call")
    if len(shape.elts) != 1 or len(params) != 1 or call is None or len(call.args.args) < 2:
        return None
    inputs = call.args.args[1].arg
    env = ctx.env(call)
    for node in ctx.nodes("call"):
        if type(node) is ast.BinOp and type(node.op) in (ast.Mult, ast.Div, ast.Add, ast.Sub):
            sides = (node.left, node.right)
            for weight_side, other in (sides, sides[::-1]):
                if _keeps_last_axis(weight_side, ("self", attr), env, 0) and _keeps_last_axis(other, inputs, env, 0):
                    return params[0], ast.unparse(node)[:50]
    return None


_PRODUCTS = {"matmul", "dot", "tensordot"}


def _contracted_with_input(ctx, attr, init, shape):
    """(the sizing parameter, the expression) when the weight's first axis is one `__init__` parameter and
    call() multiplies the input itself, or a tensor made from it by elementwise steps, by the weight on the
    right (`tf.matmul(h, self.w)`, `h @ self.w`, `K.dot(x, self.W)`): that axis is then the input's width
    (a graph attention layer's `w`, held-out 45)."""
    call = ctx.methods.get("call")
    if len(shape.elts) < 2 or call is None or len(call.args.args) < 2:
        return None
    first = _sizing_params(init, ast.Tuple(elts=shape.elts[:1]))
    if not first:
        return None
    inputs = call.args.args[1].arg
    env = ctx.env(call)
    for node in ctx.nodes("call"):
        kind = type(node)
        if kind is ast.BinOp and type(node.op) is ast.MatMult:
            left, right = node.left, node.right
        elif kind is ast.Call and len(node.args) >= 2 and callee_name(node) in _PRODUCTS and not any(
                k.arg in ("transpose_a", "transpose_b", "adjoint_a", "adjoint_b") for k in node.keywords):
            left, right = node.args[0], node.args[1]
        else:
            continue
        if self_attr(right) == attr and _keeps_last_axis(left, inputs, env, 0):
            return first[0], ast.unparse(node)[:50]
    return None


def _keeps_last_axis(expr, inputs, env, depth) -> bool:
    """Is `expr` the input (or with `inputs` = ("self", attr), the weight), or made from it by elementwise
    arithmetic, elementwise functions and keepdims reductions only (names followed through their single
    assignment)?"""
    if depth > 8:
        return False
    kind = type(expr)
    if type(inputs) is tuple:  # ("self", attr): the weight itself
        if self_attr(expr) == inputs[1]:
            return True
    elif kind is ast.Name and expr.id == inputs:
        return True
    if kind is ast.Name:
        values = env.get(expr.id, ())
        return len(values) == 1 and _keeps_last_axis(values[0], inputs, env, depth + 1)
    if kind is ast.UnaryOp and type(expr.op) is ast.USub:
        return _keeps_last_axis(expr.operand, inputs, env, depth + 1)
    if kind is ast.BinOp and type(expr.op) in (ast.Mult, ast.Div, ast.Add, ast.Sub, ast.Pow):
        return _keeps_last_axis(expr.left, inputs, env, depth + 1) or _keeps_last_axis(expr.right, inputs, env, depth + 1)
    if kind is ast.Call and expr.args:
        name = callee_name(expr) or ""
        if name in _REDUCTIONS and not any(k.arg in ("keepdims", "keep_dims") and type(k.value) is ast.Constant
                                           and k.value.value is True for k in expr.keywords):
            return False
        if name in _REDUCTIONS:
            return _keeps_last_axis(expr.args[0], inputs, env, depth + 1)
        if name in _ELEMENTWISE:  # `tf.complex(scale, self.phase)`, `maximum(x, floor)`: any operand
            return any(_keeps_last_axis(arg, inputs, env, depth + 1) for arg in expr.args[:2])
    return False


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


# `LearnedThreshold(out_dim=self.in_dim)` (sfaira): the parameter's name is neutral, but the call site hands
# it the input's width: a name like `in_dim`, the name that sized the model's `Input((n,))` in the same
# file, or `x.shape[-1]`. Read only for weights sized by a constructor parameter (reading sites parses files).
def _input_width_at_call_site(ctx, init, shape):
    """(parameter, what a call site passes for it, where) when a call site of the class passes the input's
    width for a parameter of `__init__` that sizes the weight; else None."""
    params = _sizing_params(init, shape)
    if not params:
        return None
    for call, _env, where in construction_sites(ctx):
        for param in params:
            arg = argument_for(call, init, param)
            if arg is not None and _names_input_width(arg, ctx.file):
                return param, ast.unparse(arg), where
    return None


def _sizing_params(init, shape) -> list[str]:
    """The parameters of `__init__` a shape uses, directly or through `self.x = x`."""
    params = {a.arg for a in init.args.args[1:] + init.args.kwonlyargs}
    stored = {self_attr(s.targets[0]): s.value.id for s in init.body
              if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.value, ast.Name)
              and self_attr(s.targets[0])}
    out = []
    for elt in shape.elts:
        name = elt.id if isinstance(elt, ast.Name) else stored.get(self_attr(elt))
        if name in params and name not in out:
            out.append(name)
    return out


def _names_input_width(arg, file) -> bool:
    if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Attribute) and arg.value.attr == "shape":
        index = arg.slice
        return isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub) and getattr(index.operand, "value", 0) == 1
    name = _name(arg)
    if name is None:
        return False
    if _INPUT_NAME.search(name.removeprefix("self.")):
        return True
    return isinstance(arg, ast.Name) and arg.id in _input_width_names(file)


def _input_width_names(file) -> set[str]:
    """Names that give the last dimension of a `keras.Input(...)`/`InputLayer(...)` shape in the file."""
    out = set()
    for node in ast.walk(module_tree(file)):
        if isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in ("Input", "InputLayer"):
            shape = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in ("shape", "input_shape")), None)
            if isinstance(shape, (ast.Tuple, ast.List)) and shape.elts and isinstance(shape.elts[-1], ast.Name):
                out.add(shape.elts[-1].id)
    return out
