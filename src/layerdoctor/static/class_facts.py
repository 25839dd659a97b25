"""Facts about a layer class that need the rest of its file: the file's own functions (a factory
returning a closure) and the places the class is instantiated (what its constructor receives).

Parsed lazily, only when a rule has a candidate: most classes never need the whole file.
"""

from __future__ import annotations

import ast
import os

from .context import bindings
from .source import SourceError, read_source
from .walk import walk

_TREES: dict[tuple, ast.Module] = {}


def parsed_file(path: str) -> ast.Module:
    """The whole file, parsed once per version (empty if it cannot be read)."""
    try:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return ast.Module(body=[], type_ignores=[])
    if key not in _TREES:
        try:
            _TREES[key] = ast.parse(read_source(path))
        except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            _TREES[key] = ast.Module(body=[], type_ignores=[])
    return _TREES[key]


def module_functions(path: str) -> dict[str, ast.FunctionDef]:
    """Top-level functions of the file, by name."""
    return {n.name: n for n in parsed_file(path).body if isinstance(n, ast.FunctionDef)}


def instantiations(path: str, class_name: str):
    """(call, env) for every `ClassName(...)` / `mod.ClassName(...)` in the file, with the name
    bindings of the function (or module) the call is written in."""
    tree = parsed_file(path)
    scopes = [tree] + [n for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    seen = set()
    for scope in scopes:
        nodes = walk(scope) if scope is not tree else [n for stmt in tree.body if not isinstance(
            stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in walk(stmt)]
        env = None
        for node in nodes:
            if not isinstance(node, ast.Call) or id(node) in seen:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name != class_name:
                continue
            seen.add(id(node))
            if env is None:
                env = bindings(nodes)
            yield node, env


def argument_for(call: ast.Call, init: ast.FunctionDef, param: str) -> ast.expr | None:
    """The expression `call` passes for `__init__`'s parameter `param`."""
    for kw in call.keywords:
        if kw.arg == param:
            return kw.value
    positional = [a.arg for a in init.args.posonlyargs + init.args.args][1:]  # without self
    if param in positional:
        index = positional.index(param)
        if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
            return call.args[index]
    return None
