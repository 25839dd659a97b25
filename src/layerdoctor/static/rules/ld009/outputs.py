"""LD009 for sublayers and outputs: a sublayer behind stop_gradient, an output through round/argmax."""

import ast

from ...class_facts import (file_function)
from ...context import LAYER, OTHER, STATELESS_LAYERS, Value, bindings, classify, self_attr
from ...walk import callee_name, walk
from .. import Hit
from .reads import BLOCKING_CALLS, blocker, int_dtype, may_block, method_parents, only_blocked_reads


# ------------------------------------------------------------------ sublayers and outputs
# `tf.stop_gradient(self.teacher(x))`: the sublayer's trainable weights get no gradient.
# `return ops.round(...)` from call(): nothing before the layer gets a gradient through it.


def blocked_sublayers(ctx):
    under_blocker = set()  # self attributes read inside a blocking call's arguments
    for m, _ in ctx.methods_of("call"):
        for n in ctx.nodes(m):
            if type(n) is ast.Call and callee_name(n) in BLOCKING_CALLS:
                for arg in n.args:
                    for inner in walk(arg):
                        attr = self_attr(inner)
                        if attr:
                            under_blocker.add(attr)
    if not under_blocker:
        return
    sublayers = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr not in under_blocker:
            continue
        func = ctx.methods[assign.method]
        value = ctx.value(assign.value, ctx.env(func))
        if value.kind != LAYER and isinstance(assign.value, ast.Call):
            value = factory_result(ctx, assign.value.func)
        if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS \
                and ctx.has_weights(value.qualname):
            sublayers.setdefault(assign.attr, assign)
    for attr, assign in sublayers.items():
        if attr not in under_blocker or ctx.mentions(attr) - ctx.stores_of(attr) == 0 or _frozen_by_hand(ctx, attr):
            continue
        blocked = only_blocked_reads(ctx, attr)
        if blocked is None:
            continue
        node, why = blocked
        yield Hit(
            node,
            f"{ctx.name}.{attr} is a sublayer with trainable weights that call() uses only through "
            f"{why}: its weights are counted as trainable but get no gradient and are never "
            f"trained (if it is meant to be frozen, set {attr}.trainable = False)",
            attribute=attr, severity="warning",
        )


_TO_NUMPY = {"convert_to_numpy()", "asarray()", "array()", ".numpy()", ".detach()", ".tolist()"}


def input_taken_to_numpy(ctx):
    """call() that reads its input only through a NumPy conversion: a gradient barrier."""
    call = ctx.methods.get("call")
    if call is None or len(call.args.args) < 2:
        return
    name = call.args.args[1].arg
    nodes = ctx.nodes("call")
    reads = [n for n in nodes if type(n) is ast.Name and n.id == name and isinstance(n.ctx, ast.Load)]
    if not reads or not may_block(ctx, "call"):
        return
    parents = method_parents(ctx, "call")
    reasons = [blocker(read, parents, ctx) for read in reads]
    if any(why not in _TO_NUMPY for why in reasons):
        return
    yield Hit(
        reads[0],
        f"{ctx.name}.call() takes its input `{name}` to NumPy ({reasons[0]}): no gradient flows back "
        f"through the layer, so the trainable layers before it are never trained (and a symbolic "
        f"tensor, in a functional model or a compiled fit(), has no NumPy value); compute it with "
        f"keras.ops instead (a heuristic: harmless where nothing trainable comes before the layer)",
        severity="warning", fix=None,
    )


def factory_result(ctx, func):
    """What a function of this file returns (`def mlp(): return keras.Sequential(...)`)."""
    factory = file_function(ctx.file, func)
    if factory is None:
        return Value(OTHER)
    env = bindings(walk(factory))
    for node in walk(factory):
        if isinstance(node, ast.Return) and node.value is not None:
            value = ctx.classify_in(node.value) if not isinstance(node.value, ast.Name) \
                else classify(node.value, ctx.project, ctx.file, ctx.target, env)
            if value.kind == LAYER:
                return value
    return Value(OTHER)


