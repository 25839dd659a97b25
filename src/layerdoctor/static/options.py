"""Constructor options that are off by default: may an instance made in the checked files turn one on?

Shared by the rules whose finding only matters under such an option (LD010's shadowing under `if self.sparse:`,
LD013's second Layer.__init__ dropping a `name=name` nobody passes)."""

import ast

from .class_facts import argument_for, parsed_file
from .walk import callee_name, parameter_defaults, parent_map, walk


def off_by_default(func, param, off=(False, None)) -> bool:
    """Is `param`'s default in `func` one of the `off` constants?"""
    default = parameter_defaults(func).get(param)
    return type(default) is ast.Constant and default.value in off


def may_turn_on(project, qualname, file, init, param, depth=0) -> bool:
    """May an instance of the class, made in its file or a checked file importing it, get `param` on? A value
    handed down from the __init__ parameter of another project class is followed to that class's instances."""
    if depth > 2:
        return True
    name = qualname.rsplit(".", 1)[-1]
    for other in (file, *[f for f in project.importers(qualname) if f.path != file.path]):
        tree = parsed_file(other.path)
        nodes = walk(tree)
        parents = None
        for call in nodes:
            if type(call) is not ast.Call or callee_name(call) != name or project.qualify(call.func, other) != qualname:
                continue
            if any(k.arg is None for k in call.keywords) or any(type(a) is ast.Starred for a in call.args):
                return True
            value = argument_for(call, init, param)
            if value is None or type(value) is ast.Constant and value.value in (False, None):
                continue
            if type(value) is not ast.Name:
                return True
            parents = parents or parent_map(nodes)
            outer = parents.get(id(call))
            while outer is not None and type(outer) not in (ast.FunctionDef, ast.AsyncFunctionDef):
                outer = parents.get(id(outer))
            holder = parents.get(id(outer)) if outer is not None else None
            if outer is None or outer.name != "__init__" or type(holder) is not ast.ClassDef \
                    or not off_by_default(outer, value.id):
                return True
            holder_name = f"{other.module}.{holder.name}"
            if holder_name not in project.classes or may_turn_on(project, holder_name, other, outer, value.id, depth + 1):
                return True
    return False
