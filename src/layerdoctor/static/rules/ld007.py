"""LD007 shared-layer (info): one layer instance called in several places."""

import ast

from ..context import LAYER
from ..module import name_bindings
from . import Hit

CODE = "LD007"


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


def check_module(ctx):
    for name, ctor, value, sites, _ in shared_layers(ctx):
        lines = ", ".join(str(line) for line in sorted({s.lineno for s in sites}))
        yield Hit(
            ctor,
            f"{name} ({value.layer_class}) is one layer called {len(sites)} times (lines {lines}): "
            f"its weights are shared and counted once",
            attribute=name,
            class_name=value.layer_class,
            fix=None,
        )
