"""Read a helper method that is called once as part of the method that calls it.

Real layers split their work: `__init__` calls `self._build_layers()`, `build()` calls
`self._create_weights(shape)`, `call()` returns `self._forward(x)`. The rules ask what `__init__`,
`build()` and `call()` do, so a helper that one of them calls exactly once (the only `self.<name>`
in the class's text) is put in place of its call, its parameters bound to the call's arguments:

    def build(self, input_shape):            def build(self, input_shape):
        self._make(input_shape[-1])    ->        n = input_shape[-1]
    def _make(self, n):                          self.w = tf.Variable(tf.zeros((n, 4)))
        self.w = tf.Variable(...)

The helper then leaves the class's method table, so every statement is still seen once; the
inlined statements keep their own line numbers, so findings point into the helper. A call under a
once-only guard (`if self.w is None: self._make(n)`) is left alone: rules read guards by line range.
"""

from __future__ import annotations

import ast
import copy

from .walk import is_dunder, own_nodes, self_attr, walk

ENTRIES = ("__init__", "build", "call")
_MAX_DEPTH = 4
_BODY_FIELDS = ("body", "orelse", "finalbody")
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)  # their bodies run elsewhere
_LAZY_NAMES = {"built", "_built", "_built_from_signature", "hasattr", "_initialized"}


def is_lazy_test(test: ast.expr) -> bool:
    """`not self.built`, `self.x is None`, `not hasattr(self, ...)`: a guard that runs its body once."""
    for node in walk(test):
        if isinstance(node, ast.Attribute) and node.attr in _LAZY_NAMES:
            return True
        if isinstance(node, ast.Name) and node.id in _LAZY_NAMES:
            return True
        if isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value is None
                                                 for c in node.comparators):
            return True
    return False


def inline_helpers(methods: dict[str, ast.FunctionDef], mention_counts,
                   entries=ENTRIES) -> dict[str, ast.FunctionDef]:
    """`methods` with single-use helpers inlined into the entry methods (a new dict; the trees
    given are not changed). `mention_counts`: textual `self.<attr>` counts of the class; `entries`:
    other entry methods (a Model's `train_step`) for a rule that reads them."""
    helpers = {name: fn for name, fn in methods.items()
               if name not in ENTRIES and name not in entries and not is_dunder(name)
               and mention_counts.get(name, 0) == 1 and not fn.decorator_list and _plain_parameters(fn)}
    if not helpers or not any(entry in methods for entry in entries):
        return methods
    inliner = _Inliner(helpers)
    result = dict(methods)
    for entry in entries:
        fn = methods.get(entry)
        if fn is not None:
            # In __init__, only after super().__init__(): rules read "set before super" by line order.
            start = _after_super_init(fn.body) if entry == "__init__" else 0
            tail = fn.body[start:]
            expanded = inliner.expand(tail, 0)
            if expanded is not tail:
                result[entry] = copy.copy(fn)
                result[entry].body = fn.body[:start] + expanded
    for name in inliner.used:
        del result[name]
    return result


def _after_super_init(body: list[ast.stmt]) -> int:
    """The index just after the first statement that calls some `__init__` (0 if none does)."""
    for i, stmt in enumerate(body):
        for node in walk(stmt):
            if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "__init__":
                return i + 1
    return 0


def _plain_parameters(fn: ast.FunctionDef) -> bool:
    args = fn.args
    return not args.posonlyargs and bool(args.args) and args.args[0].arg == "self"


