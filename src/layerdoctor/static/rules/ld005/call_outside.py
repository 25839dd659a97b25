"""LD005 when the forward pass is not a method: `def call(self, ...)` written at module level after a
layer class (its indentation ends the class before it). The class has no call(), so Keras's base
Layer/Model.call runs (Keras 3 raises NotImplementedError at the first call) and the sublayers it
holds never run: never built, no weights (held-out 27's IndependentStudies autoencoder)."""

import re

from ...class_facts import keras_base_layer
from ...context import LAYER, STATELESS_LAYERS
from ...project import is_framework_root
from ...walk import hands_over_a_graph
from .. import Hit

_MODULE_CALL_RE = re.compile(r"^(?:async[ \t]+)?def[ \t]+call[ \t]*\([ \t\n]*self\b", re.MULTILINE)


def call_outside_the_class(ctx):
    text = ctx.cls.file_text()
    if text is None or "def call" not in text or ctx.cls.col > 1:
        return  # (the cheap test first; a nested class is left alone)
    lines = [text.count("\n", 0, m.start()) + 1 for m in _MODULE_CALL_RE.finditer(text)]
    line = next((n for n in lines if n > ctx.cls.end_line), None)  # the first after the class
    if line is None or _class_between(ctx, line) or ctx.project.subclasses(ctx.qualname):
        return  # none, or it follows another class
    base, _ = keras_base_layer(ctx)
    if base is None:  # (Keras's own Layer/Model is not counted among the user's ancestors)
        roots = [name for name in ctx.project.ancestors(ctx.qualname) if is_framework_root(name)]
        base = roots[0].rsplit(".", 1)[-1] if roots else None
    if base not in ("Layer", "Model") or any(
            summary is None or "call" in summary.method_names
            for summary in (ctx.project.class_summary(a) for a in ctx.project.user_ancestors(ctx.qualname))):
        return  # a Keras base with a call() of its own, or a project base defining one
    if any(hands_over_a_graph(node) for node in ctx.nodes("__init__")):
        return  # a functional subclass: Keras's Functional.call runs its graph
    held = _held_sublayers(ctx)
    if not held:
        return
    yield Hit(
        line,
        f"{ctx.name} has no call(): the `def call(self, ...)` on line {line} is at module level, outside the "
        f"class (its indentation ends the class before it), so Keras's {base}.call runs instead (Keras 3 raises "
        f"NotImplementedError at the first call) and {', '.join(held[:4])}{' ...' if len(held) > 4 else ''} "
        f"never run{'s' if len(held) == 1 else ''}: never built, no weights; indent it into {ctx.name}",
        attribute=held[0],
    )


def _class_between(ctx, line) -> bool:
    """Is another top-level class of the file between this class and `line`?"""
    return any(cls is not ctx.cls and cls.col <= 1 and ctx.cls.end_line < cls.line < line for cls in ctx.file.classes)


def _held_sublayers(ctx) -> list[str]:
    """The sublayers with weights __init__/build() store on self."""
    held = []
    for assign in ctx.self_assigns(("__init__", "build")):
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS and assign.attr not in held:
            held.append(assign.attr)
    return held
