"""LD009 through a NumPy function inside call() (`tf.numpy_function`, `tf.py_func`)."""

import ast

from ...context import self_attr
from ...walk import callee_name, children, walk


# ------------------------------------------------------------------ NumPy functions inside call()
# `out = tf.numpy_function(f, [ops.matmul(x, self.kernel)], ...)`: no gradient flows back through it.

_NUMPY_BRIDGES = ("numpy_function", "py_func")  # (tf.py_function records a gradient: not here)


def cut_by_numpy_function(ctx, attr):
    """`tf.numpy_function(...) (line N)` when the weight self.<attr>, read in call() only, flows into
    such a call and reaches neither call()'s result nor anything kept (self.x = ..., a method of self)
    by another path; None otherwise. Follows call()'s locals in order, branches merged."""
    call = ctx.methods.get("call")
    if call is None or call.decorator_list or ctx.cls.dynamic_access:
        return None
    nodes = ctx.nodes("call")
    bridges = [n for n in nodes if type(n) is ast.Call and callee_name(n) in _NUMPY_BRIDGES and _is_numpy_bridge(ctx, n)]
    if not bridges:
        return None
    reads = sum(1 for n in nodes if type(n) is ast.Attribute and type(n.ctx) is ast.Load and self_attr(n) == attr)
    if not reads or reads != ctx.mentions(attr) - ctx.stores_of(attr) or \
            any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname)):
        return None
    flow = _Flow(ctx, attr, call)
    if not flow.run(call.body, {}) or flow.kept:
        return None
    for bridge in bridges:
        if any(flow.carries(arg, state) for arg, state in flow.bridge_inputs.get(id(bridge), ())):
            return f"{ast.unparse(bridge.func)}() (line {bridge.lineno})"
    return None


def _is_numpy_bridge(ctx, call) -> bool:
    qualified = ctx.qualify(call.func) or ""
    return qualified.startswith("tensorflow.") and qualified.rsplit(".", 1)[-1] in _NUMPY_BRIDGES


class _Flow:
    """Which locals of call() carry a gradient path from self.<attr>, statement by statement."""

    def __init__(self, ctx, attr, func):
        self.ctx, self.attr = ctx, attr
        arguments = func.args
        self.locals = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs} | \
            {n.id for n in walk(func) if type(n) is ast.Name and type(n.ctx) is ast.Store}
        self.kept = False  # reaches the result, self state, or a method of self
        self.bridge_inputs = {}  # id(bridge call) -> [(argument, state)]

    def carries(self, expr, state) -> bool:
        todo = [expr]
        while todo:
            node = todo.pop()
            if type(node) is ast.Call and _is_numpy_bridge(self.ctx, node):
                self.bridge_inputs.setdefault(id(node), []).extend((arg, dict(state)) for arg in node.args[1:])
                continue  # its result carries nothing back
            if type(node) is ast.Name and type(node.ctx) is ast.Load and state.get(node.id):
                return True
            if type(node) is ast.Attribute and self_attr(node) == self.attr:
                return True
            todo.extend(children(node))
        return False

    def _note_calls(self, statement, state):
        """`outputs.append(x)` taints `outputs`; `self.add_loss(x)`, `self.helper(x)` keep x."""
        for node in walk(statement):
            if type(node) is not ast.Call or type(node.func) is not ast.Attribute:
                continue
            root = node.func.value
            while type(root) in (ast.Attribute, ast.Subscript):
                root = root.value
            if type(root) is not ast.Name or _is_numpy_bridge(self.ctx, node):
                continue
            arguments = node.args + [kw.value for kw in node.keywords]
            if any(self.carries(arg, state) for arg in arguments):
                if root.id == "self":
                    self.kept = True
                elif root.id in self.locals:
                    state[root.id] = True

    def _store(self, target, tainted, state):
        if type(target) is ast.Name:
            state[target.id] = tainted
        elif type(target) in (ast.Tuple, ast.List):
            for element in target.elts:
                self._store(element, tainted, state)
        elif type(target) is ast.Starred:
            self._store(target.value, tainted, state)
        elif tainted:
            root = target
            while type(root) in (ast.Attribute, ast.Subscript):
                root = root.value
            if type(root) is ast.Name and root.id != "self":
                state[root.id] = True
            else:
                self.kept = True

    def run(self, body, state) -> bool:
        """Update `state` through the statements; False when the code is beyond this simple reading."""
        for statement in body:
            kind = type(statement)
            if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Global, ast.Nonlocal) or \
                    any(type(n) is ast.NamedExpr for n in walk(statement)):
                return False
            if kind in (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try):
                if not self._compound(statement, state):
                    return False
                continue
            if kind not in (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr, ast.Return, ast.Pass, ast.Raise,
                            ast.Assert, ast.Delete, ast.Break, ast.Continue):
                return False
            self._note_calls(statement, state)
            if kind is ast.Assign:
                tainted = self.carries(statement.value, state)
                for target in statement.targets:
                    self._store(target, tainted, state)
            elif kind is ast.AnnAssign and statement.value is not None:
                self._store(statement.target, self.carries(statement.value, state), state)
            elif kind is ast.AugAssign:
                tainted = self.carries(statement.value, state) or self.carries(statement.target, state)
                self._store(statement.target, tainted, state)
            elif kind is ast.Return and statement.value is not None and self.carries(statement.value, state):
                self.kept = True
            elif kind is ast.Expr:
                self.carries(statement.value, state)  # (notes the bridges it holds)
        return True

    def _compound(self, statement, state) -> bool:
        kind = type(statement)
        if kind is ast.If:
            self.carries(statement.test, state)
            branches = [statement.body, statement.orelse]
        elif kind in (ast.For, ast.AsyncFor):
            self._store(statement.target, self.carries(statement.iter, state), state)
            branches = [statement.body + statement.body, statement.orelse]  # twice: what a pass carries over
        elif kind is ast.While:
            branches = [statement.body + statement.body, statement.orelse]
        elif kind in (ast.With, ast.AsyncWith):
            for item in statement.items:
                if item.optional_vars is not None:
                    self._store(item.optional_vars, self.carries(item.context_expr, state), state)
            return self.run(statement.body, state)
        else:  # Try
            if not self.run(statement.body, state):
                return False
            branches = [h.body for h in statement.handlers] + [statement.orelse]
        outcomes = []
        for branch in branches:
            copy = dict(state)
            if not self.run(branch, copy):
                return False
            outcomes.append(copy)
        for outcome in outcomes:  # merged: a name carries the path if any branch made it so
            for name, tainted in outcome.items():
                state[name] = state.get(name, False) or tainted
        return kind is not ast.Try or self.run(statement.finalbody, state)
