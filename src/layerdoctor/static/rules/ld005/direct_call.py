"""LD005 for a sublayer run through its `.call()` method, which skips Keras's `__call__` (the step that
builds a layer on its first call)."""

import ast

from ...context import LAYER, STATELESS_LAYERS
from ...walk import self_attr
from .. import Hit


def run_through_call_method(ctx):
    """`self.block = Block(...)` run as `self.block.call(x)` and never as `self.block(x)` nor built by
    `self.block.build(...)`: Keras never builds it (held-out 22, a translator's EncoderBlock; measured:
    the block stays unbuilt, `count_params()` raises and Keras warns "looks like it has unbuilt state").
    A layer that makes weights in its own build() (a Dense) has none at all: an error; a container
    whose sublayers its call() runs keeps their weights: a warning."""
    if not ctx.file_mentions(".call("):
        return
    direct, other = {}, set()
    for method in ctx.methods:
        for node in ctx.nodes(method):
            if type(node) is ast.Call and (attr := self_attr(node.func)) is not None:
                other.add(attr)  # `self.block(x)`: Keras's __call__ builds it
            elif type(node) is ast.Attribute and (attr := self_attr(node.value)) is not None:
                if node.attr == "call":
                    direct.setdefault(attr, node)
                elif node.attr == "build":
                    other.add(attr)
    for attr, node in direct.items():
        if attr in other:
            continue
        made = _made(ctx, attr)
        if made is None:
            continue
        layer_class, builds_weights = made
        yield Hit(
            node,
            f"{ctx.name}.{attr} ({layer_class}) is run as self.{attr}.call(...), which skips Keras's "
            f"__call__, the step that builds a layer on its first call: it stays unbuilt (the summary shows "
            f"0 (unbuilt), count_params() raises, Keras warns that it \"looks like it has unbuilt state\")"
            + ("" if builds_weights else "; its sublayers are still run, so their weights exist")
            + f"; call it as self.{attr}(...)",
            attribute=attr, severity=None if builds_weights else "warning",
        )


# Keras preprocessing layers that hold state (vocabularies, statistics) made without a build() of data
_PREPROCESSING = {"StringLookup", "IntegerLookup", "TextVectorization", "Hashing", "Normalization",
                  "Discretization", "CategoryEncoding", "HashedCrossing"}


def _made(ctx, attr):
    """(class name, whether its own build() makes weights) of the layer __init__/build() stores in
    `self.<attr>`, or None when it is not a layer with weights."""
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr != attr:
            continue
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            return None
        if ".preprocessing." in (value.qualname or "") or value.layer_class in _PREPROCESSING:
            return None  # lookup tables made in __init__, run through call() on purpose (TextVectorization)
        summary = ctx.project.class_summary(value.qualname) if value.qualname else None
        user_made = summary is not None
        return value.layer_class, (not user_made) or "build" in summary.method_names
    return None
