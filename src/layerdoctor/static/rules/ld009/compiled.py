"""LD009 for what compile() is given: a metric object or a loss function that reaches `y_pred` only through ops
with no gradient as the loss, and a model frozen after compile() and then trained itself (Keras 3)."""

import ast
import re

from ....vocab import TF_KERAS
from ...class_facts import file_function
from ...walk import walk
from .. import Hit
from .reads import _BLOCKING_METHODS, BLOCKING_CALLS, COMPARISONS, int_dtype

# (cheap text tests: which of the checks below can fire in a file that compiles a model)
_METRIC_TEXT = re.compile(r"metrics\.[A-Z]|metrics import|import metrics")
_BLOCKING_TEXT = re.compile(r"\b(?:arg(?:sort|max|min)|round|rint|floor|ceil|sign|cast|equal|greater\w*|less\w*|"
                            r"not_equal|numpy|stop_gradient)\b")
_FROZEN_TEXT = re.compile(r"\.trainable\s*=\s*False")
# a loss that is not a string: `loss=` then a name, a list or a dict, or compile()'s second positional argument
_LOSS_OBJECT_TEXT = re.compile(r"\bloss\s*=\s*[^\s'\"]|\.compile\(\s*[^,()=]+,\s*[^\s'\"]")


def trigger(text: str) -> bool:
    if ".compile(" not in text:
        return False
    if _FROZEN_TEXT.search(text) is not None and ("train_on_batch" in text or ".fit(" in text):
        return True
    return _LOSS_OBJECT_TEXT.search(text) is not None and (
        _METRIC_TEXT.search(text) is not None or _BLOCKING_TEXT.search(text) is not None)


def compiled_without_gradient(ctx):
    scopes = ctx.scopes()
    module_env = ctx.bindings_of(scopes[0][1])
    reported = set()
    frozen_after_compile = []
    for scope, nodes in scopes:
        compiled = {}  # `d.compile(...)`: the spelling of `d` -> line
        for node in nodes:
            kind = type(node)
            if kind is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "compile":
                compiled.setdefault(ast.unparse(node.func.value), node.lineno)
                loss = next((kw.value for kw in node.keywords if kw.arg == "loss"),
                            node.args[1] if len(node.args) > 1 else None)
                if loss is not None:
                    env = ctx.bindings_of(nodes)
                    for element, why in _cut_losses(ctx, loss, env, module_env):
                        if element.lineno not in reported:
                            reported.add(element.lineno)
                            yield Hit(element, f"the loss given to compile() is {why}: no gradient reaches the "
                                               f"model's weights through it, so fit never changes them (\"No "
                                               f"gradients provided for any variable\")", fix=None)
            elif kind is ast.Assign and compiled and len(node.targets) == 1 and _sets_trainable(node.targets[0]) \
                    and type(node.value) is ast.Constant and node.value.value is False:
                key = ast.unparse(node.targets[0].value)
                if key in compiled and compiled[key] < node.lineno:
                    frozen_after_compile.append((scope, node, key))
    if frozen_after_compile and ctx.target != TF_KERAS:
        yield from _trained_while_frozen(ctx, scopes, frozen_after_compile)


# ---------------------------------------------------------------- the loss: a metric object, or no differentiable path

def _cut_losses(ctx, loss, env, module_env, depth=0):
    """(element of the loss argument, why no gradient flows through it) for each cut one: `loss=` alone,
    a list, a dict per output, or a name bound to one of those."""
    kind = type(loss)
    if kind in (ast.List, ast.Tuple):
        parts = loss.elts
    elif kind is ast.Dict:
        parts = loss.values
    else:
        parts = [loss]
    for part in parts:
        if type(part) is ast.Name and depth < 3:
            values = env.get(part.id) or module_env.get(part.id) or ()
            if len(values) == 1 and type(values[0]) in (ast.List, ast.Tuple, ast.Dict):
                yield from _cut_losses(ctx, values[0], env, module_env, depth + 1)
                continue
        metric = _metric_object(ctx, part, env, module_env)
        if metric:
            yield part, f"a metric object ({metric}()), not a loss: calling it updates the metric's own totals " \
                        f"and returns its result()"
            continue
        func = _loss_function(ctx, part, env)
        if func is not None:
            why = _blocked_loss(ctx, func, module_env)
            if why:
                yield part, f"{func.name}(), whose value reads y_pred only through {why}"


