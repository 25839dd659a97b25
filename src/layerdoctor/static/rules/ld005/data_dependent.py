"""LD005: a sublayer that call() runs only when a condition on tensor values holds (`if tf.shape(rows)[0] == 0:
continue` before `self.experts[i](x)`, the routing of a sparse mixture of experts). Made in __init__/build()
and not built there, it stays unbuilt, with no weights, until a batch happens to reach it: the summary and
count_params() miss it and load_weights() skips it (held-out 24's tfts SparseMoe, measured: 2 or 3 of 4
experts unbuilt after a forward pass, depending on the router's random start)."""

import ast

from ...walk import self_attr, walk
from .. import Hit
from .made import made_layer

_TENSOR_LIBRARIES = ("tensorflow.", "keras.ops.", "jax.", "torch.")
_NOT_DATA = {"executing_eagerly", "is_tensor", "is_symbolic_tensor", "is_keras_tensor", "inside_function"}


def run_only_on_data(ctx):
    if "call" not in ctx.methods:
        return
    nodes = ctx.nodes("call")
    if not any(type(n.test) is not ast.Name for n in ctx.nodes_of("call", ast.If)):
        return  # (the cheap test first: no `if` on anything but a flag)
    guarded = _guarded_region(ctx, nodes)
    if not guarded:
        return
    sublayers = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        made = made_layer(ctx, assign.value, ctx.env(ctx.methods[assign.method]))
        if made is not None:
            sublayers.setdefault(assign.attr, (assign, made))
    if not sublayers:
        return
    built = _built_in_build(ctx)
    inside, outside = set(), set()
    for node in nodes:
        if type(node) is ast.Call and (attr := _called_sublayer(node.func)) in sublayers and attr not in built:
            (inside if id(node) in guarded else outside).add(attr)
    unbuilt = sorted(inside - outside)
    if not unbuilt:
        return
    tests = [n.test for n in nodes if type(n) is ast.If]
    on_values = any(_data_test(ctx, test) for test in tests)
    shape_test = next((ast.unparse(test) for test in tests if _shape_test(test)), "")
    for attr in unbuilt:
        assign, made = sublayers[attr]
        if on_values:
            message = (f"{ctx.name}.{attr} ({made}) is created in {assign.method}() without being built, and call() "
                       f"runs it only when a condition on tensor values holds: each one stays unbuilt, with no "
                       f"weights, until a batch reaches it (the summary and count_params() miss it, load_weights() "
                       f"skips it; heuristic: build it in build(), e.g. self.{attr}[i].build(input_shape) for each)")
        else:
            message = (f"{ctx.name}.{attr} ({made}) is created in {assign.method}() without being built, and call() "
                       f"runs it on one branch of a test on a tensor's shape (`if {shape_test}:`) only: an instance whose "
                       f"inputs always take the other branch never builds it, and keeps an unbuilt layer with no "
                       f"weights (the summary shows it unbuilt, Keras warns of unbuilt state; heuristic: create it "
                       f"only when needed, in build(), where the input shape is known)")
        yield Hit(assign.stmt, message, attribute=attr, severity="warning", fix=None)


def _called_sublayer(func):
    """`attr` for `self.attr(...)` and `self.attr[i](...)`."""
    if type(func) is ast.Subscript:
        func = func.value
    return self_attr(func)


def _data_test(ctx, test) -> bool:
    for node in walk(test):
        if type(node) is ast.Call:
            name = ctx.qualify(node.func) or ""
            if name.startswith(_TENSOR_LIBRARIES) and name.rsplit(".", 1)[-1] not in _NOT_DATA:
                return True
    return False


def _shape_test(test) -> bool:
    """A comparison reading a tensor's static shape: `inputs.shape[-1] != self.units`."""
    return type(test) is ast.Compare and any(
        type(n) is ast.Attribute and n.attr == "shape" and self_attr(n) is None for n in walk(test))


def _guarded_region(ctx, nodes) -> set[int]:
    """ids of the nodes call() runs only when a test on tensor values (or on a tensor's shape) lets it: inside
    such an `if`, or after one that ends in continue/break/return, in the same block."""
    tests = {id(n) for n in nodes if type(n) is ast.If and (_data_test(ctx, n.test) or _shape_test(n.test))}
    if not tests:
        return set()
    region = set()
    for node in nodes:
        if not isinstance(node, _BLOCKS):
            continue
        for block in (node.body, getattr(node, "orelse", []), getattr(node, "finalbody", [])):
            for index, statement in enumerate(block):
                if id(statement) not in tests:
                    continue
                region.update(id(n) for part in statement.body + statement.orelse for n in walk(part))
                if not statement.orelse and type(statement.body[-1]) in (ast.Continue, ast.Break, ast.Return):
                    region.update(id(n) for later in block[index + 1:] for n in walk(later))
    return region


_BLOCKS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.For, ast.AsyncFor, ast.While, ast.If, ast.With,
           ast.AsyncWith, ast.Try)


def _built_in_build(ctx) -> set[str]:
    """Attributes build() builds: `self.x.build(...)`, or `layer.build(...)` in a loop over self.x."""
    out = set()
    for node in ctx.nodes("build") if "build" in ctx.methods else ():
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "build":
            out.update(n.attr for n in walk(node.func.value) if type(n) is ast.Attribute and self_attr(n))
        elif type(node) is ast.For:
            if any(type(c) is ast.Call and type(c.func) is ast.Attribute and c.func.attr == "build"
                   for part in node.body for c in walk(part)):
                out.update(n.attr for n in walk(node.iter) if type(n) is ast.Attribute and self_attr(n))
    return out