class _Inliner:
    def __init__(self, helpers):
        self.helpers = helpers
        self.used: set[str] = set()

    def expand(self, body: list[ast.stmt], depth: int) -> list[ast.stmt]:
        """`body` with helper calls replaced, or `body` itself when nothing changed."""
        out, changed = [], False
        for stmt in body:
            inlined = self._inline(stmt, depth)
            if inlined is not None:
                out.extend(inlined)
                changed = True
                continue
            new = self._expand_blocks(stmt, depth)
            changed |= new is not stmt
            out.append(new)
        return out if changed else body

    def _expand_blocks(self, stmt: ast.stmt, depth: int) -> ast.stmt:
        if isinstance(stmt, _DEFINITIONS) or (type(stmt) is ast.If and is_lazy_test(stmt.test)):
            return stmt
        new = None
        for field in _BODY_FIELDS:
            block = getattr(stmt, field, None)
            if not block or type(block) is not list:
                continue
            expanded = self.expand(block, depth)
            if expanded is not block:
                new = new or copy.copy(stmt)
                setattr(new, field, expanded)
        for handler in getattr(stmt, "handlers", ()) or ():
            expanded = self.expand(handler.body, depth)
            if expanded is not handler.body:
                new = new or copy.copy(stmt)
                new.handlers = [copy.copy(h) if h is handler else h for h in new.handlers]
                new.handlers[stmt.handlers.index(handler)].body = expanded
        return new or stmt

    def _inline(self, stmt: ast.stmt, depth: int) -> list[ast.stmt] | None:
        if depth >= _MAX_DEPTH:
            return None
        kind = type(stmt)
        if kind is ast.Expr or kind is ast.Return:
            call = stmt.value
        elif kind is ast.Assign and len(stmt.targets) == 1:
            call = stmt.value
        else:
            return None
        name = self_attr(call.func) if type(call) is ast.Call else None
        helper = self.helpers.get(name) if name else None
        if helper is None or name in self.used:
            return None
        bound = _bind(helper, call, stmt)
        if bound is None:
            return None
        body = helper.body
        if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant:
            body = body[1:]  # the docstring
        returns = [n for n in own_nodes(body) if type(n) is ast.Return]
        if kind is not ast.Return:
            # Inlined mid-method, a return would end the caller: only a last `return [value]`.
            if any(r is not body[-1] for r in returns):
                return None
            if returns:
                last = body[-1]
                if kind is ast.Assign:
                    if last.value is None:
                        return None
                    tail = ast.copy_location(ast.Assign(targets=stmt.targets, value=last.value), stmt)  # (where it is set)
                else:
                    tail = ast.copy_location(ast.Expr(value=last.value), last) if last.value else None
                body = body[:-1] + ([tail] if tail is not None else [])
            elif kind is ast.Assign:
                return None  # the helper returns None: nothing to bind
        self.used.add(name)
        return bound + self.expand(body, depth + 1)


def _bind(helper: ast.FunctionDef, call: ast.Call, at: ast.stmt) -> list[ast.stmt] | None:
    """`param = argument` for each parameter of `helper` (defaults for the missing ones), or None
    when the call cannot be matched to the parameters."""
    args = helper.args
    positional = [a.arg for a in args.args[1:]]
    values: dict[str, ast.expr] = {}
    extra: list[ast.expr] = []
    for i, arg in enumerate(call.args):
        if type(arg) is ast.Starred:
            if not args.vararg or i != len(call.args) - 1 or i < len(positional):
                return None
            values[args.vararg.arg] = arg.value
        elif i < len(positional):
            values[positional[i]] = arg
        elif args.vararg:
            extra.append(arg)
        else:
            return None
    if extra:
        values[args.vararg.arg] = ast.copy_location(ast.Tuple(elts=extra, ctx=ast.Load()), call)
    keyword_names = set(positional) | {a.arg for a in args.kwonlyargs}
    for keyword in call.keywords:
        if keyword.arg is None:
            if not args.kwarg:
                return None
            values[args.kwarg.arg] = keyword.value
        elif keyword.arg in keyword_names and keyword.arg not in values:
            values[keyword.arg] = keyword.value
        elif not args.kwarg:
            return None  # (a keyword **kwargs takes is not bound: the helper reads it from a dict)
    defaults = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    bound = []
    for param in positional + [a.arg for a in args.kwonlyargs]:
        value = values.get(param, defaults.get(param))
        if value is None:
            return None
        if type(value) is ast.Name and value.id == param:
            continue
        bound.append(_assign(param, value, at))
    for param in (args.vararg, args.kwarg):
        if param is not None and param.arg in values:
            value = values[param.arg]
            if not (type(value) is ast.Name and value.id == param.arg):
                bound.append(_assign(param.arg, value, at))
    return bound


def _assign(name: str, value: ast.expr, at: ast.stmt) -> ast.Assign:
    assign = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=value)
    return ast.fix_missing_locations(ast.copy_location(assign, at))
