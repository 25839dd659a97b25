"""The project index: every class of every checked file, and which of them are Keras layers.

A class is a layer when one of its bases is a Keras layer or model (however it was imported),
or a class of the project that is itself a layer, in this file or another one.
"""

from __future__ import annotations

import ast
import functools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from .names import canonical
from .source import ClassSummary, FileSummary, SourceError, is_plain_holder, summarize, summarize_class
from .walk import is_dunder, self_attr, walk

# Canonical (see names.canonical) dotted names that are Keras layer or model classes.
_LAYER_NAME_RE = re.compile(
    r"^(?:keras\.(?:layers|models|engine|legacy\.layers|src\.layers)\.(?:[\w.]*\.)?[A-Z]\w*"
    r"|keras\.(?:Layer|Model|Sequential|Functional|Operation)"
    r"|keras\.applications\.(?:[\w.]*\.)?[A-Z]\w*"  # InceptionV3(...), ResNet50(...): functions returning a Model
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


_ROOT_RE = re.compile(r"^keras\.(?:[\w.]*\.)?(?:Layer|Model|Sequential|Functional)$")


@functools.lru_cache(maxsize=65536)
def is_framework_root(name: str) -> bool:
    """Keras's own base classes, when the checked tree is Keras itself: layers, never checked."""
    return bool(_ROOT_RE.match(canonical(name)))


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


@dataclass
class ClassInfo:
    """What other files need to know of a class: small and cheap to send between processes."""

    name: str
    qualname: str
    bases: list[str | None]  # dotted source text of each base (None: not a plain name)
    attr_counts: Counter  # textual `self.<attr>` counts, for rules that look at subclasses
    dynamic_access: bool
    defines_setattr: bool
    holds: list[tuple[str, str]]  # (attr, dotted callee) of `self.attr = Callee(...)` in __init__
    may_have_weights: bool  # its text creates weights or sublayers somewhere
    defines_build: bool = False  # has a build() of its own (weights sized from the input shape)
    line: int = 0  # where its `class` line is, and that line's indent (0: not known): another process
    indent: int = 0  # can summarize the class alone (Project.class_summary)


@dataclass
class FileInfo:
    path: str
    module: str
    aliases: dict[str, str]
    classes: list[ClassInfo] = field(default_factory=list)


def file_info(summary: FileSummary) -> FileInfo:
    classes = []
    for cls in summary.classes:
        holds = []
        methods = cls.load_methods(("__init__",)) if is_plain_holder(cls.bases) else {}
        init = methods.get("__init__")
        if init is not None:
            # (helpers __init__ calls more than once stay in `methods`: factories among them make layers;
            # read only when __init__ stores a value made by one)
            nodes = walk(init)
            factories = _factories(methods) if len(methods) > 1 and any(
                type(n) is ast.Call and self_attr(n.func) in methods for n in nodes) else {}
            for node in nodes:
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                    callee = dotted(node.value.func)
                    if factories and (attr := self_attr(node.value.func)) in factories:
                        callee = factories[attr]
                    for target in node.targets:
                        if callee and isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                                and target.value.id == "self":
                            holds.append((target.attr, callee))
            holds.extend(_held_in_containers(init, factories))
        classes.append(ClassInfo(cls.name, cls.qualname, base_names(cls.bases), cls.self_attr_counts,
                                 cls.dynamic_access, "__setattr__" in cls.method_names, holds,
                                 cls.may_have_weights, "build" in cls.method_names,
                                 *((cls.line, cls.col - 1) if cls._pending is not None else (0, 0))))  # (cut out)
    return FileInfo(summary.path, summary.module, summary.aliases, classes)


def base_names(bases: list[ast.expr]) -> list[str | None]:
    """The dotted name of each base; both choices of a conditional base (`tf.keras.layers.Layer if tf
    else object`: RLlib's way to make TensorFlow optional), so that either can make the class a layer."""
    names = []
    for base in bases:
        if type(base) is ast.IfExp:
            names += [dotted(base.body), dotted(base.orelse)]
        else:
            names.append(dotted(base))
    return names


_FILL_METHODS = ("append", "extend", "insert", "add")


def _filled(node):
    """(container, [value]) for a call that puts a value into a container: `xs.append(v)`, `xs.extend(v)`,
    `xs.insert(i, v)`, `xs.add(v)`; else None."""
    if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in _FILL_METHODS and node.args:
        return node.func.value, node.args[-1:]
    return None


def _held_in_containers(init: ast.FunctionDef, factories) -> list[tuple[str, str]]:
    """(attr, callee) for calls stored into a container attribute of a plain holder:
    `self.xs.append(Dense(...))`, `self.xs = [Dense(...), ...]`, `self.d[k] = Dense(...)`."""
    out = []
    for node in walk(init):
        attr, stored = None, None
        if (filled := _filled(node)) is not None:
            if attr := self_attr(filled[0]):
                stored = filled[1]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(node.value, ast.Call) and not isinstance(target, ast.Subscript):
                    continue  # `self.x = C(...)`: a hold of its own, above
                base = target.value if isinstance(target, ast.Subscript) else target
                if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name) and base.value.id == "self":
                    attr, stored = base.attr, [node.value]
        if attr is None:
            continue
        for value in stored:
            for inner in walk(value):
                if isinstance(inner, ast.Call):
                    callee = dotted(inner.func)
                    if factories and (name := self_attr(inner.func)) in factories:
                        callee = factories[name]
                    if callee:
                        out.append((attr, callee))
    return out


