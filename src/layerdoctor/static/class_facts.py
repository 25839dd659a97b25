"""Facts about a layer class that need the rest of its file: the file's own functions (a factory
returning a closure) and the places the class is instantiated (what its constructor receives).

Parsed lazily, only when a rule has a candidate: most classes never need the whole file.
"""

from __future__ import annotations

import ast
import builtins
import os
import re
from dataclasses import dataclass

from .context import LAYER, bindings, classify, lazily_guarded_lines
from .facts import created_state
from .names import canonical
from .project import is_keras_layer_name
from .source import SourceError, read_source
from .walk import children, self_attr, walk

_TREES: dict[tuple, ast.Module] = {}  # the last few files parsed whole, oldest first
_TREES_KEPT = 8  # a checked file's classes ask about it and the few files importing them, in turn


# The weights Keras 3 keeps behind a read-only property (weight name -> layer classes; measured on 3.15):
# storing on them raises AttributeError "property ... has no setter" (LD001 in build(), LD010 in call()).
READ_ONLY_WEIGHTS = {"kernel": {"Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D",
                                "Convolution3D"},
                     "embeddings": {"Embedding", "ReversibleEmbedding"}}

# Trainable weights Keras's own layers make in their build() (LD009: a subclass whose call() never runs the
# base's reads them alone; LD001: a subclass that stores an array there instead).
BASE_WEIGHTS = {
    **dict.fromkeys(("Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D",
                     "Convolution3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
                     "Convolution2DTranspose", "Convolution3DTranspose"), ("kernel", "bias")),
    **dict.fromkeys(("DepthwiseConv1D", "DepthwiseConv2D"), ("depthwise_kernel", "bias")),
    **dict.fromkeys(("SeparableConv1D", "SeparableConv2D", "SeparableConvolution1D", "SeparableConvolution2D"),
                    ("depthwise_kernel", "pointwise_kernel", "bias")),
    "Embedding": ("embeddings",),
    **dict.fromkeys(("LayerNormalization", "BatchNormalization", "GroupNormalization"), ("gamma", "beta")),
    "PReLU": ("alpha",),
}
BASE_WEIGHT_NAMES = {name for names in BASE_WEIGHTS.values() for name in names}


def keras_base_layer(ctx):
    """(last name of the Keras layer class the class derives from, the project classes in between)."""
    between = []
    for ancestor in ctx.project.user_ancestors(ctx.qualname):
        if ancestor in ctx.project.classes:
            between.append(ctx.project.classes[ancestor][0])
        elif is_keras_layer_name(ancestor):
            return ancestor.rsplit(".", 1)[-1], between
    return None, between


def parsed_file(path: str) -> ast.Module:
    """The whole file, parsed once per version (empty if it cannot be read)."""
    try:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return ast.Module(body=[], type_ignores=[])
    tree = _TREES.pop(key, None)
    if tree is None:
        if len(_TREES) >= _TREES_KEPT:
            del _TREES[next(iter(_TREES))]
        try:
            tree = ast.parse(read_source(path))
        except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            tree = ast.Module(body=[], type_ignores=[])
    _TREES[key] = tree  # (now the newest)
    return tree


def module_tree(file) -> ast.Module:
    """The file's module-level code: the tree the summary already holds (classes blanked out), or
    the whole file parsed now."""
    tree = getattr(file, "tree", None)  # (a FileInfo of another checked file holds none)
    return tree if tree is not None else parsed_file(file.path)


_DEFS: dict[tuple, tuple[set, set, dict, str]] = {}
_DEF_RE = re.compile(r"def[ \t]+(\w+)")


