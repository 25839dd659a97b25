"""LD009 for the layer a `keras.layers.Wrapper` subclass wraps when its call() never runs it: aeon's weight
normalization (held-out 38) convolves with its own `v` and `g`, while `Wrapper.build()` (or `self.layer.build()`)
has made the wrapped Conv1D's kernel and bias: they are counted and saved as trainable, their gradient is None."""

import ast

from ...class_facts import instantiations
from ...context import LAYER, STATELESS_LAYERS
from ...walk import self_attr
from .. import Hit
from .reads import WEIGHT_LISTS


def wrapped_layer_never_run(ctx):
    if "call" not in ctx.methods or ctx.cls.dynamic_access or ctx.mentions("layer") == 0 \
            or not any(ancestor.rpartition(".")[2] == "Wrapper" for ancestor in ctx.project.ancestors(ctx.qualname)) \
            or any(ctx.mentions(name) for name in WEIGHT_LISTS):
        return  # (weights read by position: what call() uses cannot be told)
    # attributes that name the wrapped layer or what it holds (`self.w = self.layer.kernel` in build(); not a weight
    # of the wrapper's own sized from it, `self.v = self.add_weight(shape=self.layer.kernel.shape)`)
    names = {"layer"}
    for assign in ctx.self_assigns(("__init__", "build")):
        value = assign.value
        while type(value) in (ast.Attribute, ast.Subscript) and self_attr(value) != "layer":
            value = value.value
        if self_attr(value) == "layer":
            names.add(assign.attr)
    for method, _ in ctx.methods_of("call"):
        if any(self_attr(node) in names for node in ctx.nodes_of(method, ast.Attribute)):
            return  # call() runs or reads it
    if not _builds_the_layer(ctx) or any(sub.attr_counts.get("layer") or sub.dynamic_access
                                         for sub in ctx.project.subclasses(ctx.qualname)):
        return
    wrapped = _wrapped_layers(ctx)
    if wrapped and not any(weighted for _, weighted in wrapped):
        return  # every instance made here wraps a layer without weights
    certain = bool(wrapped) and all(weighted for _, weighted in wrapped)
    what = f" ({', '.join(sorted({name for name, _ in wrapped}))})" if wrapped else ""
    yield Hit(
        ctx.methods["call"],
        f"{ctx.name}.call() never runs or reads the layer it wraps{what}, which build() builds: that layer's "
        f"weights are counted and saved as trainable but get no gradient and are never trained"
        + ("" if certain else " (heuristic: no instance made in the checked files shows what it wraps)"),
        attribute="layer", severity=None if certain else "warning",
    )


def _builds_the_layer(ctx) -> bool:
    """Does building the wrapper build the wrapped layer: Wrapper's own build() (none here, or `super().build()`),
    `self.layer.build(...)`, or a read of its weights (`self.layer.kernel`), which needs it built."""
    if "build" not in ctx.methods:
        return True
    for method, _ in ctx.methods_of("build"):
        for node in ctx.nodes_of(method, ast.Attribute):
            if node.attr == "build" and (self_attr(node.value) == "layer" or type(node.value) is ast.Call
                                         and type(node.value.func) is ast.Name and node.value.func.id == "super"):
                return True
            if type(node.value) is ast.Attribute and self_attr(node.value) == "layer" and node.attr in ("kernel", "bias"):
                return True
    return False


def _wrapped_layers(ctx) -> list[tuple[str, bool]]:
    """(layer class, has weights) of the layer handed to each instance made in the class's file."""
    out = []
    for call, env in instantiations(ctx.file, ctx.name):
        arg = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "layer"), None)
        value = ctx.value(arg, env) if arg is not None else None
        if value is None or value.kind != LAYER or not value.layer_class:
            continue
        out.append((value.layer_class,
                    value.layer_class not in STATELESS_LAYERS and bool(ctx.has_weights(value.qualname))))
    return out
