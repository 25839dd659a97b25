"""LD006 on another object's private weight list: `layer._trainable_weights.append(w)` in a training script or a
helper function, `self.master._trainable_weights[0]` in a layer that borrows another layer's weights. Keras 3
layers have no such list: reading it raises AttributeError; assigning it first (`conv._trainable_weights = []`)
makes a plain attribute Keras never reads, and once the layer is built appending a variable to it raises
ValueError (measured on Keras 3.15: held-out 28's Stack Overflow weight-sharing recipe and keras-invertible)."""

import ast
import re

from ...context import self_attr
from ...walk import parent_map, walk
from .. import Hit

PRIVATE = {"_trainable_weights", "_non_trainable_weights"}
MUTATORS = {"append", "extend", "insert", "remove", "pop", "clear"}
# a class of the file that defines its own list (`self._trainable_weights = []`): reads may be of that one
_DEFINED_RE = re.compile(r"self\._(?:non)?_?trainable_weights[ \t]*=[^=]")


def TRIGGER(text: str) -> bool:
    return "_trainable_weights" in text  # (`_non_trainable_weights` holds it: one test for both)


def in_module_code(ctx):
    """Functions, module code and plain classes of the file (layer classes are the class check's)."""
    nodes = walk(ctx.tree)
    uses = [n for n in nodes if type(n) is ast.Attribute and n.attr in PRIVATE
            and not (type(n.value) is ast.Name and n.value.id == "self")]
    if uses:
        yield from _hits(uses, parent_map(nodes), _assigned_in(ctx.file), "")


def in_held_objects(ctx, methods):
    """`self.<held>._trainable_weights` in the layer's methods (`methods`: (name, nodes)): another layer's list."""
    assigned = None
    for name, nodes in methods:
        uses = [n for n in nodes if type(n) is ast.Attribute and n.attr in PRIVATE and self_attr(n.value) is not None]
        if uses:
            assigned = _assigned_in(ctx.file) if assigned is None else assigned
            yield from _hits(uses, parent_map(nodes), assigned, f" in {ctx.name}.{name}()")


def _assigned_in(file) -> bool:
    """Does a class of the file define such a list of its own (reads are then not sure to fail)?"""
    from ...class_facts import file_text

    return _DEFINED_RE.search(file_text(file)) is not None


def _hits(uses, parents, assigned, where):
    stored = {ast.dump(n).replace("Store()", "Load()") for n in uses if type(n.ctx) is ast.Store}
    for node in uses:
        text = ast.unparse(node)
        parent = parents.get(id(node))
        call = parents.get(id(parent)) if type(parent) is ast.Attribute else None
        if parent is not None and type(parent) is ast.Attribute and parent.attr in MUTATORS and \
                type(call) is ast.Call and call.func is parent:
            yield Hit(call, f"{text}.{parent.attr}(...){where}: Keras 3 layers have no such list (AttributeError; after "
                            f"`{text} = [...]`, a plain attribute Keras never reads, and once the layer is built adding a "
                            f"variable to it raises ValueError); to share a weight, call one layer instance twice or make "
                            f"the weight in a custom layer", attribute=node.attr, fix=None)
        elif type(node.ctx) is ast.Store:
            yield Hit(node, f"{text} = ...{where}: Keras 3 layers have no such list, so this makes a plain attribute "
                            f"that Keras never reads (counting, training and saving go by the tracked variables)",
                      attribute=node.attr, severity="warning", fix=None)
        elif not assigned and ast.dump(node) not in stored:  # (not a list this scope made first)
            yield Hit(node, f"{text}{where}: Keras 3 layers have no such list, so this raises AttributeError when it "
                            f"runs (read {ast.unparse(node.value)}.trainable_weights, or the weight's own attribute "
                            f"such as .kernel)", attribute=node.attr, fix=None)