def _defs(file) -> tuple[set[str], set[str], dict[str, list[int]], str]:
    """(names of the file's top-level functions, names of every def in it, the lines of the calls of
    each name asked about so far, the text), from its text, once per file."""
    try:
        stat = os.stat(file.path)
        key = (file.path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return set(), set(), {}, file_text(file)
    if key not in _DEFS:
        text = file_text(file)
        top, every = set(), set()
        for m in _DEF_RE.finditer(text):  # (a pattern that starts with a literal: 10x faster than `^\s*def`)
            prefix = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            if prefix.strip(" \t") in ("", "async"):
                every.add(m.group(1))
                if not prefix[:1].isspace():
                    top.add(m.group(1))
        _DEFS[key] = (top, every, {}, text)
    return _DEFS[key]


def file_text(file) -> str:
    """The file's whole text: the one its summary was cut from when a class still holds it (for lazy method
    loading), else read now ("" if it cannot be read)."""
    pending = next((p for cls in file.classes if (p := getattr(cls, "_pending", None)) is not None), None)
    try:
        return pending[0].text if pending is not None else read_source(file.path)
    except SourceError:
        return ""


def text_call_lines(file, name: str) -> list[int]:
    """The lines where the file's text calls `name(...)`, any name (`make_model(`, `builder.make_model (`):
    a line twice when it calls twice; not the `class Name(` or `def name(` that defines it (a class's own
    file is then parsed for its instances only when the text makes one). Once per file and name."""
    _, _, lines_by_name, text = _defs(file)
    lines = lines_by_name.get(name)
    if lines is None:
        lines, line, at = [], 1, 0
        # (the name first, then a test of the character before it: a pattern starting with a literal is
        # searched far faster than one starting with \b)
        for m in re.finditer(re.escape(name) + r"\s*\(", text):
            start = m.start()
            before = text[start - 1] if start else " "
            if before.isalnum() or before == "_":
                continue
            if before in " \t" and text[text.rfind("\n", 0, start) + 1:start].split() in _DEFINING:
                continue
            line += text.count("\n", at, start)
            at = start
            lines.append(line)
        lines_by_name[name] = lines
    return lines


_DEFINING = (["class"], ["def"], ["async", "def"])


def calls_by_name(file, name: str) -> bool:
    """May the file's text call the capitalised `name(...)`? False means it surely does not: no need to
    parse it. (Searched name by name: a pattern for every capitalised call cost more than all the
    searches rules make.)"""
    return "A" <= name.lstrip("_")[:1] <= "Z" and bool(text_call_lines(file, name))  # (`_Private(` too)


def call_lines(file, name: str) -> list[int]:
    """The lines where the file's text calls the capitalised `name(...)` (the name's line)."""
    return text_call_lines(file, name) if "A" <= name.lstrip("_")[:1] <= "Z" else []


def top_level_defs(file) -> set[str]:
    """Names of the file's top-level functions, from its text (once per file, on demand)."""
    return _defs(file)[0]


def module_functions(file, name: str) -> ast.FunctionDef | None:
    """The top-level function `name` of the file, parsed only if the file defines one by that name."""
    if name in file.aliases or name not in top_level_defs(file):
        return None
    tree = getattr(file, "tree", None)
    if tree is None:  # (no module tree at hand: the function's block, cut from the text and parsed alone)
        found = _top_function(file, name, top_level=True)
        if found is not _UNCUT:
            return found
        tree = module_tree(file)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None


_UNCUT = object()  # a block that did not parse alone: the whole file is read instead


_DEFAULT_BUILD_ROOT = re.compile(r"^keras\.(?:[\w.]*\.)?(?:Layer|Model)$")


def default_build(project, key) -> bool:
    """Does the layer class `key` run Keras's default build(): no build() of its own, of a project base, or
    of a Keras base other than Layer/Model? Keras 3 then builds it by tracing its call() in a scratch graph."""
    return project.is_layer(key) and key in project.classes and not project.classes[key][0].defines_build and \
        not any(project.classes[a][0].defines_build if a in project.classes else not _DEFAULT_BUILD_ROOT.match(canonical(a))
                for a in project.ancestors(key))


def file_function(file, ref) -> ast.FunctionDef | None:
    """The function of the file a reference names: `helper` (a top-level def) or `Builder.helper` (a
    method of a plain top-level class, the way a builder's static methods are called)."""
    if type(ref) is ast.Name:
        return module_functions(file, ref.id)
    if type(ref) is not ast.Attribute or type(ref.value) is not ast.Name or ref.value.id in file.aliases \
            or not any(cls.name == ref.value.id for cls in file.classes) or ref.attr not in _defs(file)[1]:
        return None  # (the cheap tests first: `layer.call(x)` must not parse the file)
    for node in module_tree(file).body:
        if type(node) is ast.ClassDef and node.name == ref.value.id:
            return next((item for item in node.body if type(item) is ast.FunctionDef and item.name == ref.attr), None)
    return None


_CALLS: dict[int, tuple] = {}


def instantiations(file, class_name: str):
    """(call, env) for every `ClassName(...)` / `mod.ClassName(...)` in the file's module-level code
    and functions, with the name bindings of the function (or module) the call is written in."""
    if not calls_by_name(file, class_name):
        return  # (the text never calls it: the file is not parsed)
    tree = module_tree(file)
    index = _CALLS.get(id(tree))
    if index is None or index[0] is not tree:
        if len(_CALLS) >= _TREES_KEPT:
            del _CALLS[next(iter(_CALLS))]
        index = _CALLS[id(tree)] = (tree, _index_calls(tree))  # (the tree is kept: its id stays its own)
    envs = {}
    for call, scope, nodes in index[1].get(class_name, ()):
        if id(scope) not in envs:
            envs[id(scope)] = bindings(nodes())
        yield call, envs[id(scope)]


def importing_files(ctx) -> list:
    """The other checked files that import the class of `ctx` (layers in one module, model code in another)."""
    return [file for file in ctx.project.importers(ctx.qualname) if file.path != ctx.file.path]


def construction_sites(ctx):
    """(call, env, where: "line 12" or "main.py line 12") for every `Cls(...)` of the class of `ctx`: in
    its own file, then in the checked files that import it (under whatever name they import it)."""
    for file, call, env in _sites_by_file(ctx):
        yield call, env, (f"line {call.lineno}" if file is ctx.file
                          else f"{os.path.basename(file.path)} line {call.lineno}")


def _sites_by_file(ctx):
    """(file, call, env) for every `Cls(...)` of the class of `ctx`, its own file first."""
    for call, env in instantiations(ctx.file, ctx.name):
        yield ctx.file, call, env
    for file in importing_files(ctx):
        for name in sorted({alias for alias, qualname in file.aliases.items() if qualname == ctx.qualname}):
            for call, env in instantiations(file, name):
                yield file, call, env


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
                if all(type(base) is ast.Name and base.id == "object" for base in node.bases):
                    # a builder: its methods are functions that may make layers
                    todo.extend((item, list(item.body)) for item in node.body if type(item) is ast.FunctionDef)
                continue
            own.append(node)
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name.lstrip("_")[:1].isupper():
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


def handed_in_layer(ctx, assign):
    """The layer Value a call site passes for the __init__ parameter that `self.<attr> = <param>` stores
    (`Wrapper(GRUCell(8))`, `cell = NormCell(4); Wrapper(cell=cell)`), read at the class's construction
    sites in its file and in the checked files importing it; the first layer with weights found, else
    None. Rules ask only for a class that already shows their pattern: reading sites parses the file."""
    init, param = _stored_parameter(ctx, assign)
    if param is None:
        return None
    for file, arg, env in handed_in_calls(ctx, init, param):
        value = classify(arg, ctx.project, file, ctx.target, env)
        if value.kind == LAYER and ctx.has_weights(value.qualname):
            return value
    return None


def _stored_parameter(ctx, assign):
    """(__init__, the parameter of __init__) that `self.<attr> = <param>` stores, in __init__ or a helper it runs
    (`self._init_body(encoder, ...)` passes the same names on); else (__init__ or None, None)."""
    init = ctx.methods.get("__init__")
    if init is None or type(assign.value) is not ast.Name or not ctx.in_phase(assign.method, "__init__") or \
            assign.value.id not in init_parameters(init):
        return init, None
    return init, assign.value.id


def init_parameters(init: ast.FunctionDef) -> set[str]:
    """The names __init__ takes (without self)."""
    args = init.args
    return {a.arg for a in (args.posonlyargs + args.args)[1:] + args.kwonlyargs}


def handed_in_calls(ctx, init: ast.FunctionDef, param: str):
    """(file, call, env) for each construction site of the class of `ctx` that passes a constructor call for
    `__init__`'s parameter `param`: `Wrapper(GRUCell(8))`, or through a name bound once, `cell = NormCell(4);
    Wrapper(cell=cell)`. Reading the sites parses the files that make the class."""
    for file, call, env in _sites_by_file(ctx):
        arg = argument_for(call, init, param)
        if type(arg) is ast.Name and len(env.get(arg.id, ())) == 1:
            arg = env[arg.id][0]
        if type(arg) is ast.Call:
            yield file, arg, env


def handed_in_listed_layer(ctx, assign):
    """handed_in_layer() for a list of layers: the first layer with weights inside the list (or list of lists,
    through names bound once) that a construction site passes for the parameter `self.<attr> = <param>` stores
    (graph2tensor's `MessagePassing([convs, convs, convs])`, held-out 42), else None."""
    init, param = _stored_parameter(ctx, assign)
    if param is None:
        return None
    for file, call, env in _sites_by_file(ctx):
        value = listed_layer(ctx, argument_for(call, init, param), env, file)
        if value is not None:
            return value
    return None


def listed_layer(ctx, expr, env, file=None, depth=0):
    """The first layer with weights an expression lists: `[Dense(4), Dense(2)]`, `[Dense(4) for _ in range(n)]`,
    a list of such lists, or a name bound once to one of them; else None."""
    if type(expr) is ast.Name and len(env.get(expr.id, ())) == 1 and depth < 3:
        return listed_layer(ctx, env[expr.id][0], env, file, depth + 1)
    items = expr.elts if type(expr) in (ast.List, ast.Tuple) else [expr.elt] if type(expr) is ast.ListComp else []
    for item in items:
        if type(item) is ast.Call:
            value = classify(item, ctx.project, file or ctx.file, ctx.target, env)
            if value.kind == LAYER and ctx.has_weights(value.qualname):
                return value
        elif depth < 3:
            value = listed_layer(ctx, item, env, file, depth + 1)
            if value is not None:
                return value
    return None


# ---------------------------------------------------------------- state made by project helpers
# call() may run a function of the project (`block(x)`, `blocks.head(x)`) or a method of a plain
# (non-Layer) project object (`self.tcn(x)`, `Helper(3)(x)`): whatever layer or variable those make
# is made again on every call. HelperReader follows such calls a few levels down.

_HELPER_DEPTH = 3  # call() -> helper -> helper -> helper
_HELPER_BUDGET = 24  # bodies read for one layer class
_BUILTINS = frozenset(dir(builtins))
_CACHING_DECORATORS = re.compile(r"cache|memo", re.I)
_FOREIGN_FUNCS: dict[str, dict[str, ast.FunctionDef]] = {}
_WRAPPERS = {"RNN", "Bidirectional", "TimeDistributed"}
_WEIGHTLESS_BASES = {"keras.layers.AbstractRNNCell", "keras.layers.Layer", "keras.Layer"}


@dataclass
class Made:
    """Something a helper makes when it runs: `what` at `line` of `path`, in the function `inside`;
    `param`: the helper's parameter that decides whether it is made (a dropout rate), if any."""

    what: str
    line: int
    path: str
    inside: str
    param: str | None = None
    kind: str = "layer"  # or "variable", "random" (what `extra` names)


class HelperReader:
    """Reads the project helpers one layer class's call() runs. `extra(value, call)` may name more
    things that count (Keras 3's random layers): (what, the name its rate is read from) or None."""

    def __init__(self, ctx, extra=None):
        self.ctx = ctx
        self.project = ctx.project
        self.extra = extra
        self._memo: dict[int, tuple] = {}
        self._read = 0
        self._held: dict[str, str | None] | None = None
        self._params: dict[int, set[str]] = {}  # call()'s methods (the class holds them) -> their parameters

    # ------------------------------------------------------------ from call()

    def made_by(self, call: ast.Call, func: ast.FunctionDef, env: dict,
                qualname: str | None) -> tuple[str, list[Made]] | None:
        """(what call() runs, what it makes) for a call in `func` (call() or a method it uses), or None.
        `qualname`: the callee's qualified name (ClassContext.value(call).qualname), when it has one."""
        params = self._params.get(id(func))
        if params is None:
            params = self._params[id(func)] = _params(func)
        bodies = self._targets(call, self.ctx.file, env, None, params, qualname)
        out, labels = [], []
        for label, body in bodies:
            made = self._bind(call, body, self._scan(body, 1))
            if made:
                labels.append(label)
                out.extend(made)
        return (" and ".join(labels), out) if out else None

    # ------------------------------------------------------------ what a call runs

    def _targets(self, call, file, env, owner, params, qualname=None):
        """[(label, (fn, file, owner class or None))] for the project bodies `call` runs."""
        func = call.func
        kind = type(func)
        if kind is ast.Name:
            name = func.id
            if name in params:
                return []  # a function handed in: not one we can read
            if name in env:
                values = env[name]
                if len(values) == 1 and type(values[0]) is ast.Call:  # `helper = Helper(3)`, then `helper(x)`
                    return self._method(self._plain_class(values[0].func, file), "__call__")
                return []
            if name in _BUILTINS and name not in file.aliases:
                return []
            return self._named(name, file, qualname)
        if kind is ast.Call:  # `Helper(3)(x)`
            return self._method(self._plain_class(func.func, file), "__call__")
        if kind is not ast.Attribute:
            return []
        receiver = func.value
        if type(receiver) is ast.Name:
            if receiver.id == "self":
                if owner is None:  # the layer's own methods are read as call()'s; its held objects here
                    return self._method(self._held_by_layer(func.attr), "__call__")
                if func.attr in self._methods_of(owner):
                    return self._method(owner, func.attr)
                return self._method(self._held_by_plain(owner, func.attr), "__call__")
            if receiver.id in params:
                return []
            if receiver.id in env:
                values = env[receiver.id]
                if len(values) == 1 and type(values[0]) is ast.Call:  # `b = Builder(4)`, then `b.apply(x)`
                    return self._method(self._plain_class(values[0].func, file), func.attr)
                return []
            if receiver.id in file.aliases:  # `blocks.head(x)`
                full = qualname if qualname is not None else self.project.qualify(func, file)
                return self._imported(full) if full else []
            # `Builder.block(x)`: a method of a plain class, called on the class (a static method)
            return [(label, (fn, where, None if _is_static(fn) else cls))
                    for label, (fn, where, cls) in self._method(self._plain_class(receiver, file), func.attr)]
        attr = self_attr(receiver)
        if attr is not None:  # `self.builder.apply(x)`
            held = self._held_by_layer(attr) if owner is None else self._held_by_plain(owner, attr)
            if held is None and owner is None:
                held = self._handed_in_plain(attr, func.attr)
            return self._method(held, func.attr)
        if type(receiver) is ast.Call:  # `Builder(4).apply(x)`
            return self._method(self._plain_class(receiver.func, file), func.attr)
        return []

    def _named(self, name, file, qualname):
        full = qualname if qualname is not None else self.project.qualify_name(name, file)
        if full in self.project.classes:
            return self._method(self._plain_class_name(full), "__init__")  # a plain object made here
        if name in file.aliases:
            return self._imported(full)
        fn = _top_function(file, name)
        return [(f"{name}()", (fn, file, None))] if fn is not None else []

    def _imported(self, full):
        """A function of another project file (`from .blocks import conv_block`, `blocks.head`)."""
        if full in self.project.classes:
            return self._method(self._plain_class_name(full), "__init__")
        fn, file = imported_function(self.project, full, self.ctx.file)
        return [(f"{full.rpartition('.')[2]}()", (fn, file, None))] if fn is not None else []

    def _plain_class(self, expr, file):
        full = self.project.qualify(expr, file)
        return self._plain_class_name(full) if full else None

    def _plain_class_name(self, full):
        return full if full in self.project.classes and not self.project.is_layer(full) else None

    def _methods_of(self, owner):
        summary = self._summary(owner)
        return summary.method_names if summary is not None else set()

    def _file(self, info):
        """The summary of the layer's own file for its FileInfo (its functions are parsed once)."""
        return self.ctx.file if info.path == self.ctx.file.path else info

    def _summary(self, owner):
        try:
            return self.project.class_summary(owner)
        except KeyError:
            return None

    def _method(self, owner, name):
        if owner is None:
            return []
        summary = self._summary(owner)
        if summary is None or name not in summary.method_names:
            return []
        try:
            fn = summary.load_methods((name,)).get(name)
        except SourceError:
            return []
        if fn is None:
            return []
        return [(f"{summary.name}.{name}()", (fn, self._file(self.project.classes[owner][1]), owner))]

    def _held_by_layer(self, attr):
        """The plain project class of `self.<attr> = Cls(...)` in the layer's __init__, if one."""
        if self._held is None:
            self._held = {}
            ctx = self.ctx
            for assign in ctx.self_assigns(("__init__",)):
                value = assign.value
                cls = self._plain_class(value.func, ctx.file) if type(value) is ast.Call else None
                self._held[assign.attr] = cls if self._held.get(assign.attr, cls) == cls else None
        return self._held.get(attr)

    def _handed_in_plain(self, attr, method):
        """The plain project class whose instance the call sites hand to __init__ for `self.<attr> = <param>`
        (`FilterConvolution(GaussianFilter(fs))`, then `self.filter_type.get_kernel(w)` in call()), when all
        sites that pass one agree. Only asked for `self.<attr>.<method>(...)` with `def <method>(` in the
        layer's file: reading the sites parses the files that make the layer."""
        ctx = self.ctx
        init = ctx.methods.get("__init__")
        text = ctx.cls.file_text()
        if init is None or text is None or f"def {method}(" not in text:
            return None
        params = init_parameters(init)
        stored = [a.value.id for a in ctx.self_assigns(("__init__",))
                  if a.attr == attr and type(a.value) is ast.Name and a.value.id in params]
        if len(stored) != 1:
            return None
        found = {self._plain_class(arg.func, file) for file, arg, _ in handed_in_calls(ctx, init, stored[0])}
        return found.pop() if len(found) == 1 else None

    def _held_by_plain(self, owner, attr):
        info, file = self.project.classes[owner]
        found = {self._plain_class_name(self.project.qualify_name(callee, file)) for a, callee in info.holds if a == attr}
        return found.pop() if len(found) == 1 else None

    # ------------------------------------------------------------ what a body makes

    def _scan(self, body, depth) -> list[Made]:
        fn, file, owner = body
        key = id(fn)
        found = self._memo.get(key)
        if found is not None and found[0] is fn:
            return found[1]
        self._memo[key] = (fn, [])  # a helper that calls itself: nothing more
        if self._read >= _HELPER_BUDGET or any(_CACHING_DECORATORS.search(ast.unparse(d)) for d in fn.decorator_list):
            return []
        self._read += 1
        nodes = walk(fn)
        env = bindings(nodes)
        once = _once_lines(fn, nodes)
        inside = f"{fn.name}()" if owner is None else f"{self.project.classes[owner][0].name}.{fn.name}()"
        params = _params(fn)
        reader = _InFile(self.project, file, self.ctx.target)
        made, seen = [], set()
        for node, what in created_state(reader, fn, env, nodes):
            seen.add(node.lineno)
            value = reader.value(node, env)
            if node.lineno not in once and not (value.kind == LAYER and self._weightless(node, value, reader, env)):
                made.append(Made(what, node.lineno, file.path, inside, kind="layer" if value.kind == LAYER else "variable"))
        for node in nodes:
            if type(node) is not ast.Call or node.lineno in once:
                continue
            if self.extra is not None and node.lineno not in seen:
                extra = self.extra(reader.value(node, env), node)
                if extra is not None:
                    what, rate = extra
                    if rate is None or rate in params:  # a rate read from elsewhere may be 0: not counted
                        made.append(Made(what, node.lineno, file.path, inside, rate, "random"))
                    continue
            if depth < _HELPER_DEPTH:
                for _, inner in self._targets(node, file, env, owner, params):
                    made.extend(self._bind(node, inner, self._scan(inner, depth + 1), params))
        self._memo[key] = (fn, made)
        return made

    def _weightless(self, node, value, reader, env) -> bool:
        """A project layer whose text makes no state and whose Keras bases own none (an RNN cell that
        only computes), or an `RNN(...)`/`Bidirectional(...)` wrapping one (measured: no variables)."""
        if value.layer_class in _WRAPPERS:
            inner = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in ("cell", "layer")), None)
            inner_value = reader.value(inner, env) if inner is not None else None
            return inner_value is not None and inner_value.kind == LAYER and self._weightless_class(inner_value.qualname)
        return self._weightless_class(value.qualname)

    def _weightless_class(self, name) -> bool:
        project = self.project
        if name not in project.classes:
            return False
        for ancestor in [name] + project.user_ancestors(name):
            if ancestor in project.classes:
                if project.classes[ancestor][0].may_have_weights:
                    return False
            elif canonical(ancestor) not in _WEIGHTLESS_BASES:
                return False
        return True

    @staticmethod
    def _bind(call, body, made, params=()):
        """`made` as this call makes it: a random layer whose rate is the helper's parameter counts when
        the call passes a rate that is not 0, or its own parameter (then that one decides, up the chain)."""
        if not any(m.param for m in made):
            return made
        fn = body[0]
        out = []
        for m in made:
            if m.param is None:
                out.append(m)
                continue
            arg = argument_for(call, fn, m.param) if body[2] is not None else _argument(call, fn, m.param)
            if type(arg) is ast.Constant and arg.value not in (0, 0.0, None, False):
                out.append(Made(m.what, m.line, m.path, m.inside, None, m.kind))
            elif type(arg) is ast.Name and arg.id in params:
                out.append(Made(m.what, m.line, m.path, m.inside, arg.id, m.kind))
        return out


