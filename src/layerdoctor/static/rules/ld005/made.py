"""The layer with weights an expression of __init__/build() makes: shared by the LD005 checks."""

import ast

from ...context import LAYER, STATELESS_LAYERS


def made_layer(ctx, expr, env):
    """The class name of the layer with weights `expr` creates (`Dense(4)`), or 'a list of <class>' for
    `[Dense(4) for _ in ...]` / `[Dense(4), Dense(2)]` (constructor calls only); None for anything else."""
    kind = type(expr)
    if kind is ast.ListComp:
        items = [expr.elt]
    elif kind in (ast.List, ast.Tuple) and expr.elts:
        items = expr.elts
    else:
        items = [expr]
    names = []
    for item in items:
        if kind in (ast.ListComp, ast.List, ast.Tuple) and type(item) is not ast.Call:
            return None  # `[dense]`: a layer made elsewhere, which may be used through its local name
        value = ctx.value(item, env)
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            return None
        names.append(value.layer_class)
    return names[0] if kind not in (ast.ListComp, ast.List, ast.Tuple) else f"a list of {names[0]}"