_NOT_SUBLAYER_CALLEES = re.compile(r"(Error|Exception|Warning|Spec|Variable|Initializer|Regularizer|Constraint)$")


# `self.x = Cls(`, `= [Cls(`, `xs.append(Cls(`, `xs += [Cls(`, `{k: Cls(`: something that may store a new layer
_FUNCTION_ASSIGN_RE = re.compile(r"self\.\w+[ \t]*=[ \t]*([a-z_]\w*)\(")
_SUBLAYER_ASSIGN_RE = re.compile(r"(?:=|\.(?:append|extend|insert|add)\(|:)\s*[\[{]?\s*(?:[\w.]*\b[A-Z]\w*|self\.\w+)\(")


def _factories(methods) -> dict[str, str]:
    """Helper methods that only make one class of object: name -> dotted callee, when each return is
    `Cls(...)` of one class (`def _conv(self, f): return layers.Conv2D(f, 3)`: a factory called
    several times, which inline.py leaves in place) and the body builds and calls nothing of self."""
    out = {}
    for name, fn in methods.items():
        if is_dunder(name) or name in ("build", "call") or fn.decorator_list:
            continue
        made = made_class(fn)
        if made is not None:
            out[name] = made
    return out


def made_class(fn) -> str | None:
    """The dotted callee of the one class a function makes and returns (each return `Cls(...)`, or a name bound
    once to it: `model = Sequential(); model.add(...); return model`), when it builds and calls nothing of self;
    else None."""
    returns, callees, bound = 0, set(), {}
    nodes = walk(fn)
    for node in nodes:  # `block = Sequential([...]); return block`: the name's one value
        if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            bound.setdefault(node.targets[0].id, []).append(node.value)
    for node in nodes:
        kind = type(node)
        if kind is ast.Return:
            returns += 1
            value = node.value
            if type(value) is ast.Name and len(bound.get(value.id, ())) == 1:
                value = bound[value.id][0]
            callees.update(_sublayer_callee(value) if type(value) is ast.Call else ("",))
        elif kind is ast.Call and (type(node.func) is ast.Attribute and node.func.attr == "build"
                                   or type(node.func) is ast.Name and node.func.id == "self"):
            callees.add("")
    return callees.pop() if returns and len(callees) == 1 and "" not in callees else None


