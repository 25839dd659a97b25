"""LD005 unbuilt-sublayer: a sublayer created in __init__ that nothing ever calls or builds."""

from ..context import LAYER
from . import Hit

CODE = "LD005"


def check_class(ctx):
    seen = set()
    for assign in ctx.self_assigns(("__init__",)):
        if assign.attr in seen:
            continue
        value = ctx.value(assign.value, ctx.methods[assign.method])
        if value.kind != LAYER or not ctx.is_unused(assign.attr):
            continue
        seen.add(assign.attr)
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} ({value.layer_class}) is created in __init__ but neither "
            f"call() nor build() ever uses it: it stays unbuilt, with no weights "
            f"(the summary shows 0 (unbuilt))",
            attribute=assign.attr,
            fix=f"call self.{assign.attr}(...) in call(), build it in build(), or delete it",
        )
