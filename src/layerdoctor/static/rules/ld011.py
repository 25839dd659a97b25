"""LD011 untracked-container: layers reachable only through a plain object, a closure or a global."""

import ast

from ..context import FOREIGN, LAYER, WEIGHT, classify
from ..walk import walk
from . import Hit

CODE = "LD011"

_STATE = (LAYER, WEIGHT, FOREIGN)
_PLAIN_HOLDERS = {"types.SimpleNamespace", "argparse.Namespace"}


def check_class(ctx):
    yield from _plain_objects(ctx)
    yield from _closures(ctx)
    yield from _globals(ctx)


def _plain_objects(ctx):
    for assign in ctx.self_assigns(("__init__", "build")):
        value = assign.value
        if not isinstance(value, ast.Call):
            continue
        name = ctx.qualify(value.func)
        held = None
        if name in _PLAIN_HOLDERS:
            func = ctx.methods[assign.method]
            held = [kw.arg for kw in value.keywords if ctx.value(kw.value, func).kind in _STATE]
        elif name in ctx.project.classes and not ctx.project.is_layer(name):
            holder, file = ctx.project.classes[name]
            held = [attr for attr, callee in holder.holds if _creates_state(ctx, callee, file)]
        if held:
            holder = name.rsplit(".", 1)[-1]
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{assign.attr} is a plain {holder} object holding layers or variables "
                f"({', '.join(held)}): Keras does not look inside it, so they are not counted, "
                f"trained or saved",
                attribute=assign.attr,
                fix=f"assign each layer to an attribute of {ctx.name} (self.{held[0]} = ...), "
                    f"or make {holder} a keras.layers.Layer",
            )


def _creates_state(ctx, callee, file):
    """Whether calling `callee` (as written in `file`) makes a layer or a variable."""
    call = ast.parse(f"{callee}()", mode="eval").body
    return classify(call, ctx.project, file, ctx.target).kind in _STATE


def _closures(ctx):
    for method, func in ctx.methods_of("__init__", "build"):
        env = ctx.env(func)
        local_defs = {n.name: n for n in ctx.nodes(method) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not func}
        on_self = {v.id for a in ctx.assigns_in(method) for v in walk(a.value) if isinstance(v, ast.Name)}
        for assign in ctx.assigns_in(method):
            value = assign.value
            if isinstance(value, ast.Name) and value.id in local_defs:
                body = local_defs[value.id]
            elif isinstance(value, ast.Lambda):
                body = value
            else:
                continue
            captured = []
            for name in _free_names(body):
                if name in env and name not in on_self - {getattr(value, "id", None)}:
                    if any(ctx.value(v, func).kind in _STATE for v in env[name]):
                        captured.append(name)
            if captured:
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is a function that closes over {', '.join(captured)}: "
                    f"layers and variables reachable only through a closure are not counted, "
                    f"trained or saved",
                    attribute=assign.attr,
                    fix=f"self.{captured[0]} = {captured[0]}  # then use self.{captured[0]} in call()",
                )


def _globals(ctx):
    globals_ = ctx.file.module_assigns
    if not globals_:
        return
    reported = set()
    for method, func in ctx.methods_of("call"):
        local = set(ctx.env(func)) | {a.arg for a in func.args.args + func.args.kwonlyargs}
        for node in ctx.nodes(method):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in globals_ \
                    and node.id not in local and node.id not in reported:
                stmt = globals_[node.id]
                value = classify(stmt.value, ctx.project, ctx.file, ctx.target)
                if value.kind not in (LAYER, WEIGHT):
                    continue
                reported.add(node.id)
                yield Hit(
                    stmt,
                    f"{ctx.name}.{method}() uses the module-level {node.id} (line {node.lineno}): a "
                    f"global layer or variable is not tracked by {ctx.name}, so its weights are not "
                    f"counted, trained or saved with it",
                    attribute=node.id,
                    fix=f"self.{node.id.lower()} = ...  # create it in {ctx.name}.__init__ and use it in call()",
                )


def _free_names(func):
    if isinstance(func, ast.Lambda):
        params = {a.arg for a in func.args.args}
        body = [func.body]
    else:
        params = {a.arg for a in func.args.args + func.args.kwonlyargs}
        body = func.body
    assigned = set()
    loads = []
    for stmt in body:
        for node in walk(stmt):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Store):
                    assigned.add(node.id)
                else:
                    loads.append(node.id)
    return [n for n in dict.fromkeys(loads) if n not in params and n not in assigned]
