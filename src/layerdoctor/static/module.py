"""What module-level rules see: the scopes of a file parsed whole (functional model code)."""

from __future__ import annotations

import ast
from typing import Iterator

from .context import Value, bindings, classify
from .project import Project
from .source import FileSummary
from .walk import children


class ModuleContext:
    def __init__(self, file: FileSummary, project: Project, target: str):
        self.file = file
        self.project = project
        self.target = target
        self.tree = file.tree
        self._scopes: list[tuple[ast.AST, list[ast.AST]]] | None = None

    def scopes(self) -> list[tuple[ast.AST, list[ast.AST]]]:
        """(scope node, the nodes that belong to it and not to a nested function or class)."""
        if self._scopes is None:
            self._scopes = list(self._walk_scopes())
        return self._scopes

    def _walk_scopes(self) -> Iterator[tuple[ast.AST, list[ast.AST]]]:
        todo = [self.tree]
        while todo:
            scope = todo.pop()
            own: list[ast.AST] = []
            stack = children(scope)
            while stack:
                node = stack.pop()
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    todo.append(node)
                    continue
                own.append(node)
                stack.extend(children(node))
            own.sort(key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)))
            yield scope, own

    def qualify(self, node: ast.AST) -> str | None:
        return self.project.qualify(node, self.file)

    def is_project_class(self, qualname: str | None) -> bool:
        """Is `qualname` a class defined in the checked files?"""
        return qualname in self.project.classes

    def value(self, expr: ast.expr, env: dict[str, list[ast.expr]]) -> Value:
        return classify(expr, self.project, self.file, self.target, env)


def name_bindings(nodes: list[ast.AST]) -> dict[str, list[ast.expr]]:
    return bindings(nodes)
