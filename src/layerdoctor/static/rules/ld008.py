"""LD008 incompatible-reuse: a shared layer called on inputs of different last dimensions."""

import ast

from ..context import LAYER
from . import Hit
from .ld007 import shared_layers

CODE = "LD008"

# Layers whose weights are sized by the input's last axis.
_SIZED_BY_INPUT = {"Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D",
                   "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "LSTM", "GRU", "SimpleRNN",
                   "LayerNormalization", "BatchNormalization", "MultiHeadAttention"}


def check_module(ctx):
    for name, ctor, value, sites, env in shared_layers(ctx):
        custom = value.qualname in ctx.project.classes
        if value.layer_class not in _SIZED_BY_INPUT and not custom:
            continue
        dims = []
        for site in sites:
            dim = _last_dim(site.args[0], env, ctx, depth=0) if site.args else None
            dims.append(dim)
        first = next(((d, s) for d, s in zip(dims, sites) if d is not None), None)
        if first is None:
            continue
        for dim, site in zip(dims, sites):
            if dim is not None and dim != first[0]:
                yield Hit(
                    site,
                    f"{name} ({value.layer_class}) was first called (line {first[1].lineno}) on an input "
                    f"whose last axis is {first[0]}, which sizes its weights; here it gets {dim}: "
                    f"shape error",
                    attribute=name,
                    class_name=value.layer_class,
                )
                break


def _last_dim(expr, env, ctx, depth):
    """The literal size of the last axis of a symbolic tensor, when the source fixes it."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name) and len(env.get(expr.id, ())) == 1:
        return _last_dim(env[expr.id][0], env, ctx, depth + 1)
    if not isinstance(expr, ast.Call):
        return None
    callee = ctx.project.qualify(expr.func, ctx.file) or ""
    if callee.rsplit(".", 1)[-1] == "Input" and callee.startswith("keras"):
        shape = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "shape"), None)
        if isinstance(shape, (ast.Tuple, ast.List)) and shape.elts:
            last = shape.elts[-1]
            if isinstance(last, ast.Constant) and isinstance(last.value, int):
                return last.value
        return None
    # `Dense(8)(x)` and `layer(x)` for a layer made with a literal first argument (units).
    layer = expr.func
    if isinstance(layer, ast.Name) and len(env.get(layer.id, ())) == 1:
        layer = env[layer.id][0]
    if isinstance(layer, ast.Call) and ctx.value(layer, env).kind == LAYER:
        first = layer.args[0] if layer.args else next((k.value for k in layer.keywords if k.arg == "units"), None)
        kind = ctx.value(layer, env)
        if isinstance(first, ast.Constant) and isinstance(first.value, int) and (
            kind.layer_class in ("Dense", "EinsumDense") or kind.qualname in ctx.project.classes
        ):
            return first.value
    return None