def _sublayer_callee(value, factories=None, functions=None) -> list[str]:
    """Dotted callees of `Cls(...)` values, `[Cls(...) for ...]`, `[Cls(...), ...]` and dicts of them
    (class-like names); `self.m(...)` of a factory method (see _factories) counts as the class it makes, and
    `f(...)` of a top-level factory function of the file (`functions`: name -> the class it makes) too."""
    if isinstance(value, (ast.ListComp, ast.GeneratorExp)):
        values = [value.elt]
    elif isinstance(value, (ast.List, ast.Tuple)):
        values = value.elts
    elif isinstance(value, ast.DictComp):
        values = [value.value]
    elif isinstance(value, ast.Dict):
        values = value.values
    else:
        values = [value]
    out = []
    for v in values:
        if isinstance(v, ast.Call):
            name = dotted(v.func)
            if factories and (attr := self_attr(v.func)) in factories:
                name = factories[attr]
            elif functions and type(v.func) is ast.Name and v.func.id in functions:
                name = functions[v.func.id]
            last = name.rsplit(".", 1)[-1] if name else ""
            if last[:1].isupper() and not _NOT_SUBLAYER_CALLEES.search(last):
                out.append(name)
    return out


def _stored_sublayers(nodes, factories, functions=None) -> list[tuple[str, list[str]]]:
    """(attr, dotted callees), in line order, for each place a method (`nodes`: its walk) puts new layers
    on self: `self.x = Cls(...)` or a list or dict of them, and containers filled with them
    (`self.xs.append(Cls(...))`, `self.xs[k] = Cls(...)`, `self.xs += [Cls(...)]`), directly or through
    a local name the method uses for nothing else (`convs = []; convs.append(Conv2D(...)); self.convs =
    convs`; a local that is also built, called or passed on is not followed)."""
    events = []  # ((line, column), ("self" | "local", name), callees or the local name the values come from)
    handed = Counter()  # loads of a local name that only move layers around

    def source(value):
        if type(value) is ast.Name:
            handed[value.id] += 1
            return value.id
        return _sublayer_callee(value, factories, functions)

    def put(node, owner, value):
        if attr := self_attr(owner):
            events.append(((node.lineno, node.col_offset), ("self", attr), source(value)))
        elif type(owner) is ast.Name:
            events.append(((node.lineno, node.col_offset), ("local", owner.id), source(value)))
            if type(owner.ctx) is ast.Load:
                handed[owner.id] += 1  # `convs.append(...)`, `convs[k] = ...`

    for node in nodes:
        kind = type(node)
        if kind is ast.Assign:
            for target in node.targets:
                put(node, target.value if type(target) is ast.Subscript else target, node.value)
        elif kind is ast.AugAssign and type(node.op) is ast.Add:
            put(node, node.target, node.value)
        elif (filled := _filled(node)) is not None:
            put(node, filled[0], filled[1][0])
    if not events:
        return []
    loads = Counter(n.id for n in nodes if type(n) is ast.Name and type(n.ctx) is ast.Load)
    local: dict[str, list[str]] = {}
    out = []
    # (walk() order is not line order: sort so a local is filled before it is stored on self)
    for _, (kind, name), callees in sorted(events, key=lambda e: e[0]):
        if type(callees) is str:
            callees = local.get(callees, []) if loads[callees] == handed[callees] else []
        if callees:
            if kind == "self":
                out.append((name, callees))
            else:
                local.setdefault(name, []).extend(callees)
    return out


