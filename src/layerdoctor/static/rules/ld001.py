"""LD001 raw-tensor-state: a weight-like tensor stored on self in __init__/build."""

from ..context import TENSOR, WEIGHT_NAME_RE
from . import Hit

CODE = "LD001"


def check_class(ctx):
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.method in ctx.phase_methods.get("call", ()):
            continue  # created per call: LD002's business
        value = ctx.value(assign.value, ctx.methods[assign.method])
        if value.kind != TENSOR:
            continue
        # A random tensor is a weight's initial value; a zeros/ones/array needs a weight's name,
        # since constant buffers (masks, position tables) are legitimately plain tensors.
        if not (value.random or WEIGHT_NAME_RE.match(assign.attr)):
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is a raw tensor ({value.qualname}) stored in {assign.method}(): "
            f"Keras does not track it, so it is not counted, trained or saved",
            attribute=assign.attr,
            fix=f"self.{assign.attr} = self.add_weight(shape=..., initializer=...)",
        )