def _frozen_by_hand(ctx, attr):
    """`self.<attr>.trainable = False` anywhere, or the class reads its weights by position."""
    for method in ctx.methods:
        for node in ctx.nodes(method):
            if isinstance(node, ast.Attribute) and node.attr == "trainable" and self_attr(node.value) == attr:
                return True
    return False


_OUTPUT_BLOCKERS = {"round", "argmax", "argmin", "sign", "floor", "ceil", "rint", "stop_gradient", "argsort",
                    "numpy_function", "py_func"}  # (tf.py_function records a gradient: not here)


def blocked_output(ctx):
    """call() whose every return value is a blocking op's result (through locals too)."""
    call = ctx.methods.get("call")
    if call is None:
        return
    env = ctx.env(call)
    returns = [n for n in ctx.nodes("call") if isinstance(n, ast.Return) and n.value is not None]
    if not returns:
        return
    first = None
    for ret in returns:
        why = blocking_result(ctx, ret.value, env)
        if why is None:
            return
        first = first or (ret, why)
    ret, why = first
    yield Hit(
        ret,
        f"{ctx.name}.call() returns the result of {why}: no gradient flows back through the layer, "
        f"so the trainable weights before it are never trained (a heuristic: fine for an "
        f"inference-only output; for training, pass the gradient straight through with "
        f"x + stop_gradient(f(x) - x))",
        severity="warning", fix=None,
    )


# Ops whose result is no more differentiable than their first argument (the others are bounds,
# shapes or dtypes): `clip(cast(x, "int32"), 0, n)`, `one_hot(argmax(x), n)`, a float cast of an argmax.
_PASS_THROUGH = {"clip", "clip_by_value", "one_hot", "reshape", "squeeze", "expand_dims", "cast", "transpose",
                 "flatten"}
TENSOR_LIBRARIES = ("tensorflow.", "keras.", "numpy.", "torch.", "jax.")


def blocking_result(ctx, expr, env, depth=0, arithmetic=False):
    """Why `expr` carries no gradient (a blocking op, seen through reshapes and casts; with `arithmetic`,
    also through arithmetic and ops with literal constants, for a Lambda whose input comes from
    trainable layers), or None."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name):
        values = env.get(expr.id, ())
        if len(values) != 1:
            return None
        return blocking_result(ctx, values[0], env, depth + 1, arithmetic)
    if isinstance(expr, ast.BinOp) and arithmetic:  # `ops.cast(ids, "float32") / 100.0`
        return _blocked_with_constants(ctx, [expr.left, expr.right], env, depth)
    if not isinstance(expr, ast.Call):
        return None
    qualified = ctx.qualify(expr.func) or ""
    name = qualified.rsplit(".", 1)[-1]
    if name in _OUTPUT_BLOCKERS and qualified.startswith(TENSOR_LIBRARIES):
        return f"{name}()"
    if name == "cast" and len(expr.args) > 1 and int_dtype(expr.args[1]):
        inner = expr.args[0]
        return blocking_result(ctx, inner, env, depth + 1, arithmetic) or "a cast to an integer type"
    if name in _PASS_THROUGH and expr.args and qualified.startswith(TENSOR_LIBRARIES):
        return blocking_result(ctx, expr.args[0], env, depth + 1, arithmetic)
    if arithmetic and qualified.startswith(TENSOR_LIBRARIES) and expr.args and not expr.keywords:
        # `ops.bitwise_xor(ids, 5)`: an op of a blocked value and constants is blocked too
        return _blocked_with_constants(ctx, expr.args, env, depth)
    return None


def _blocked_with_constants(ctx, operands, env, depth):
    """Why operands carry no gradient: one is blocked, every other one is a literal constant."""
    reasons = [blocking_result(ctx, o, env, depth + 1, True) for o in operands]
    blocked = [r for r in reasons if r is not None]
    if blocked and all(r is not None or isinstance(o, ast.Constant) or
                       (isinstance(o, ast.UnaryOp) and isinstance(o.operand, ast.Constant))
                       for o, r in zip(operands, reasons)):
        return blocked[0]
    return None