def _build_leaves(cls, function_class=None) -> tuple[list[tuple[str, str]] | None, list[tuple[str, str]]]:
    """See Project.build_leaves. `function_class(name)`: the class a top-level function of the class's file
    makes and returns (made_class), or None."""
    if not (cls.bases and "call" in cls.method_names):
        return None, []
    text = cls.text()
    functions = {}
    if text is not None and function_class is not None:
        # `self.nn = nn([hidden] * layers)`: a function of the file that returns one class of layer (rlfd's DDPG)
        for name in set(_FUNCTION_ASSIGN_RE.findall(text)):
            if (made := function_class(name)) is not None:
                functions[name] = made
    if not (cls.may_have_weights or functions):
        return None, []
    if text is not None and not functions and not _SUBLAYER_ASSIGN_RE.search(text):
        return [], []  # no `self.x = Cls(...)` / `[Cls(...) ...]` in its text: no sublayer (cheap test first)
    try:
        methods = cls.load_methods()
    except Exception:  # noqa: BLE001 - a method that does not parse: the class checks report it
        return None, []
    init, build = methods.get("__init__"), methods.get("build")
    if "build" in cls.method_names and build is None:
        return None, []
    nodes = {id(func): walk(func) for func in (init, build) if func is not None}
    factories = _factories(methods)
    created: dict[str, str] = {}
    for func in (init, build):
        if func is not None:
            for attr, callees in _stored_sublayers(nodes[id(func)], factories, functions):
                created.setdefault(attr, callees[0])
    if not created:
        return [], []
    done: set[str] = set()
    built: set[str] = set()
    for func in (init, build):
        if func is None:
            continue
        loops: dict[str, set[str]] = {}  # loop variable -> attrs it runs over
        for node in nodes[id(func)]:
            if isinstance(node, (ast.For, ast.comprehension)):
                over = {a for n in walk(node.iter) if (a := self_attr(n))}
                for t in walk(node.target):
                    if isinstance(t, ast.Name):
                        loops.setdefault(t.id, set()).update(over)
        for node in nodes[id(func)]:
            if type(node) is not ast.Call:
                continue
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr == "build":
                receiver = f.value.value if isinstance(f.value, ast.Subscript) else f.value
                attr = self_attr(receiver)
                if attr:
                    built.add(attr)
                elif isinstance(receiver, ast.Name) and receiver.id in loops:
                    built.update(loops[receiver.id])
                elif isinstance(receiver, ast.Name) and receiver.id == "self" or \
                        isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
                    continue
                else:
                    return None, []  # builds something it holds in another way
                continue
            if func is build:
                attr = self_attr(f)
                if attr is not None and attr not in ("add_weight", "add_variable", "add_loss") and attr not in factories:
                    if attr in created:
                        done.add(attr)  # called in build(): built
                    else:
                        return None, []  # a helper that may build or call anything
                elif isinstance(f, ast.Name) and (f.id == "self" or f.id in loops):
                    done.update(loops.get(f.id, ()))
                    if f.id == "self":
                        return None, []
                elif isinstance(f, ast.Subscript) and self_attr(f.value) in created:
                    done.add(self_attr(f.value))
    # Used outside __init__/build (by call() or a helper): more `self.attr` in the class's text
    # than in those two methods. (An unused sublayer is LD005's other finding.)
    here = Counter(a for func in (init, build) if func is not None for n in nodes[id(func)] if (a := self_attr(n)))
    leaves = [(a, c) for a, c in created.items()
              if a not in built and a not in done and cls.self_attr_counts.get(a, 0) > here[a]]
    builds = [(a, c) for a, c in created.items() if a in built]
    return leaves, builds