def _metric_object(ctx, expr, env, module_env):
    """The class name when `expr` is (a name bound to) an instance of a library metric class."""
    if type(expr) is ast.Name:
        values = env.get(expr.id) or module_env.get(expr.id) or ()
        if len(values) != 1:
            return None
        expr = values[0]
    if type(expr) is not ast.Call:
        return None
    qualified = ctx.qualify(expr.func) or ""
    module, _, name = qualified.rpartition(".")
    if module.endswith("metrics") and module.startswith(("keras", "tensorflow", "tf_keras")) and name[:1].isupper():
        return name
    return None


def _loss_function(ctx, expr, env):
    """The function of the file `expr` names: `my_loss`, a name bound to `make_loss(...)`, or `make_loss(...)`
    itself when the factory returns a function it defines."""
    if type(expr) is ast.Name:
        values = env.get(expr.id)
        if values:
            if len(values) != 1:
                return None
            expr = values[0]
        else:
            return file_function(ctx.file, expr)
    if type(expr) is not ast.Call or type(expr.func) is not ast.Name:
        return None
    factory = file_function(ctx.file, expr.func)
    if factory is None:
        return None
    inner = {node.name: node for node in factory.body if type(node) is ast.FunctionDef}
    returned = [node.value for node in factory.body if type(node) is ast.Return]
    if len(returned) == 1 and type(returned[0]) is ast.Name:
        return inner.get(returned[0].id)
    return None


_BLOCKING = (BLOCKING_CALLS | COMPARISONS) - {"cast"}


def _blocked_loss(ctx, func, module_env):
    """Why every value `func` (a loss: `y_true, y_pred` first) returns reads y_pred only through ops with no
    gradient (argsort, argmax, round, integer casts, comparisons, a metric object), or None (it does read it
    differentiably, or this cannot tell: a nested function, a generator)."""
    params = func.args.posonlyargs + func.args.args
    if params and params[0].arg == "self":
        params = params[1:]
    if len(params) < 2 or any(type(n) in (ast.FunctionDef, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal)
                              for n in walk(func)[1:]):
        return None
    live, whys = {params[1].arg}, []

    def flows(expr):
        kind = type(expr)
        if kind is ast.Name:
            return expr.id in live
        if kind is ast.Constant:
            return False
        if kind is ast.Compare:
            if any(flows(o) for o in [expr.left, *expr.comparators]):
                whys.append("a comparison")
            return False
        if kind is ast.Attribute:
            return expr.attr not in ("shape", "dtype", "ndim") and flows(expr.value)
        if kind is ast.Call:
            args = expr.args + [kw.value for kw in expr.keywords]
            func_ = expr.func
            name = func_.attr if type(func_) is ast.Attribute else func_.id if type(func_) is ast.Name else None
            if type(func_) is ast.Attribute and name in _BLOCKING_METHODS:
                if flows(func_.value):
                    whys.append(f".{name}()")
                return False
            blocked = name in _BLOCKING or name == "cast" and len(expr.args) > 1 and int_dtype(expr.args[1]) \
                or _metric_object(ctx, func_, {}, module_env)
            if name == "where" and expr.args:
                args = args[1:]  # (the condition is a boolean: only the values carry a gradient)
            reached = [flows(a) for a in args]  # (all of them: each blocking op met is a reason)
            if blocked:
                if any(reached):
                    whys.append(f"{name}()" if name in _BLOCKING or name == "cast" else f"the metric object {name}")
                return False
            return any(reached) or type(func_) is ast.Attribute and flows(func_.value)
        return any([flows(child) for child in ast.iter_child_nodes(expr)])

    def run(body, top, returns):
        for stmt in body:
            kind = type(stmt)
            if kind is ast.Assign or kind is ast.AugAssign or kind is ast.AnnAssign:
                targets = stmt.targets if kind is ast.Assign else [stmt.target]
                carried = stmt.value is not None and flows(stmt.value)
                for target in targets:
                    for name in walk(target):
                        if type(name) is ast.Name:
                            if carried:
                                live.add(name.id)
                            elif top and kind is not ast.AugAssign and type(target) is ast.Name:
                                live.discard(name.id)  # (straight-line code: the old value is gone)
            elif kind is ast.Return:
                if stmt.value is not None:
                    returns.append(flows(stmt.value))
            elif kind is ast.For or kind is ast.AsyncFor:
                if flows(stmt.iter):
                    live.update(n.id for n in walk(stmt.target) if type(n) is ast.Name)
                run(stmt.body, False, returns)
                run(stmt.body, False, returns)  # (twice: a value carried round the loop)
                run(stmt.orelse, False, returns)
            elif kind in (ast.If, ast.While, ast.With, ast.AsyncWith, ast.Try):
                if kind is ast.With or kind is ast.AsyncWith:
                    for item in stmt.items:
                        if item.optional_vars is not None and flows(item.context_expr):
                            live.update(n.id for n in walk(item.optional_vars) if type(n) is ast.Name)
                for field in ("body", "orelse", "finalbody"):
                    run(getattr(stmt, field, ()), False, returns)
                for handler in getattr(stmt, "handlers", ()):
                    run(handler.body, False, returns)

    returns = []
    run(func.body, True, returns)
    if not returns or any(returns) or not whys:
        return None
    return whys[0]


