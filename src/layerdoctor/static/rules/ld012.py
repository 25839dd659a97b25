"""LD012 lambda-captured-state: a Lambda layer whose function uses layers or variables from outside."""

import ast

from ..context import FOREIGN, LAYER, WEIGHT
from ..module import name_bindings
from . import Hit
from .ld011 import _free_names

CODE = "LD012"


def check_module(ctx):
    module_env = name_bindings(list(ctx.tree.body))
    functions = {n.name: n for n in ctx.tree.body if isinstance(n, ast.FunctionDef)}
    for scope, nodes in ctx.scopes():
        env = dict(module_env)
        env.update(name_bindings(nodes))
        for node in nodes:
            if not (isinstance(node, ast.Call) and (ctx.project.qualify(node.func, ctx.file) or "").endswith("keras.layers.Lambda")):
                continue
            fn = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "function"), None)
            if isinstance(fn, ast.Name) and fn.id in functions:
                fn = functions[fn.id]
            if not isinstance(fn, (ast.Lambda, ast.FunctionDef)):
                continue
            captured = []
            for name in _free_names(fn):
                values = env.get(name, [])
                if values and any(ctx.value(v, env).kind in (LAYER, WEIGHT, FOREIGN) for v in values):
                    captured.append(name)
            if captured:
                yield Hit(
                    node,
                    f"Lambda layer uses {', '.join(captured)} from outside its function: a Lambda "
                    f"tracks nothing, so their weights are not counted, trained or saved",
                    attribute=captured[0],
                    class_name="Lambda",
                    fix="class MyLayer(keras.layers.Layer):  # hold the layer/variable as an attribute\n"
                        f"    def __init__(self):\n        super().__init__()\n        self.{captured[0]} = ...",
                )
