"""Facts about a layer class that need the rest of its file: the file's own functions (a factory
returning a closure) and the places the class is instantiated (what its constructor receives).

Parsed lazily, only when a rule has a candidate: most classes never need the whole file.
"""

from __future__ import annotations

import ast
import os
import re

from .context import bindings
from .source import SourceError, read_source
from .walk import children

_TREES: dict[tuple, ast.Module] = {}


def parsed_file(path: str) -> ast.Module:
    """The whole file, parsed once per version (empty if it cannot be read)."""
    try:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return ast.Module(body=[], type_ignores=[])
    if key not in _TREES:
        _TREES.clear()  # one file at a time: rules ask about the file of the class they check
        try:
            _TREES[key] = ast.parse(read_source(path))
        except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            _TREES[key] = ast.Module(body=[], type_ignores=[])
    return _TREES[key]


def module_tree(file) -> ast.Module:
    """The file's module-level code: the tree the summary already holds (classes blanked out), or
    the whole file parsed now."""
    return file.tree if file.tree is not None else parsed_file(file.path)


_TOP_DEFS: dict[tuple, set] = {}
_TOP_DEF_RE = re.compile(r"^(?:async[ \t]+)?def[ \t]+(\w+)", re.M)


def top_level_defs(file) -> set[str]:
    """Names of the file's top-level functions, from its text (once per file, on demand)."""
    try:
        stat = os.stat(file.path)
        key = (file.path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return set()
    if key not in _TOP_DEFS:
        # The text the summary was cut from, when a class still holds it (for lazy method loading).
        pending = next((cls._pending for cls in file.classes if cls._pending is not None), None)
        try:
            text = pending[0].text if pending is not None else read_source(file.path)
            _TOP_DEFS[key] = set(_TOP_DEF_RE.findall(text))
        except SourceError:
            _TOP_DEFS[key] = set()
    return _TOP_DEFS[key]


def module_functions(file, name: str) -> ast.FunctionDef | None:
    """The top-level function `name` of the file, parsed only if the file defines one by that name."""
    if name in file.aliases or name not in top_level_defs(file):
        return None
    for node in module_tree(file).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None


_CALLS: dict[int, tuple] = {}


def instantiations(file, class_name: str):
    """(call, env) for every `ClassName(...)` / `mod.ClassName(...)` in the file's module-level code
    and functions, with the name bindings of the function (or module) the call is written in."""
    tree = module_tree(file)
    index = _CALLS.get(id(file))
    if index is None or index[0] is not tree:
        index = (tree, _index_calls(tree))
        _CALLS.clear()  # one file at a time: rules of a class ask about its own file
        _CALLS[id(file)] = index
    envs = {}
    for call, scope, nodes in index[1].get(class_name, ()):
        if id(scope) not in envs:
            envs[id(scope)] = bindings(nodes())
        yield call, envs[id(scope)]


def _index_calls(tree):
    """Capitalised callee name -> [(call, scope, nodes of the scope)], in one walk of the module."""
    out: dict[str, list] = {}
    todo = [(tree, [s for s in tree.body])]
    while todo:
        scope, stack = todo.pop()
        own = []
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and node is not scope:
                if not isinstance(node, ast.Lambda):
                    todo.append((node, list(node.body)))
                    continue
            if isinstance(node, ast.ClassDef):
                continue
            own.append(node)
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name[:1].isupper():
                    out.setdefault(name, []).append((node, scope, own))
            stack.extend(children(node))
    return {name: [(call, scope, (lambda own=own: own)) for call, scope, own in calls] for name, calls in out.items()}


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
