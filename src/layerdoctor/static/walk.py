"""A faster ast.walk: no generators, and no Load/Store/Del context leaves (rules read `.ctx`
from the node that has it, never walk into it). Order is not ast.walk's; no caller relies on it."""

from __future__ import annotations

import ast

_AST = ast.AST


def walk(node: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    todo = [node]
    pop, push, extend, add = todo.pop, todo.append, todo.extend, out.append
    while todo:
        current = pop()
        add(current)
        for name in current._fields:
            if name == "ctx":
                continue
            value = getattr(current, name, None)
            if value.__class__ is list:
                extend([item for item in value if isinstance(item, _AST)])
            elif isinstance(value, _AST):
                push(value)
    return out


def children(node: ast.AST) -> list[ast.AST]:
    """The direct child nodes (as ast.iter_child_nodes, without context leaves)."""
    out: list[ast.AST] = []
    for name in node._fields:
        if name == "ctx":
            continue
        value = getattr(node, name, None)
        if value.__class__ is list:
            out.extend(item for item in value if isinstance(item, _AST))
        elif isinstance(value, _AST):
            out.append(value)
    return out


def self_attr(node: ast.AST) -> str | None:
    """`attr` for the expression `self.attr` (exact node types: the rules call it on every node)."""
    if type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == "self":
        return node.attr
    return None
