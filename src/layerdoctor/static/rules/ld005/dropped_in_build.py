"""LD005 for a sublayer made in __init__ that build() drops (`self.conv_low = None` when the input has no
low-frequency part) or replaces by a new layer: Keras 3's tracker keeps the layer __init__ made, which is
never called and stays unbuilt (measured on Keras 3.15.1: it stays in the layer's sublayers with
`built == False`, also after `del self.x`; tf.keras 2 untracks it on reassignment)."""

import ast

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...walk import parent_map, self_attr, walk
from .. import Hit
from .made import made_layer


def sublayers_dropped_in_build(ctx):
    """`self.x = None` (or `self.x = OtherLayer(...)`) in build() or a helper only build() runs, for an
    attribute __init__ makes a layer with weights, when build() reads nothing of self.x before and the
    `if` tests around the store each read a value of build()'s own (the input shape): a test on self's
    configuration alone may be the one __init__ made the layer under. An `if` around it makes the
    finding a warning (the input that takes that branch may never come)."""
    if ctx.target == TF_KERAS_TARGET or ctx.cls.dynamic_access or not ctx.has_method("build"):
        return
    stores = ctx.assigns_in("__init__") if "__init__" in ctx.methods else []
    if not stores:
        return
    build_phase = ctx.only_phase("build")
    dropped = [(method, a) for method, _ in build_phase for a in ctx.assigns_in(method)
               if any(s.attr == a.attr for s in stores)]
    if not dropped:
        return
    init_env = ctx.env(ctx.methods["__init__"])
    seen = set()
    for method, store in dropped:
        if store.attr in seen:
            continue
        made = next((m for s in stores if s.attr == store.attr and
                     (m := made_layer(ctx, s.value, init_env)) is not None), None)
        if made is None:
            continue
        func = ctx.methods[method]
        dropped_to_none = type(store.value) is ast.Constant and store.value.value is None
        if not dropped_to_none and made_layer(ctx, store.value, ctx.env(func)) is None:
            continue  # (a tensor or a wrapper of the old layer: not a plain replacement)
        if _reads_before(ctx, method, store) or any(self_attr(n) == store.attr for n in walk(store.value)):
            continue
        tests = _tests_around(ctx, method, store.stmt)
        if tests is None:
            continue
        seen.add(store.attr)
        when = f" when {ast.unparse(tests[0])[:60]}" if tests else ""
        what = "sets" if dropped_to_none else "replaces"
        to = " to None" if dropped_to_none else " by a new layer"
        yield Hit(
            store.stmt,
            f"{method}() {what} self.{store.attr}{to}{when}: Keras 3 keeps tracking the {made} __init__ made "
            f"for it, which is never called and stays unbuilt, with no weights (the summary shows 0 (unbuilt); "
            f"`del self.{store.attr}` does not untrack it either); make {store.attr} in build() only when the input "
            f"needs it, instead of in __init__",
            attribute=store.attr, severity="warning" if tests else "error", fix="dropped_in_build",
        )


def _reads_before(ctx, method, store) -> bool:
    """Does `method` read self.<attr> on a line before the store (`self.x.build(...)` first)?"""
    line = store.stmt.lineno
    return any(type(node) is ast.Attribute and node.attr == store.attr and node.lineno < line and
               type(node.ctx) is ast.Load and self_attr(node) for node in ctx.nodes_of(method, ast.Attribute))


def _tests_around(ctx, method, stmt):
    """The tests of the `if`s the statement is in, innermost first; None when one reads none of the method's
    parameters and locals (self's configuration only), or the statement is in a nested def or a loop
    (which pass drops it is not followed)."""
    func = ctx.methods[method]
    args = func.args
    own = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)} | set(ctx.env(func)) - {"self"}
    parents = parent_map(walk(func))
    tests = []
    node = stmt
    while (parent := parents.get(id(node))) is not None and parent is not func:
        kind = type(parent)
        if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.For, ast.While):
            return None
        if kind is ast.If and node is not parent.test:
            if not any(type(n) is ast.Name and n.id in own for n in walk(parent.test)):
                return None
            tests.append(parent.test)
        node = parent
    return tests