def _is_static(fn) -> bool:
    return any(type(d) is ast.Name and d.id == "staticmethod" for d in fn.decorator_list)


def _params(fn) -> set[str]:
    args = fn.args
    out = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    if args.vararg:
        out.add(args.vararg.arg)
    if args.kwarg:
        out.add(args.kwarg.arg)
    return out


def _argument(call, fn, param):
    """The expression `call` passes for the function `fn`'s parameter `param` (its default if none)."""
    for kw in call.keywords:
        if kw.arg == param:
            return kw.value
    positional = [a.arg for a in fn.args.posonlyargs + fn.args.args]
    if param in positional:
        index = positional.index(param)
        if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
            return call.args[index]
        defaults = fn.args.defaults
        first = len(positional) - len(defaults)
        if index >= first and not call.keywords and not any(isinstance(a, ast.Starred) for a in call.args):
            return defaults[index - first]
    return None


def imported_function(project, full: str, own_file) -> tuple[ast.FunctionDef | None, object]:
    """(the top-level def, its file) that a qualified name of another project file names
    (`defs.gpt2_backbone` for `from defs import gpt2_backbone`), else (None, None)."""
    module, _, name = full.rpartition(".")
    info = project.modules.get(module)
    if info is None:
        return None, None
    file = own_file if info.path == own_file.path else info
    return _top_function(file, name), file


