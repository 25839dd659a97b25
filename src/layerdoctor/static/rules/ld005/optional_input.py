"""LD005: a sublayer call() runs only when an optional argument is given, in an instance no caller gives it to.

`if additional_context is not None: hidden += self.context_dense(additional_context)` in a gated residual
network (the Temporal Fusion Transformer's GRN, copied into many ports): the instances the model calls without
`additional_context` never call their context Dense, which stays unbuilt, with no weights (measured on Keras
3.15.1 + TF 2.21, held-out 33 SPOREIII: 8 unbuilt Linear/Dense pairs and Keras's "unbuilt state" warning)."""

import ast

from ...walk import self_attr, walk
from .. import Hit
from .made import made_layer

# Arguments Keras itself passes to call() (the mask of a masking input, the training flag): not the caller's choice.
_KERAS_ARGUMENTS = {"training", "mask"}


def optional_input_sublayers(ctx):
    call = ctx.methods.get("call")
    init = ctx.methods.get("__init__")
    if call is None or init is None or ctx.cls.dynamic_access or ctx.project.subclasses(ctx.qualname):
        return
    optional = _optional_parameters(call)
    if not optional:
        return
    guarded = _guarded_sublayers(ctx, call, optional)
    if not guarded:
        return
    made = {}
    for assign in ctx.self_assigns(("__init__",)):
        if assign.attr in guarded and assign.attr not in made:
            kind = made_layer(ctx, assign.value, ctx.env(init))
            if kind is not None and not kind.startswith("a list"):
                made[assign.attr] = (assign, kind)
    if not made or ctx.has_method("build") and any(self_attr(n) in made for n in ctx.nodes("build")):
        return
    positions = [a.arg for a in call.args.args[1:]]
    for holder, attr_held, sites in _instances_called(ctx):
        if sites is None:
            continue
        for attr, (assign, kind) in made.items():
            param = guarded[attr]
            if any(_passes(site, param, positions) for site in sites):
                continue
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} ({kind}) runs only when call() is given `{param}` (it defaults to None), and "
                f"{holder}.{attr_held} calls its {ctx.name} without it (line {sites[0].lineno}): in that instance "
                f"{attr} is never called and stays unbuilt, with no weights (the summary shows 0 (unbuilt), "
                f"saving misses it); make it only when `{param}` will be given, or build it in build()",
                attribute=attr, fix="optional_input", fix_values={"param": param},
            )
            return


def _optional_parameters(call) -> set:
    """call()'s parameters with the default None, Keras's own aside."""
    args = call.args
    positional = args.args[len(args.args) - len(args.defaults):]
    names = {a.arg for a, d in zip(positional, args.defaults) if type(d) is ast.Constant and d.value is None}
    names |= {a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults)
              if type(d) is ast.Constant and d.value is None}
    return names - _KERAS_ARGUMENTS


def _guarded_sublayers(ctx, call, optional) -> dict:
    """attr -> the parameter, for the sublayers `self.<attr>(...)` call() runs only inside `if <param> is not None:`
    (or `if <param>:`), and that no other method of the class mentions."""
    guarded = {}
    for node in walk(call):
        if type(node) is not ast.If or node.orelse:
            continue
        param = _tested(node.test)
        if param not in optional:
            continue
        for inner in (n for stmt in node.body for n in walk(stmt)):
            attr = self_attr(inner.func) if type(inner) is ast.Call else None
            if attr:
                guarded.setdefault(attr, param)
    inside = {}
    for attr, param in guarded.items():
        reads = sum(1 for n in walk(call) if self_attr(n) == attr)
        inside[attr] = reads
    return {attr: param for attr, param in guarded.items()
            if ctx.mentions(attr) - ctx.stores_of(attr) == inside[attr] and _all_guarded(call, attr, param)}


def _tested(test):
    """`p is not None` or `p`: the parameter name; else None."""
    if type(test) is ast.Name:
        return test.id
    if type(test) is ast.Compare and type(test.left) is ast.Name and len(test.ops) == 1 and \
            type(test.ops[0]) is ast.IsNot and type(test.comparators[0]) is ast.Constant and \
            test.comparators[0].value is None:
        return test.left.id
    return None


def _all_guarded(call, attr, param) -> bool:
    """Every `self.<attr>` of call() lies in the body of an `if` that tests `param`."""
    total = sum(1 for n in walk(call) if self_attr(n) == attr)
    under = sum(1 for node in walk(call) if type(node) is ast.If and not node.orelse and _tested(node.test) == param
                for stmt in node.body for n in walk(stmt) if self_attr(n) == attr)
    return total == under


def _instances_called(ctx):
    """(holder class name, attribute, the calls of the instance in the holder's methods, or None when one of
    them cannot be read) for each project class, in this file or one importing the class, whose __init__ keeps
    an instance of this class (`self.gated = GRN(...)`)."""
    from ...class_facts import importing_files

    project = ctx.project
    paths = {file.path for file in (ctx.file, *importing_files(ctx))}
    for key, (info, file) in project.classes.items():
        if file.path not in paths:
            continue
        summary = project.class_summary(key)
        text = summary.text() if summary is not None else None
        if summary is None or text is not None and f"{ctx.name}(" not in text:
            continue
        methods = project.class_methods(key) or {}
        init = methods.get("__init__")
        if init is None:
            continue
        held = {target.attr for node in walk(init) if type(node) is ast.Assign and type(node.value) is ast.Call
                and project.qualify(node.value.func, file) == ctx.qualname
                for target in node.targets if self_attr(target)}
        for attr in sorted(held):
            calls = [n for name, fn in methods.items() if name != "__init__" for n in walk(fn)
                     if type(n) is ast.Call and self_attr(n.func) == attr]
            if not calls:
                continue
            known = all(not any(type(a) is ast.Starred for a in c.args) and all(k.arg for k in c.keywords)
                        for c in calls)
            yield info.name, attr, (calls if known else None)


def _passes(site, param, positions) -> bool:
    index = positions.index(param) if param in positions else None
    return any(k.arg == param for k in site.keywords) or (index is not None and len(site.args) > index)