class Project:
    """The index over every checked file. Two files with the same module name (scripts in two
    folders) both stay in it: the second one's classes are keyed by its path."""

    def __init__(self, files: list[FileInfo], summaries: list[FileSummary] = (),
                 texts: Mapping[str, str] | None = None):
        """`summaries`: the parsed files this process holds (the others are parsed again if a
        rule needs their methods); `texts`: sources not read from disk (stdin)."""
        self.files = files
        self._summaries = {summary.path: summary for summary in summaries}
        self._alone: dict[str, ClassSummary | None] = {}  # qualname -> the class summarized alone (class_summary)
        self._texts = texts or {}
        self._build_leaves: dict[str, tuple] = {}
        self._kept: dict[str, set[str] | None] = {}
        self.modules: dict[str, FileInfo] = {}
        self.classes: dict[str, tuple[ClassInfo, FileInfo]] = {}
        self._key_module: dict[str, str] = {}
        for file in files:
            module = file.module if file.module not in self.modules else f"{file.module}@{file.path}"
            self.modules[module] = file
            self._key_module[file.path] = module
            for cls in file.classes:
                self.classes.setdefault(module + cls.qualname[len(file.module):], (cls, file))
        self._layer: dict[str, bool] = {}
        self._subclasses: dict[str, list[str]] | None = None
        self._importers: dict[str, list[FileInfo]] | None = None
        # (path, module, id(aliases)) -> (aliases, {dotted name: qualified}): qualify_name once per file and
        # name (the index and the files' aliases do not change once built; the aliases are held so their id stays theirs)
        self._qualified: dict[tuple, tuple[dict, dict[str, str]]] = {}

    def key_of(self, cls_qualname: str, path: str) -> str:
        """The index key of a class, given its summary qualname and file."""
        module = self._key_module.get(path)
        if module is None:
            return cls_qualname
        return module + cls_qualname[len(self.modules[module].module):]

    # -------------------------------------------------------------- names

    def qualify(self, node: ast.AST, file) -> str | None:
        """The canonical dotted name an expression refers to, following imports and re-exports."""
        name = dotted(node)
        return self.qualify_name(name, file) if name else None

    def qualify_name(self, name: str, file) -> str:
        key = (file.path, file.module, id(file.aliases))
        held = self._qualified.get(key)
        if held is None or held[0] is not file.aliases:
            held = self._qualified[key] = (file.aliases, {})
        found = held[1].get(name)
        if found is None:
            found = held[1][name] = self._qualify_name(name, file)
        return found

    def _qualify_name(self, name: str, file) -> str:
        head, _, rest = name.partition(".")
        module = self._key_module.get(file.path, file.module)
        if head in file.aliases:
            full = file.aliases[head] + ("." + rest if rest else "")
        elif f"{module}.{head}" in self.classes:
            full = f"{module}.{name}"
        else:
            full = self._from_star_import(name, file) or name
        return self.resolve(full)

    def _from_star_import(self, name: str, file) -> str | None:
        """`Layer` after `from tensorflow.keras.layers import *` (held-out 35's LayerScale), or a class of a
        project module imported with `*`; None when no star import names it."""
        if "*" not in file.aliases or not name[:1].isupper():
            return None
        for module in file.aliases["*"].split():
            found = self.resolve(f"{module}.{name}")
            if found in self.classes or is_keras_layer_name(found) or is_framework_root(found):
                return found
        return None

    def resolve(self, name: str, depth: int = 0) -> str:
        """Where a name is defined: a project class (following `from .mod import X` re-exports),
        else the canonical spelling of an outside name (see names.canonical)."""
        if name in self.classes:
            return name
        if depth < 8 and "." in name:
            module, _, attr = name.rpartition(".")
            file = self.modules.get(module)
            if file is not None and attr in file.aliases:
                return self.resolve(file.aliases[attr], depth + 1)
        return canonical(name)

    def build_leaves(self, name: str, function_class=None) -> tuple[list[tuple[str, str]] | None, list[tuple[str, str]]]:
        """What an explicit `instance.build(shape)` of the project class `name` leaves unbuilt
        (Keras 3 runs no call() there): (attr, dotted callee) of sublayers created in __init__/build()
        and neither built nor called by build(), None when that cannot be told (no call(), build()
        calls other methods); and (attr, dotted callee) of the sublayers build() builds with
        `.build(...)`, whose own leaves count. Worked out on first request: only LD005's explicit
        builds ask, for a handful of classes, and it needs the class's methods parsed.
        `function_class(file, function)`: the class a top-level function of a file makes and returns, or None
        (LD005 passes it; a sublayer such a function makes counts as that class)."""
        if name not in self._build_leaves:
            cls = self.class_summary(name)
            file = self.classes[name][1] if cls is not None else None
            made_by = (lambda function: function_class(file, function)) if function_class is not None else None
            self._build_leaves[name] = _build_leaves(cls, made_by) if cls is not None else (None, [])
        return self._build_leaves[name]

    def kept_arguments(self, name: str) -> set[str] | None:
        """The constructor parameters a plain project class keeps on its instances (`self.head =
        head`), `{"*"}` for a record whose `__init__` is generated (a dataclass or attrs class: no
        `__init__`, no bases), None when the class is not a plain holder. Worked out on request: only
        LD011 asks, when a layer's constructor hands a new layer to such a class."""
        if name not in self._kept:
            cls = self.class_summary(name)
            self._kept[name] = _kept_arguments(cls) if cls is not None and is_plain_holder(cls.bases) else None
        return self._kept[name]

    def class_methods(self, name: str) -> dict[str, ast.FunctionDef] | None:
        """The methods of the project class `name` as rules read them (load_methods: single-use helpers
        inlined), None when it has no summary or a method does not parse."""
        summary = self.class_summary(name)
        try:
            return summary.load_methods() if summary is not None else None
        except Exception:  # noqa: BLE001 - a method that does not parse: the class checks report it
            return None

    def class_summary(self, name: str) -> ClassSummary | None:
        """The parsed summary of the project class `name` (its methods load on request); None for a
        name that is no class of the project (a chain of bases may end in `object`)."""
        if name not in self.classes:
            return None
        info, file = self.classes[name]
        if file.path not in self._summaries and info.line:
            # (a class of a file another process summarized: this one alone, not the whole file again)
            if name not in self._alone:
                self._alone[name] = summarize_class(file.path, self._texts.get(file.path), info.qualname,
                                                    info.line, info.indent)
            if self._alone[name] is not None:
                return self._alone[name]
        summary = self._summary(file.path)
        return next((c for c in summary.classes if c.qualname == info.qualname), None) if summary else None

    def _summary(self, path: str) -> FileSummary | None:
        """The summary of a checked file: this process's own, or the file parsed again (another
        worker process parsed it)."""
        if path not in self._summaries:
            try:
                self._summaries[path] = summarize(path, self._texts.get(path))
            except (SourceError, RecursionError):
                self._summaries[path] = None
        return self._summaries[path]

    def bases_of(self, name: str) -> list[str]:
        cls, file = self.classes[name]
        return [self.qualify_name(base, file) for base in cls.bases if base]

    # -------------------------------------------------------------- layers

    def is_layer(self, name: str | None, _depth: int = 0) -> bool:
        if not name:
            return False
        cached = self._layer.get(name)
        if cached is not None:
            return cached
        self._layer[name] = False  # cycles end here
        if name in self.classes:
            # Keras's own source defines its roots (Layer, Model); other classes go by their bases.
            result = is_framework_root(name) or (_depth < 50 and any(
                self.is_layer(base, _depth + 1) for base in self.bases_of(name)))
        else:
            result = is_keras_layer_name(name)
        self._layer[name] = result
        return result

    def has_weights(self, name: str) -> bool:
        """False only for a project layer that (with its project bases) creates no state:
        making one per call loses nothing. Outside classes: see STATELESS_LAYERS in context."""
        if name not in self.classes:
            return True
        for ancestor in [name] + self.user_ancestors(name):
            if ancestor in self.classes:
                if self.classes[ancestor][0].may_have_weights:
                    return True
            elif is_keras_layer_name(ancestor):
                return True  # a subclass of Dense, Conv2D, ...
        return False

    def user_ancestors(self, name: str) -> list[str]:
        """Bases of `name`, transitively, up to (not into) Keras's own Layer/Model."""
        out, todo = [], [name]
        while todo and len(out) < 200:
            current = todo.pop()
            if current not in self.classes:
                continue
            for base in self.bases_of(current):
                if base not in out and not is_framework_root(base):
                    out.append(base)
                    todo.append(base)
        return out

    def ancestors(self, name: str) -> list[str]:
        """Every base of `name`, transitively: project classes and outside names alike."""
        out, todo = [], [name]
        while todo and len(out) < 200:
            current = todo.pop()
            if current in self.classes:
                for base in self.bases_of(current):
                    if base not in out:
                        out.append(base)
                        todo.append(base)
        return out

    def sized_by_input(self, name: str) -> bool:
        """Does the project layer `name` (or a project base) define build(): weights sized by the input?"""
        return any(self.classes[a][0].defines_build for a in [name] + self.user_ancestors(name) if a in self.classes)

    def is_model(self, name: str) -> bool:
        return any(_MODEL_RE.match(base) for base in self.ancestors(name))

    def importers(self, qualname: str) -> list[FileInfo]:
        """The checked files that import the name `qualname` (a class, a function) from its module."""
        if self._importers is None:
            self._importers = {}
            for file in self.files:
                for alias, imported in file.aliases.items():
                    for name in imported.split() if alias == "*" else (imported,):
                        self._importers.setdefault(name, []).append(file)
        found = self._importers.get(qualname, [])
        module = qualname.rpartition(".")[0]
        starred = [f for f in self._importers.get(module, ()) if module in f.aliases.get("*", "").split()
                   and f not in found]  # `from pkg.layers import *`
        return found + starred if starred else found

    def subclasses(self, qualname: str) -> list[ClassInfo]:
        """Every project class deriving from `qualname`, directly or not."""
        if self._subclasses is None:
            self._subclasses = {}
            for name in self.classes:
                for parent in self.bases_of(name):
                    self._subclasses.setdefault(parent, []).append(name)
        out, todo, seen = [], [qualname], set()
        while todo:
            for child in self._subclasses.get(todo.pop(), []):
                if child not in seen:
                    seen.add(child)
                    out.append(self.classes[child][0])
                    todo.append(child)
        return out