class _InFile:
    """What created_state needs to read a helper's calls in the helper's own file."""

    def __init__(self, project, file, target):
        self.project, self.file, self.target = project, file, target

    def value(self, expr, env=None):
        return classify(expr, self.project, self.file, self.target, env)


def _once_lines(fn, nodes) -> set[int]:
    """Lines that run once, not on every call: under `if self.x is None:` (lazily_guarded_lines) or
    `if key not in self.cache:`."""
    lines = lazily_guarded_lines(fn, nodes)
    for node in nodes:
        if type(node) is ast.If and any(type(n) is ast.Compare and any(type(op) is ast.NotIn for op in n.ops)
                                        for n in walk(node.test)):
            lines.update(range(node.body[0].lineno, (node.body[-1].end_lineno or node.body[0].lineno) + 1))
    return lines


def _top_function(file, name: str, top_level: bool = False):
    """The top-level function `name` of a project file, parsed alone (its block cut from the text:
    a whole file costs far more) and kept for the run; None if the file defines none (`top_level`: see
    _cut_function)."""
    try:
        stat = os.stat(file.path)
        key = (file.path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (file.path, None, None)
    functions = _FUNCTIONS.get(key)
    if functions is None:
        if len(_FUNCTIONS) > 64:
            _FUNCTIONS.clear()
        functions = _FUNCTIONS[key] = {}
    if (name, top_level) not in functions:
        functions[name, top_level] = _cut_function(file, name, top_level)
    return functions[name, top_level]


_FUNCTIONS: dict[tuple, dict[tuple[str, bool], object]] = {}
_DEF_AT = re.compile(r"(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(")
_TOP_LEVEL_LINE = re.compile(r"\n(?=[^ \t\r\n#)\]}])")


def _cut_function(file, name: str, top_level: bool = False):
    """The function `name` cut from the file's text and parsed alone (the first `def name` indented less than 8,
    or with `top_level` at column 0: then _UNCUT when its block does not parse alone); None if there is none."""
    text = _defs(file)[3]  # (read once per file, not once per function)
    needle, pos, m = "def " + name, -1, None
    while m is None:  # (str.find, then a fixed pattern: no regex compiled per name)
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
        line_start = text.rfind("\n", 0, pos) + 1
        if pos - line_start < 8 and (not top_level or text[line_start] not in " \t"):
            m = _DEF_AT.match(text, line_start)
            m = m if m is not None and m.group(1) == name else None
    start = m.start()
    while start > 0:  # its decorators
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text.startswith("@", previous):
            break
        start = previous
    first_line = text.count("\n", 0, start) + 1
    end = m.end()
    for _ in range(20):  # a line at column 0 inside a string ends no function: try the next one
        found = _TOP_LEVEL_LINE.search(text, end)
        stop = found.start() if found else len(text)
        try:
            node = ast.parse("\n" * (first_line - 1) + text[start:stop]).body[0]
            return node if isinstance(node, ast.FunctionDef) else _UNCUT if top_level else None
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            if found is None:
                return _UNCUT if top_level else None
            end = stop + 1
    return _UNCUT if top_level else None
