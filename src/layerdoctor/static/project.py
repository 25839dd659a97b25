"""The project index: every class of every checked file, and which of them are Keras layers.

A class is a layer when one of its bases is a Keras layer or model (however it was imported),
or a class of the project that is itself a layer, in this file or another one.
"""

from __future__ import annotations

import ast
import re

from .names import canonical
from .source import ClassSummary, FileSummary

# Canonical (see names.canonical) dotted names that are Keras layer or model classes.
_LAYER_NAME_RE = re.compile(
    r"^(?:keras\.(?:layers|models|engine|legacy\.layers|src\.layers)\.(?:[\w.]*\.)?[A-Z]\w*"
    r"|keras\.(?:Layer|Model|Sequential|Functional|Operation)"
    r"|keras_hub\.(?:layers|models)\.(?:[\w.]*\.)?[A-Z]\w*"
    r"|keras_nlp\.(?:layers|models)\.(?:[\w.]*\.)?[A-Z]\w*"
    r"|keras_cv\.(?:layers|models)\.(?:[\w.]*\.)?[A-Z]\w*"
    r"|tensorflow_addons\.(?:layers|rnn)\.(?:[\w.]*\.)?[A-Z]\w*"
    r")$"
)
# Keras classes under those namespaces that are not layers.
_NOT_LAYERS = {"InputSpec", "Input", "Variable", "KerasTensor", "Node", "Operation", "Functional.from_config"}


def is_keras_layer_name(name: str) -> bool:
    name = canonical(name)
    return bool(_LAYER_NAME_RE.match(name)) and name.rsplit(".", 1)[-1] not in _NOT_LAYERS


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for Name/Attribute chains, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


class Project:
    def __init__(self, files: list[FileSummary]):
        self.files = files
        self.modules: dict[str, FileSummary] = {}
        self.classes: dict[str, tuple[ClassSummary, FileSummary]] = {}
        for file in files:
            self.modules.setdefault(file.module, file)
            for cls in file.classes:
                self.classes.setdefault(canonical(cls.qualname), (cls, file))
        self._layer: dict[str, bool] = {}
        self._subclasses: dict[str, list[str]] | None = None

    # -------------------------------------------------------------- names

    def qualify(self, node: ast.AST, file: FileSummary) -> str | None:
        """The canonical dotted name an expression refers to, following imports and re-exports."""
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        if head in file.aliases:
            full = file.aliases[head] + ("." + rest if rest else "")
        elif f"{file.module}.{head}" in self.classes:
            full = f"{file.module}.{name}"
        else:
            full = name
        return self.resolve(canonical(full))

    def resolve(self, name: str, depth: int = 0) -> str:
        """Follow `from .mod import X` re-exports to where a class is defined."""
        if name in self.classes or depth > 8 or "." not in name:
            return name
        module, _, attr = name.rpartition(".")
        file = self.modules.get(module)
        if file is not None and attr in file.aliases:
            return self.resolve(canonical(file.aliases[attr]), depth + 1)
        return name

    # -------------------------------------------------------------- layers

    def is_layer(self, name: str | None, _depth: int = 0) -> bool:
        if not name:
            return False
        cached = self._layer.get(name)
        if cached is not None:
            return cached
        self._layer[name] = False  # cycles end here
        result = is_keras_layer_name(name)
        if not result and name in self.classes and _depth < 50:
            cls, file = self.classes[name]
            result = any(self.is_layer(self.qualify(base, file), _depth + 1) for base in cls.bases)
        self._layer[name] = result
        return result

    def is_model(self, cls: ClassSummary, file: FileSummary, _depth: int = 0) -> bool:
        for base in cls.bases:
            name = self.qualify(base, file)
            if not name:
                continue
            if re.match(r"^keras\.(?:models\.)?(?:[\w.]*\.)?(?:Model|Sequential|Functional)$", name):
                return True
            if name in self.classes and _depth < 50:
                sub, subfile = self.classes[name]
                if self.is_model(sub, subfile, _depth + 1):
                    return True
        return False

    def subclasses(self, qualname: str) -> list[tuple[ClassSummary, FileSummary]]:
        """Every project class deriving from `qualname`, directly or not."""
        if self._subclasses is None:
            self._subclasses = {}
            for name, (cls, file) in self.classes.items():
                for base in cls.bases:
                    parent = self.qualify(base, file)
                    if parent:
                        self._subclasses.setdefault(parent, []).append(name)
        out, todo, seen = [], [qualname], set()
        while todo:
            for child in self._subclasses.get(todo.pop(), []):
                if child not in seen:
                    seen.add(child)
                    out.append(self.classes[child])
                    todo.append(child)
        return out

    def layer_classes(self):
        for name, (cls, file) in self.classes.items():
            if cls.bases and self.is_layer(name):
                yield cls, file
