"""LD005 for a layer kept on self whose only use is to be handed to `Bidirectional`, which copies it."""

import ast
from collections import Counter

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...context import LAYER, STATELESS_LAYERS
from ...walk import self_attr, walk
from .. import Hit
from .held_parts import run_from_outside


def copied_by_bidirectional(ctx):
    """`self.rnn = LSTM(8)` (or a cell an RNN over it holds) whose only use is `Bidirectional(self.rnn)`:
    Keras 3 makes the forward and backward layers anew from the layer's config (bidirectional.py:
    serialize, deserialize; cells included), so the layer kept on self is never called and stays unbuilt,
    tracked with no weights (measured, ld005y). `backward_layer=` is kept as given; TimeDistributed and
    RNN(cell) use the very layer they get."""
    if ctx.target == TF_KERAS_TARGET or ctx.cls.dynamic_access or not ctx.file_mentions("Bidirectional"):
        return
    stored = {}  # attr -> its assignment in __init__/build()
    for assign in ctx.self_assigns(("__init__", "build")):
        stored.setdefault(assign.attr, assign)
    copied = Counter()  # attr -> its mentions inside what a Bidirectional copies
    todo = []
    for method, _ in ctx.methods_of("__init__", "build"):
        for node in ctx.nodes(method):
            if type(node) is ast.Call and (ctx.qualify(node.func) or "").rsplit(".", 1)[-1] == "Bidirectional":
                given = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "layer"), None)
                if given is not None:
                    todo.append(given)
    only_copied = []
    while todo:
        for node in walk(todo.pop()):
            attr = self_attr(node)
            if attr is not None and type(node.ctx) is ast.Load:
                copied[attr] += 1
        for attr, count in copied.items():  # a copied RNN's own value (its cells) is copied too
            if attr not in only_copied and attr in stored and ctx.mentions(attr) == ctx.stores_of(attr) + count:
                only_copied.append(attr)
                todo.append(stored[attr].value)
    for attr in only_copied:
        assign = stored[attr]
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            continue
        if ctx.mentions(attr) != ctx.stores_of(attr) + copied[attr] or \
                any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname)):
            continue
        if run_from_outside(ctx, attr):
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{attr} ({value.layer_class}) is only handed to Bidirectional(...), which builds its "
            f"forward and backward layers as copies made from its config: the {value.layer_class} kept on self "
            f"is never called and stays unbuilt, tracked with no weights (the summary shows 0 (unbuilt); "
            f"model.{attr}.weights is empty); keep the Bidirectional only, or reach the copies through its "
            f"forward_layer/backward_layer",
            attribute=attr,
        )