# ---------------------------------------------------------------- frozen after compile(), then trained itself

def _sets_trainable(target):
    return type(target) is ast.Attribute and target.attr == "trainable"


_TRAINING = ("train_on_batch", "fit")


def _trained_while_frozen(ctx, scopes, frozen):
    """`d.compile(...)`, then `d.trainable = False` (to stack it under a generator), then `d.train_on_batch`
    or `d.fit` later in the same function (or, for an attribute `self.d`, in any method of the class), with no
    `d.trainable = <anything else>` in the file: Keras 3 reads the flag when it trains, so `d` has no
    trainable weights then (tf.keras 2's compile() kept a snapshot: not reported there)."""
    thawed, trained = set(), []
    for scope, nodes in scopes:
        for node in nodes:
            kind = type(node)
            if kind is ast.Assign and len(node.targets) == 1 and _sets_trainable(node.targets[0]) \
                    and not (type(node.value) is ast.Constant and node.value.value is False):
                thawed.add(ast.unparse(node.targets[0].value))
            elif kind is ast.Call and type(node.func) is ast.Attribute and node.func.attr in _TRAINING:
                trained.append((scope, node))
    classes = [unit for unit in ctx.tree.body if type(unit) is ast.ClassDef]
    for scope, freeze, key in frozen:
        if key in thawed:
            continue
        owner = next((c for c in classes if c.lineno <= freeze.lineno <= c.end_lineno), None)
        for where, call in trained:
            if ast.unparse(call.func.value) != key:
                continue
            if where is scope and call.lineno > freeze.lineno or where is not scope and key.startswith("self.") \
                    and owner is not None and owner.lineno <= call.lineno <= owner.end_lineno:
                yield Hit(freeze, f"{key} is compiled, then frozen ({key}.trainable = False), then trained itself "
                                  f"({key}.{call.func.attr}(...), line {call.lineno}): Keras 3 reads the flag when "
                                  f"it trains, not when it compiles, so {key} has no trainable weights there and "
                                  f"never changes (\"The model does not have any trainable weights.\"); set "
                                  f"{key}.trainable = True before training it and False again before training the "
                                  f"combined model", fix=None)
                break
