"""A faster ast.walk: no generators, and no Load/Store/Del context leaves (rules read `.ctx`
from the node that has it, never walk into it). Order is not ast.walk's; no caller relies on it."""

from __future__ import annotations

import ast

_AST = ast.AST

# Fields that hold a name, a flag or a number, never a node: skipping them saves a getattr and a
# test per field on every node (Name and Constant, the commonest nodes, are left with none).
_NEVER_NODES = frozenset({"ctx", "id", "attr", "arg", "module", "level", "kind", "type_comment", "conversion",
                          "is_async", "simple", "tag"})
# `name` is a string in these (in `type X = ...`, Python 3.12's TypeAlias, it is a Name node).
_NAMED_BY_STRING = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.alias, ast.ExceptHandler)
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def child_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that may hold nodes, in their order."""
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        fields = _CHILD_FIELDS[cls] = tuple(
            name for name in cls._fields
            if name not in _NEVER_NODES and not (name == "name" and issubclass(cls, _NAMED_BY_STRING))
            and not (name == "value" and cls is ast.Constant))
    return fields


def walk(node: ast.AST) -> list[ast.AST]:
    """Every node of the subtree, `node` first: a new list each call (callers may change it), its nodes
    below `node` kept on `node` after the first walk, since rules walk the same methods and statements again
    and again. Kept as (id, nodes): a copy.copy() of the node (static/inline.py) copies the attribute but has
    another id, and walks its own subtree. (Nodes hold only their descendants: no reference cycle, which
    the cyclic GC, off while linting, would never free.)"""
    kept = node.__dict__.get("_walked")
    if kept is not None and kept[0] == id(node):
        return [node, *kept[1]]
    out: list[ast.AST] = []
    todo = [node]
    pop, push, extend, add = todo.pop, todo.append, todo.extend, out.append
    fields_of = _CHILD_FIELDS.get
    while todo:
        current = pop()
        add(current)
        cls = current.__class__
        fields = fields_of(cls)
        if fields is None:
            fields = child_fields(cls)
        for name in fields:
            value = getattr(current, name, None)
            if value.__class__ is list:
                extend([item for item in value if isinstance(item, _AST)])
            elif isinstance(value, _AST):
                push(value)
    node._walked = (id(node), out[1:])
    return out


def is_dunder(name: str) -> bool:
    """`__call__`, `__repr__`: methods Python runs itself. (`self.__make_convs()`, a private helper whose name
    Python mangles, is a method like any other.)"""
    return name.startswith("__") and name.endswith("__")


def children(node: ast.AST) -> list[ast.AST]:
    """The direct child nodes (as ast.iter_child_nodes, without context leaves)."""
    out: list[ast.AST] = []
    cls = node.__class__
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        fields = child_fields(cls)
    for name in fields:
        value = getattr(node, name, None)
        if value.__class__ is list:
            out.extend([item for item in value if isinstance(item, _AST)])
        elif isinstance(value, _AST):
            out.append(value)
    return out


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of a function's `body`, not those inside functions, lambdas or classes defined
    there (their def node itself is included)."""
    out: list[ast.AST] = []
    todo = list(body)
    while todo:
        node = todo.pop()
        out.append(node)
        if not isinstance(node, _SCOPES):
            todo.extend(children(node))
    return out


def read_on_an_instance(nodes, attr: str) -> bool:
    """Does one of `nodes` read `<something>.<attr>` other than `self.<attr>` (`self.crf.transitions` in a loss
    object, `model.encoder(x)`): code that may train a weight where the model's forward pass does not?"""
    return any(type(node) is ast.Attribute and node.attr == attr
               and not (type(node.value) is ast.Name and node.value.id == "self") for node in nodes)


def self_attr(node: ast.AST) -> str | None:
    """`attr` for the expression `self.attr` (exact node types: the rules call it on every node)."""
    if type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == "self":
        return node.attr
    return None


def methods_run(methods: dict, entry: str, skip=()) -> set[str]:
    """Names of the methods (of `methods`, name -> def) that running `entry` runs: itself, every
    `self.m(...)` it calls, call() for `self(x)`, and so on; those in `skip` are not entered."""
    seen, todo, run = set(skip), [entry], set()
    while todo:
        name = todo.pop()
        if name in seen or name not in methods:
            continue
        seen.add(name)
        run.add(name)
        for node in walk(methods[name]):
            if type(node) is ast.Call:
                if (called := self_attr(node.func)) is not None:
                    todo.append(called)
                elif type(node.func) is ast.Name and node.func.id == "self":
                    todo.append("call")
    return run


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def loop_parts(node: ast.AST):
    """(target expressions, body, iterables) of a `for` loop or a comprehension; None for any other node."""
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return [node.target], node.body, [node.iter]
    if isinstance(node, _COMPREHENSIONS):
        body = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        return [g.target for g in node.generators], body, [g.iter for g in node.generators]
    return None


def parent_map(nodes) -> dict[int, ast.AST]:
    """id(child) -> parent for the nodes given (a walk() of a tree, or a scope's nodes)."""
    parents: dict[int, ast.AST] = {}
    for node in nodes:
        for child in children(node):
            parents[id(child)] = node
    return parents


def parameter_defaults(func: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> dict[str, ast.expr]:
    """Parameter name -> its default expression, positional and keyword-only alike."""
    args = func.args
    positional = [a.arg for a in args.posonlyargs + args.args]
    defaults = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    return defaults


def callee_name(call: ast.Call) -> str | None:
    """The last name of what a call calls: `dense` for `self.dense(x)`, `Dense` for `Dense(4)`."""
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def hands_over_a_graph(node: ast.AST) -> bool:
    """A functional model's base call: `super().__init__(inputs, outputs, ...)` (or `inputs=`/`outputs=`
    keywords), or the base named: `keras.Model.__init__(self, inputs, outputs)`."""
    if not (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "__init__"):
        return False
    owner = node.func.value
    if type(owner) is ast.Call and type(owner.func) is ast.Name and owner.func.id == "super":
        positional = len(node.args)
    elif node.args and type(node.args[0]) is ast.Name and node.args[0].id == "self":
        positional = len(node.args) - 1
    else:
        return False
    return positional >= 2 or {"inputs", "outputs"} <= {kw.arg for kw in node.keywords}
