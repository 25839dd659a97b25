"""LD005: a sublayer call() runs only when an optional argument is given, in an instance no caller gives it to.

`if additional_context is not None: hidden += self.context_dense(additional_context)` in a gated residual
network (the Temporal Fusion Transformer's GRN, copied into many ports): the instances the model calls without
`additional_context` never call their context Dense, which stays unbuilt, with no weights (measured on Keras
3.15.1 + TF 2.21, held-out 33 SPOREIII: 8 unbuilt Linear/Dense pairs and Keras's "unbuilt state" warning).
call_flags.py reports the sublayer when no instance anywhere is given the argument; this check names one
instance that never is, whatever the others get (instances kept in lists, handed on, given it elsewhere)."""

import ast

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...walk import self_attr, walk
from .. import Hit
from .call_flags import _guarded_sublayers, _off_flags, _passes, _store_of


def optional_input_sublayers(ctx):
    call = ctx.methods.get("call")
    if call is None or ctx.target == TF_KERAS_TARGET or ctx.cls.dynamic_access or ctx.project.subclasses(ctx.qualname):
        return
    flags = _off_flags(call)
    if not flags:
        return
    guarded = _guarded_sublayers(ctx, call, ctx.nodes("call"), flags)
    if not guarded or ctx.has_method("build") and any(self_attr(n) in guarded for n in ctx.nodes("build")):
        return
    for holder, held, calls in _instances_called(ctx):
        for attr, (flag, made) in guarded.items():
            if any(_passes(site, flag, flags[flag]) for site in calls):
                continue
            yield Hit(
                _store_of(ctx, attr),
                f"{ctx.name}.{attr} ({made}) runs only when call() is given `{flag}` (off by default), and "
                f"{holder}.{held} calls its {ctx.name} without it (line {calls[0].lineno}): in that instance "
                f"{attr} is never called and stays unbuilt, with no weights (the summary shows 0 (unbuilt), "
                f"saving misses it); make it only when `{flag}` will be given, or build it in build()",
                attribute=attr, fix="optional_input", fix_values={"param": flag},
            )
            return


def _instances_called(ctx):
    """(holder class name, attribute, the calls of the instance in the holder's other methods) for each project
    class, in this file or one importing the class, whose __init__ keeps an instance of this class
    (`self.gated = GRN(...)`) and calls it."""
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
            if calls:
                yield info.name, attr, calls