_MODEL_RE = re.compile(r"^keras\.(?:models\.)?(?:[\w.]*\.)?(?:Model|Sequential|Functional)$")


def _kept_arguments(cls) -> set[str]:
    """Parameters of `cls.__init__` stored on the instance, alone or in a list, tuple or dict."""
    if "__init__" not in cls.method_names:
        return set() if cls.bases else {"*"}  # no bases and no __init__: a dataclass-made __init__
    init = cls.load_methods(("__init__",)).get("__init__")
    if init is None:
        return set()
    params = {a.arg for a in init.args.posonlyargs + init.args.args + init.args.kwonlyargs}
    kept = set()
    for node in walk(init):
        if isinstance(node, ast.Assign) and any(self_attr(t) for t in node.targets):
            value = node.value
            parts = value.elts if isinstance(value, (ast.List, ast.Tuple)) else \
                value.values if isinstance(value, ast.Dict) else [value]
            kept.update(part.id for part in parts if isinstance(part, ast.Name) and part.id in params)
        elif type(node) is ast.For and (spread := _spread_onto_self(node)):
            if spread in params:
                kept.add(spread)
            elif init.args.kwarg is not None and spread == init.args.kwarg.arg:
                kept.add("*")
    return kept


def _spread_onto_self(loop: ast.For) -> str | None:
    """`for key, value in attributes.items(): setattr(self, key, value)` (an attribute-dict class, kerasGPT's
    DynamicDict, held-out 40): the name of the dict whose items become the instance's attributes, else None."""
    it = loop.iter
    if not (type(it) is ast.Call and type(it.func) is ast.Attribute and it.func.attr == "items"
            and type(it.func.value) is ast.Name and type(loop.target) is ast.Tuple and len(loop.target.elts) == 2):
        return None
    value = loop.target.elts[1]
    for stmt in loop.body:
        call = stmt.value if type(stmt) is ast.Expr else None
        if type(call) is ast.Call and type(call.func) is ast.Name and call.func.id == "setattr" \
                and len(call.args) == 3 and type(call.args[0]) is ast.Name and call.args[0].id == "self" \
                and type(call.args[2]) is ast.Name and type(value) is ast.Name and call.args[2].id == value.id:
            return it.func.value.id
    return None
