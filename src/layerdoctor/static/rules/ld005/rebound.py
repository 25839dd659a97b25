"""LD005 for a sublayer rebound from outside its layer, the way weights are tied across blocks
(`block.fn.to_q = first_block.fn.to_q`): Keras 3's tracker keeps the layer the block's __init__ made
for that attribute, which is never called again and stays unbuilt (measured on Keras 3.15.1: it stays
in the block's layers with no weights; tf.keras 2 untracks it on reassignment)."""

import ast
import re

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...context import LAYER, STATELESS_LAYERS, bindings, classify
from ...walk import self_attr, walk
from .. import Hit


def sublayers_rebound_from_outside(ctx):
    """`x.attr = y.attr` (the same name on both sides: one object's sublayer put in place of another's) in
    __init__/build() or a helper of theirs, where `x` is not self and a layer class of the project makes
    `self.attr` a layer with weights in its __init__. Which class `x` is, is not followed: by the
    attribute's name only (a warning)."""
    if ctx.target == TF_KERAS_TARGET:
        return
    seen = set()
    for method, _ in ctx.methods_of("__init__", "build"):
        for stmt in ctx.other_attribute_stores(method):
            if id(stmt) in seen or type(stmt) is not ast.Assign or len(stmt.targets) != 1:
                continue
            seen.add(id(stmt))
            target, value = stmt.targets[0], stmt.value
            if type(value) is not ast.Attribute or value.attr != target.attr or self_attr(value) is not None:
                continue  # (`x.q = self.q` hands this layer's own sublayer on: a different pattern)
            maker = _weighted_sublayer_maker(ctx.project, target.attr, ctx.target, ctx.file.path)
            if maker is None:
                continue
            owner = ast.unparse(target.value)
            yield Hit(
                stmt,
                f"{owner}.{target.attr} = {ast.unparse(value)} puts one layer in place of another (weight "
                f"tying?): if {owner} is an instance of {maker[0]}, the {maker[1]} its __init__ made for {target.attr} stays "
                f"tracked on Keras 3, is never called and stays unbuilt, with no weights (the summary shows "
                f"0 (unbuilt); saving and loading see a layer that has none); pass the shared layer to the "
                f"constructor instead, so that only one is made",
                attribute=target.attr, severity="warning", fix="rebound",
            )


_MAKERS: dict = {"project": None, "found": {}}  # per project: (attr, target, file or None) -> (class, layer) or None


def _weighted_sublayer_maker(project, attr, target, path):
    """(class name, layer class) of a project layer class whose __init__ stores a layer with weights on
    `self.<attr>`, or None: a class of the file at `path` first, then any (once per project)."""
    if _MAKERS["project"] is not project:
        _MAKERS["project"], _MAKERS["found"] = project, {}
    known = _MAKERS["found"]
    for where in (path, None):
        if (attr, target, where) not in known:
            known[attr, target, where] = _find_maker(project, attr, target, where)
        if known[attr, target, where] is not None:
            return known[attr, target, where]
    return None


def _find_maker(project, attr, target, path):
    # (`self.<attr> = ... SomeClass(` or `= self.make_<attr>(` (a factory method) in the class's text before its
    # __init__ is parsed: `layer.dtype_policy = other.dtype_policy` has the same shape and names no sublayer)
    stored_from_a_class = re.compile(rf"self\.{re.escape(attr)}[ \t]*=[^=\n][^\n]*(?:[A-Z]\w*|self\.\w+)\(")
    for name, (info, file) in project.classes.items():
        if path is not None and file.path != path or not info.attr_counts.get(attr) or not info.may_have_weights \
                or not project.is_layer(name):
            continue
        summary = project.class_summary(name)
        text = summary.text() if summary is not None else None
        if text is not None and stored_from_a_class.search(text) is None:
            continue
        init = summary.load_methods(("__init__",)).get("__init__") if summary is not None else None
        if init is None:
            continue
        nodes = walk(init)
        env = None
        for node in nodes:
            if type(node) is not ast.Assign or not any(self_attr(t) == attr for t in node.targets):
                continue
            for call in (n for n in walk(node.value) if type(n) is ast.Call):  # (`Dense(2) if q is None else q` too)
                env = env if env is not None else bindings(nodes)
                for made, where in _made_by(call, summary, env):
                    value = classify(made, project, file, target, where)
                    if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS and \
                            project.has_weights(value.qualname):
                        return info.name, value.layer_class or value.qualname
    return None


def _made_by(call, summary, env):
    """[(expression, its names)] the call gives: itself, or what a factory method of the class returns
    (`self.q = self._new_dense(1)`, a helper called more than once, so not inlined)."""
    factory = self_attr(call.func)
    if factory is None or factory not in summary.method_names:
        return [(call, env)]
    fn = summary.load_methods((factory,)).get(factory) or summary.methods.get(factory)
    if fn is None:
        return []
    nodes = walk(fn)
    returns = [n.value for n in nodes if type(n) is ast.Return and n.value is not None]
    return [(value, bindings(nodes)) for value in returns] if returns else []
