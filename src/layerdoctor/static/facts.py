"""Facts about a layer class or a file's functional code that several rules read.

Rules read these instead of each other's private helpers: a fact computed here has one
definition (what counts as a free name, as a shared layer, ...).
"""

from __future__ import annotations

import ast

from .context import LAYER
from .module import name_bindings
from .walk import walk


def shared_layers(ctx):
    """Per scope: (name, constructor value expr, [call nodes]) for layers called 2+ times."""
    for scope, nodes in ctx.scopes():
        env = name_bindings(nodes)
        calls = {}
        for node in nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in env:
                calls.setdefault(node.func.id, []).append(node)
        for name, sites in calls.items():
            if len(sites) < 2 or len(env[name]) != 1:
                continue
            value = ctx.value(env[name][0], env)
            if value.kind == LAYER:
                yield name, env[name][0], value, sites, env


def free_names(func):
    """Names a function or lambda reads but neither takes as a parameter nor assigns."""
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
