"""What module-level rules see: the scopes of a file parsed whole (functional model code)."""

from __future__ import annotations

import ast
import operator
from typing import Iterator

from .context import Value, bindings, classify
from .project import Project
from .source import FileSummary
from .walk import child_fields, children

_AST = ast.AST
_SCOPE_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_POSITION = operator.attrgetter("lineno", "col_offset")
_FIELDS: dict[type, tuple[tuple[str, ...], bool]] = {}  # node class -> (child fields, has a position)


class ModuleContext:
    def __init__(self, file: FileSummary, project: Project, target: str):
        self.file = file
        self.project = project
        self.target = target
        self.tree = file.tree
        self._scopes: list[tuple[ast.AST, list[ast.AST]]] | None = None
        self._bindings: dict[int, dict[str, list[ast.expr]]] = {}

    def scopes(self) -> list[tuple[ast.AST, list[ast.AST]]]:
        """(scope node, the nodes that belong to it and not to a nested function or class)."""
        if self._scopes is None:
            self._scopes = list(self._walk_scopes())
        return self._scopes

    def _walk_scopes(self) -> Iterator[tuple[ast.AST, list[ast.AST]]]:
        # The nodes of a scope in source order: first those without a position (operators,
        # `arguments`, comprehensions), as found, then the others by (line, column).
        # (children() written out inline: this loop visits every node of the module.)
        todo = [self.tree]
        while todo:
            scope = todo.pop()
            unplaced: list[ast.AST] = []
            placed: list[ast.AST] = []
            stack = children(scope)
            pop, push, extend = stack.pop, stack.append, stack.extend
            while stack:
                node = pop()
                cls = node.__class__
                if cls in _SCOPE_TYPES:
                    todo.append(node)
                    continue
                fields = _FIELDS.get(cls)
                if fields is None:
                    fields = _FIELDS[cls] = (child_fields(cls), "lineno" in cls._attributes)
                (placed if fields[1] else unplaced).append(node)
                for name in fields[0]:
                    value = getattr(node, name, None)
                    if value.__class__ is list:
                        extend([item for item in value if isinstance(item, _AST)])
                    elif isinstance(value, _AST):
                        push(value)
            placed.sort(key=_POSITION)
            yield scope, unplaced + placed

    def bindings_of(self, nodes: list[ast.AST]) -> dict[str, list[ast.expr]]:
        """name_bindings() of a scope's nodes (from scopes()), worked out once: several rules ask."""
        found = self._bindings.get(id(nodes))
        if found is None:
            found = self._bindings[id(nodes)] = bindings(nodes)
        return found

    def qualify(self, node: ast.AST) -> str | None:
        return self.project.qualify(node, self.file)

    def is_project_class(self, qualname: str | None) -> bool:
        """Is `qualname` a class defined in the checked files?"""
        return qualname in self.project.classes

    def value(self, expr: ast.expr, env: dict[str, list[ast.expr]]) -> Value:
        return classify(expr, self.project, self.file, self.target, env)


def name_bindings(nodes: list[ast.AST]) -> dict[str, list[ast.expr]]:
    return bindings(nodes)
