"""What rules see of one layer class: its methods by phase, and what each value is.

A rule asks questions such as "which attributes does build() assign, and is the value a
variable, a layer or a raw tensor?"; this module answers them from the AST, resolving names
through the file's imports and the project index.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from ..finding import TF_KERAS
from .inline import is_lazy_test as _is_lazy_test
from .project import Project
from .source import ClassSummary, FileSummary
from .walk import own_nodes, self_attr, walk  # self_attr: re-exported for the rules

# What a value is, as far as weight tracking goes.
LAYER = "layer"
WEIGHT = "weight"  # a variable Keras tracks (add_weight, keras.Variable; tf.Variable on tf.keras 2)
FOREIGN = "foreign"  # a backend-native variable Keras 3 does not track
TENSOR = "tensor"  # a raw tensor or array
OTHER = "other"

_ADD_WEIGHT_METHODS = {"add_weight", "add_variable"}
_KERAS_VARIABLES = {"keras.Variable", "keras.variables.Variable", "keras.backend.Variable",
                    "keras.backend.common.variables.Variable"}
_TF_VARIABLES = {"tensorflow.Variable", "tensorflow.compat.v1.Variable", "tensorflow.compat.v2.Variable",
                 # the legacy backend's variable() (`tf.keras.backend.variable`; names are canonical, so
                 # `keras.backend...`): a plain tf.Variable on Keras 3 (measured on 3.15.1), tracked on tf.keras 2
                 "keras.backend.variable", "keras.src.legacy.backend.variable", "keras.legacy.backend.variable"}
_TORCH_PARAMETERS = {"torch.nn.Parameter", "torch.nn.parameter.Parameter"}

_TENSOR_MODULES = ("tensorflow.", "numpy.", "keras.ops.", "keras.random.", "keras.backend.", "torch.",
                   "jax.numpy.", "jax.random.")
_TENSOR_FUNCS = {
    "zeros", "ones", "zeros_like", "ones_like", "full", "fill", "eye", "constant", "convert_to_tensor",
    "array", "asarray", "empty", "normal", "uniform", "truncated_normal", "randn", "rand", "random_normal",
    "random_uniform", "tensor", "identity", "full_like", "stateless_normal", "stateless_uniform",
    "standard_normal", "random", "random_sample", "glorot_uniform", "xavier_uniform",
}
# (`keras.backend.random_normal`, tf 1's `tf.random_uniform`: draws named without a `random.` module)
_NAMES_RANDOM = re.compile(r"(^|\.)random\.|\.(randn|rand|normal|uniform|truncated_normal)$|"
                           r"\.random_(normal|uniform|bernoulli|binomial|gamma|poisson)$")
WEIGHT_NAME_RE = re.compile(
    r"^_?(w|b|W|B|kernel|bias|weights?|gamma|beta|scale|shift|alpha|embeddings?|emb|"
    r"\w*_(kernel|bias|weight|weights|w|b|scale|shift|gamma|beta|embedding)|"
    r"(kernel|bias|weight|w|b)_?\d*|theta|params?|lambda_?|coef\w*|centers?|prototypes?)$"
)


def weight_named(name: str, siblings=()) -> bool:
    """Does `name` read as a weight's (WEIGHT_NAME_RE)? Not `anchors_w` when a sibling attribute is
    `anchors_h`: a width and height pair (a YOLO layer's anchor sizes), not a weight `w`."""
    if not WEIGHT_NAME_RE.match(name):
        return False
    stem, _, last = name.rpartition("_")
    return not (last == "w" and stem and f"{stem}_h" in siblings)


# Layers that own no weights: creating one per call wastes time but loses nothing.
STATELESS_LAYERS = {
    "Activation", "ReLU", "LeakyReLU", "PReLU_", "ELU", "Softmax", "Dropout", "SpatialDropout1D",
    "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "Flatten",
    "Reshape", "Permute", "RepeatVector", "Lambda", "Add", "Subtract", "Multiply", "Average", "Maximum",
    "Minimum", "Concatenate", "Dot", "Cropping1D", "Cropping2D", "Cropping3D", "ZeroPadding1D",
    "ZeroPadding2D", "ZeroPadding3D", "UpSampling1D", "UpSampling2D", "UpSampling3D", "MaxPooling1D",
    "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
    "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
    "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D",
    "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalMaxPool1D",
    "GlobalMaxPool2D", "Masking", "Identity", "InputLayer", "Rescaling", "Resizing", "CenterCrop",
    "ActivityRegularization", "UnitNormalization", "Cropping", "Softmax",
}


@dataclass(frozen=True)
class Value:
    kind: str
    qualname: str | None = None  # what was called, e.g. "tensorflow.random.normal"
    random: bool = False
    backend: str | None = None  # for FOREIGN: "tensorflow" | "torch" | "jax"
    layer_class: str | None = None  # for LAYER: the class's last name


@dataclass
class SelfAssign:
    attr: str
    value: ast.expr
    stmt: ast.stmt
    method: str


def bindings(nodes) -> dict[str, list[ast.expr]]:
    """Name -> every value bound to it by `=`, `x: T = ...` or `:=` among `nodes` (flow-insensitive).
    The one definition, for class methods and functional code alike."""
    env: dict[str, list[ast.expr]] = {}
    for node in nodes:
        kind = type(node)  # exact types: cheaper than isinstance on every node of a module
        if kind is _ASSIGN:
            for target in node.targets:
                if type(target) is _NAME:
                    env.setdefault(target.id, []).append(node.value)
                elif type(target) is _TUPLE and type(node.value) is _TUPLE and len(target.elts) == len(node.value.elts):
                    for item, value in zip(target.elts, node.value.elts):  # `a, b = A(), B()`
                        if type(item) is _NAME:
                            env.setdefault(item.id, []).append(value)
        elif (kind is _ANN_ASSIGN or kind is _NAMED_EXPR) and node.value is not None:
            if type(node.target) is _NAME:
                env.setdefault(node.target.id, []).append(node.value)
    return env


_ASSIGN, _ANN_ASSIGN, _NAMED_EXPR, _NAME, _RETURN = ast.Assign, ast.AnnAssign, ast.NamedExpr, ast.Name, ast.Return
_TUPLE = ast.Tuple


def _unpacked_self_assigns(target, value, stmt, method) -> list[SelfAssign]:
    """`self.a, self.b = x, y` pairs up; `self.a, self.b = make(...)` gives `make(...)[0]`,
    `make(...)[1]` (a rule that follows helpers can read the returned tuple)."""
    if any(type(item) is ast.Starred for item in target.elts):
        return []
    if type(value) in (ast.Tuple, ast.List) and len(value.elts) == len(target.elts):
        parts = value.elts
    elif type(value) is ast.Call:
        parts = [ast.copy_location(ast.Subscript(value=value, slice=ast.Constant(i), ctx=ast.Load()), value)
                 for i in range(len(target.elts))]
    else:
        return []
    return [SelfAssign(attr, part, stmt, method)
            for item, part in zip(target.elts, parts) if (attr := self_attr(item))]


_FILE_WORDS: dict[tuple, bool] = {}  # (path, text length, word) -> mentioned (ClassContext.file_mentions)


class ClassContext:
    def __init__(self, cls: ClassSummary, file: FileSummary, project: Project, target: str):
        self.cls = cls
        self.file = file
        self.project = project
        self.target = target
        self.name = cls.name
        self.line = cls.line  # the `class` line: where a finding about the whole class points
        self.methods = cls.load_methods()  # (single-use helpers inlined: static/inline.py)
        self.qualname = project.key_of(cls.qualname, file.path)
        self.is_model = project.is_model(self.qualname)
        self.defines_setattr = any(
            project.classes[a][0].defines_setattr for a in project.user_ancestors(self.qualname)
            if a in project.classes
        ) or "__setattr__" in cls.method_names
        self._nodes: dict[str, list[ast.AST]] = {}
        self._by_kind: dict[str, dict[type, list[ast.AST]]] = {}
        calls = {name: _self_method_calls(node, self.nodes_of(name, _CALL), self.nodes_of(name, _IF))
                 for name, node in self.methods.items()}
        self.phase_methods = {
            entry: _reachable(entry, calls, self.methods) for entry in ("__init__", "build", "call")
        }
        self._methods_of: dict[tuple[str, ...], list[tuple[str, ast.FunctionDef]]] = {}
        self._envs: dict[int, dict[str, list[ast.expr]]] = {}
        self._assigns: dict[str, list[SelfAssign]] = {}
        self._assigns_by_attr: dict[tuple[str, ...], dict[str, list[SelfAssign]]] = {}
        self._other_stores: dict[str, list[ast.Assign]] = {}  # method -> `a.b.attr = ...` (not on self itself)
        self._stores: Counter | None = None
        self._values: dict[int, tuple[ast.expr, Value]] = {}
        self._made_by: dict[str, Value | None] = {}

    # -------------------------------------------------------------- phases

    def methods_of(self, *phases: str) -> list[tuple[str, ast.FunctionDef]]:
        found = self._methods_of.get(phases)  # (the rules ask ~30 times a class, for a few phase tuples)
        if found is None:
            names: list[str] = []
            for phase in phases:
                for name in self.phase_methods.get(phase, ()):
                    if name not in names:
                        names.append(name)
            found = self._methods_of[phases] = [(name, self.methods[name]) for name in names]
        return list(found)

    def only_phase(self, phase: str) -> list[tuple[str, ast.FunctionDef]]:
        """Methods reached from `phase` and from no other entry point."""
        others = set()
        for other, names in self.phase_methods.items():
            if other != phase:
                others |= names
        return [(n, self.methods[n]) for n in self.phase_methods.get(phase, ()) if n not in others or n == phase]

    def in_phase(self, method: str, phase: str) -> bool:
        """Is `method` `phase` itself or a helper reached from it (`call` -> `self._project()`)?"""
        return method in self.phase_methods.get(phase, ())

    def has_method(self, name: str) -> bool:
        """Does the class define `name` (parsed or not)?"""
        return name in self.cls.method_names

    # -------------------------------------------------------------- text facts

    def file_mentions(self, word: str) -> bool:
        """Does the class's file mention `word` anywhere in its text (True when the text is not held)?
        Once per file and word: a cheap gate for checks that cost on every class."""
        text = self.cls.file_text()
        if text is None:
            return True
        key = (self.file.path, len(text), word)
        if key not in _FILE_WORDS:
            if len(_FILE_WORDS) > 512:
                _FILE_WORDS.clear()
            _FILE_WORDS[key] = word in text
        return _FILE_WORDS[key]

    def mentions(self, attr: str) -> int:
        """How many times `self.<attr>` appears in the class's text (reads and stores, outside comments)."""
        return self.cls.self_attr_counts.get(attr, 0)

    # -------------------------------------------------------------- the project

    def has_weights(self, qualname: str) -> bool:
        """Does the layer class `qualname` (Keras's or the project's) create weights?"""
        return self.project.has_weights(qualname)

    def is_project_class(self, qualname: str | None) -> bool:
        """Is `qualname` a class defined in the checked files?"""
        return qualname in self.project.classes

    def plain_class(self, qualname: str):
        """(summary, file) of a project class that is not a layer (a plain holder), else None."""
        if qualname in self.project.classes and not self.project.is_layer(qualname):
            return self.project.classes[qualname]
        return None

    def classify_in(self, expr: ast.expr, file: FileSummary | None = None) -> "Value":
        """What `expr` makes, read as if written at module level of `file` (default: this class's file)."""
        return classify(expr, self.project, file or self.file, self.target)

    @property
    def module_assigns(self) -> dict:
        """Top-level `NAME = ...` statements of the class's file."""
        return self.file.module_assigns

    # -------------------------------------------------------------- statements

    def self_assigns(self, phases: tuple[str, ...]) -> Iterator[SelfAssign]:
        for method, _ in self.methods_of(*phases):
            yield from self.assigns_in(method)

    def assigns_by_attr(self, *phases: str) -> dict[str, list[SelfAssign]]:
        """attr -> its stores (`self.attr = ...`) in the methods of `phases`, in self_assigns' order (once per
        phases: several rules ask)."""
        grouped = self._assigns_by_attr.get(phases)
        if grouped is None:
            grouped = self._assigns_by_attr[phases] = {}
            for assign in self.self_assigns(phases):
                grouped.setdefault(assign.attr, []).append(assign)
        return grouped

    def assigns_in(self, method: str) -> list[SelfAssign]:
        if method not in self._assigns:
            found, others = [], []
            for stmt in (*self.nodes_of(method, ast.Assign), *self.nodes_of(method, ast.AnnAssign)):
                if type(stmt) is ast.Assign:
                    targets, value = stmt.targets, stmt.value
                elif stmt.value is not None:
                    targets, value = [stmt.target], stmt.value
                else:
                    continue
                for target in targets:
                    attr = self_attr(target)
                    if attr:
                        found.append(SelfAssign(attr, value, stmt, method))
                    elif type(target) in (ast.Tuple, ast.List):
                        found += _unpacked_self_assigns(target, value, stmt, method)
                    elif type(target) is ast.Attribute:
                        others.append(stmt)
            found.sort(key=lambda a: a.stmt.lineno)
            self._assigns[method] = found
            self._other_stores[method] = others
        return self._assigns[method]

    def other_attribute_stores(self, method: str) -> list[ast.Assign]:
        """The assignments of `method` that store an attribute of another object (`block.fn.q = ...`,
        `self.encoder.embedding = ...`), found in the same pass as assigns_in()."""
        self.assigns_in(method)
        return self._other_stores[method]

    def nodes(self, method: str) -> list[ast.AST]:
        """Every node of a method, walked once."""
        if method not in self._nodes:
            self._nodes[method] = walk(self.methods[method])
        return self._nodes[method]

    def nodes_of(self, method: str, kind: type) -> list[ast.AST]:
        """The nodes of a method of exactly one class (`ast.Call`, `ast.Assign`...), in nodes() order; do not change
        the list. Most checks look for one kind of node: sorted once per method, they do not run through all the
        others again (each pass over a method's nodes touches every node: the rules made ~20 of them)."""
        index = self._by_kind.get(method)
        if index is None:
            index = self._by_kind[method] = {}
            for node in self.nodes(method):
                found = index.get(node.__class__)
                if found is None:
                    index[node.__class__] = [node]
                else:
                    found.append(node)
        return index.get(kind, _NONE)

    def stored_twice(self) -> set[str]:
        """The attributes the parsed methods store to more than once (`=`, `+=`, `for self.x in`...)."""
        self.stores_of("")
        return {attr for attr, count in self._stores.items() if count > 1}

    def stores_of(self, attr: str) -> int:
        """How many `self.<attr>` stores the parsed methods hold (to compare with textual counts)."""
        if self._stores is None:
            self._stores = Counter()
            for method in self.methods:
                for node in self.nodes_of(method, ast.Attribute):
                    if isinstance(node.ctx, ast.Store):
                        name = self_attr(node)
                        if name:
                            self._stores[name] += 1
        return self._stores[attr]

    def is_unused(self, attr: str) -> bool:
        """No `self.<attr>` anywhere in the class or its subclasses but the stores themselves."""
        if self.cls.dynamic_access:
            return False
        if self.mentions(attr) > self.stores_of(attr):
            return False
        for sub in self.project.subclasses(self.qualname):
            if sub.attr_counts.get(attr, 0) or sub.dynamic_access:
                return False
        return True

    # -------------------------------------------------------------- values

    def qualify(self, node: ast.AST) -> str | None:
        return self.project.qualify(node, self.file)

    def env(self, func: ast.FunctionDef) -> dict[str, list[ast.expr]]:
        """Local name -> every value assigned to it in `func` (a flow-insensitive view)."""
        key = id(func)
        if key not in self._envs:
            if self.methods.get(func.name) is not func:
                self._envs[key] = bindings(walk(func))
            elif self.nodes_of(func.name, _ANN_ASSIGN) or self.nodes_of(func.name, _NAMED_EXPR):
                self._envs[key] = bindings(self.nodes(func.name))  # (their bindings keep the walk's order)
            else:
                self._envs[key] = bindings(self.nodes_of(func.name, _ASSIGN))  # most methods: `=` alone binds
        return self._envs[key]

    def value(self, expr: ast.expr, env: dict[str, list[ast.expr]] | None = None) -> Value:
        """What `expr` makes (a layer, a weight, a tensor...), its names read through `env`
        (`self.env(method)` for an expression of a method). Same signature as ModuleContext.value."""
        found = self._values.get(id(expr))
        if found is None or found[0] is not expr:  # (held with its node: a freed node's id is reused)
            found = self._values[id(expr)] = (expr, classify(expr, self.project, self.file, self.target, env or {},
                                                             made_by=self.made_by))
        return found[1]

    def made_by(self, method: str) -> Value | None:
        """What a call `self.<method>(...)` gives, read from the method's return statements: a layer
        when every return makes a layer of one class (`def _conv(self, f): return layers.Conv2D(f, 3)`,
        a factory called several times, so not inlined), else None. Read once per method."""
        if method in self._made_by:
            return self._made_by[method]
        self._made_by[method] = None  # while reading: a helper that calls itself gives nothing known
        fn = self.methods.get(method) or self.cls.methods.get(method)
        found = None
        # (a decorated helper may cache its result: the same layer on every call, not a new one)
        if fn is not None and not any(type(d) is not _NAME or d.id not in ("staticmethod", "classmethod")
                                      for d in fn.decorator_list):
            returns = []
            for node in self.nodes(method) if self.methods.get(method) is fn else own_nodes(fn.body):
                kind = type(node)
                if kind is _RETURN:
                    returns.append(node.value)
                elif kind is ast.Yield or kind is ast.YieldFrom:
                    returns.append(None)  # a generator: gives no layer
            # (cheap test first: a layer is made by a call, or named; most helpers return tensor expressions)
            if returns and all(type(r) is _CALL or type(r) is _NAME for r in returns):
                env = self.env(fn)
                values = {self.value(expr, env) for expr in returns}
                if len(values) == 1 and next(iter(values)).kind == LAYER:
                    found = values.pop()
        self._made_by[method] = found
        return found


def classify(expr: ast.expr, project: Project, file: FileSummary, target: str,
             env: dict[str, list[ast.expr]] | None = None, _depth: int = 0, made_by=None) -> Value:
    """What `expr` creates: a layer, a tracked weight, a foreign variable, a raw tensor, or other.
    `made_by(name)`: what `self.name(...)` gives, or None (ClassContext.made_by), for code in a class."""
    env = env or {}
    if _depth > 6:
        return Value(OTHER)
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
            if func.attr in _ADD_WEIGHT_METHODS:
                return Value(WEIGHT, f"self.{func.attr}")
            made = made_by(func.attr) if made_by is not None else None
            return made if made is not None else Value(OTHER)
        name = project.qualify(func, file)
        if name is None:
            return Value(OTHER)
        if name in _KERAS_VARIABLES:
            return Value(WEIGHT, name)
        if name in _TF_VARIABLES:
            if target == TF_KERAS:
                return Value(WEIGHT, name)
            return Value(FOREIGN, name, backend="tensorflow")
        if name in _TORCH_PARAMETERS:
            return Value(FOREIGN, name, backend="torch")
        if name.startswith(("jax.numpy.", "jax.random.")) and name.rsplit(".", 1)[-1] in _TENSOR_FUNCS | {"normal", "uniform", "truncated_normal"}:
            return Value(FOREIGN, name, random=bool(_NAMES_RANDOM.search(name)), backend="jax")
        if name.startswith(_TENSOR_MODULES):
            last = name.rsplit(".", 1)[-1]
            is_random = bool(_NAMES_RANDOM.search(name))
            if last in _TENSOR_FUNCS or (is_random and last[:1].islower() and "seed" not in last.lower()
                                         and last not in {"SeedGenerator", "Generator", "set_seed"}):
                return Value(TENSOR, name, random=is_random)
            return Value(OTHER, name)
        if project.is_layer(name):
            return Value(LAYER, name, layer_class=name.rsplit(".", 1)[-1])
        return Value(OTHER, name)
    if isinstance(expr, ast.BinOp):
        # `tf.random.normal(...) * 0.05` is still a raw tensor; `add_weight(...) * 2` is not a weight.
        for side in (expr.left, expr.right):
            inner = classify(side, project, file, target, env, _depth + 1, made_by)
            if inner.kind in (TENSOR, FOREIGN):
                return inner
        return Value(OTHER)
    if isinstance(expr, ast.Name) and expr.id in env and len(env[expr.id]) == 1:
        return classify(env[expr.id][0], project, file, target, env, _depth + 1, made_by)
    return Value(OTHER)


_IF = ast.If


def lazily_guarded_lines(func: ast.FunctionDef, nodes=None) -> set[int]:
    """Lines inside `if self.x is None:` / `if not self.built:` blocks: they run once, not per call."""
    lines: set[int] = set()
    for node in nodes if nodes is not None else walk(func):
        if type(node) is _IF and _is_lazy_test(node.test):
            first = node.body[0].lineno
            last = node.body[-1].end_lineno or first
            lines.update(range(first, last + 1))
    return lines


def _self_method_calls(func: ast.FunctionDef, calls, ifs) -> set[str]:
    """Methods `func` calls through self (`calls`: its Call nodes), except lazily, once (see lazily_guarded_lines;
    `ifs`: its If nodes)."""
    self_calls = [node for node in calls if self_attr(node.func)]
    if not self_calls:
        return set()  # most methods call no other method: skip looking for guards
    guarded = lazily_guarded_lines(func, ifs)
    return {self_attr(node.func) for node in self_calls if node.lineno not in guarded}


_CALL = ast.Call
_NONE: list = []  # (nodes_of() for a kind a method does not hold: shared, never changed)


def _reachable(entry: str, calls: dict[str, set[str]], methods: dict) -> set[str]:
    if entry not in methods:
        return set()
    seen, todo = {entry}, [entry]
    while todo:
        for callee in calls.get(todo.pop(), ()):
            if callee in methods and callee not in seen and callee not in ("__init__", "build", "call"):
                seen.add(callee)
                todo.append(callee)
    return seen
