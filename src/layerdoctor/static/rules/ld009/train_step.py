"""LD009 for a custom train_step whose tape or optimizer lists leave out weighted sublayers."""

import ast

from ...context import LAYER, STATELESS_LAYERS, WEIGHT, bindings, self_attr
from ...inline import inline_helpers
from ...walk import callee_name, methods_run, walk
from .. import Hit
from .reads import WEIGHT_LISTS, read_on_instances, trainable


# ---------------------------------------------------------------- a custom train_step that trains only some sublayers

_ALL = "*"  # the model's own variable lists: everything
# Calls whose result lists the variables of their arguments (`list(a) + list(b)`, `sum([...], [])`).
_LIST_MAKERS = {"zip", "list", "tuple", "sum", "chain", "from_iterable", "sorted", "reversed", "flatten"}
# Calls that train in a way this check does not read: it stays silent.
_OTHER_TRAINING = {"stateless_apply", "value_and_grad", "grad", "train_step", "train_on_batch", "fit"}


def left_out_of_train_step(ctx):
    """A Model whose own `train_step` (and the methods it calls) hands the tape and the optimizer the
    variables of some of its sublayers only (`tape.gradient(loss, self.decoder.trainable_variables)`),
    while a trainable sublayer with weights (or a weight) that the class makes itself is used on the way:
    `fit` runs this train_step, so it never changes that sublayer's weights."""
    if not ctx.is_model or "train_step" not in ctx.cls.method_names or ctx.cls.dynamic_access \
            or ctx.project.subclasses(ctx.qualname):
        return
    text = ctx.cls.text()
    if text is not None and not any(call in text for call in (".gradient", ".apply", ".minimize")):
        return  # (no tape or optimizer call in the class: nothing to read, and loading every method costs)
    ctx.cls.load_methods(tuple(ctx.cls.method_names))  # (all of them: _reached_into reads every method)
    methods = inline_helpers(ctx.cls.methods, ctx.cls.self_attr_counts, entries=("train_step",))
    reach = methods_run(methods, "train_step")
    covered, listed, used = set(), [], set()
    for name in methods:  # (every method: another may train a sublayer with an optimizer of its own)
        nodes = walk(methods[name])
        scope = None
        for node in nodes:
            kind = type(node)
            if kind is ast.Attribute and name in reach and type(node.ctx) is ast.Load:
                attr = self_attr(node)
                if attr:
                    used.add(attr)
            if kind is not ast.Call or type(node.func) is not ast.Attribute:
                continue
            method = node.func.attr
            if method in _OTHER_TRAINING:
                return
            arg = _var_list_argument(node, method)
            if arg is None:
                continue
            if scope is None:
                scope = _scope(nodes)
            roots = _roots(arg, scope, pairs=method == "apply_gradients")
            if roots is None or _ALL in roots:
                return  # (a list this cannot read, or all of the model's variables)
            covered |= roots
            listed.append(arg)
    if not listed:
        return
    # a sublayer handed to a covered one when it is made is trained through it
    nested = {self_attr(n) for a in ctx.self_assigns(("__init__", "build")) if a.attr in covered
              for n in walk(a.value)} - {None}
    names = ", ".join(sorted(f"self.{c}" for c in covered))
    seen = set()
    for assign in ctx.self_assigns(("__init__", "build")):
        attr = assign.attr
        if attr in seen or attr in covered or attr in nested or attr not in used:
            continue
        seen.add(attr)
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind == LAYER:
            if value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
                continue
            what = f"{ctx.name}.{attr} ({value.layer_class})"
        elif value.kind == WEIGHT:
            what = f"{ctx.name}.{attr}, a weight of the model,"
        else:
            continue
        if not trainable(assign.value) or _reached_into(ctx, attr) or read_on_instances(ctx, attr):
            continue  # (frozen; or its weights are set, assigned or frozen by hand: an EMA teacher)
        yield Hit(
            assign.stmt,
            f"{what} is used by train_step(), but train_step() hands the tape and the optimizer only the "
            f"variables of {names}: it counts as trainable, yet fit never changes it",
            attribute=attr, fix="train_step",
        )


def _var_list_argument(call, method):
    """The variables argument of `tape.gradient(loss, vars)`, `optimizer.apply_gradients(pairs)`,
    `optimizer.apply(grads, vars)`, `optimizer.minimize(loss, var_list)`, else None."""
    if method == "gradient":
        position, keyword = 1, "sources"
    elif method == "apply_gradients":
        position, keyword = 0, "grads_and_vars"
    elif method == "minimize":
        position, keyword = 1, "var_list"
    elif method == "apply" and "optim" in ast.unparse(call.func.value).lower():
        position, keyword = 1, "trainable_variables"
    else:
        return None
    if len(call.args) > position:
        return call.args[position]
    return next((kw.value for kw in call.keywords if kw.arg == keyword), None)


def _scope(nodes):
    """name -> the values a method gives it: assignments, `+=`, `.append`/`.extend`/`.insert`, and the
    iterables of the loops and comprehensions that bind it."""
    scope = bindings(nodes)
    for node in nodes:
        kind = type(node)
        if kind is ast.AugAssign and type(node.target) is ast.Name:
            scope.setdefault(node.target.id, []).append(node.value)
        elif kind is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                and node.func.attr in ("append", "extend", "insert") and node.args:
            scope.setdefault(node.func.value.id, []).append(node.args[-1])
        elif kind is ast.For or kind is ast.comprehension:
            for target in walk(node.target):
                if type(target) is ast.Name:
                    scope.setdefault(target.id, []).append(node.iter)
    return scope


def _roots(expr, scope, pairs=False, depth=0, owner=None):
    """The `self.<attr>` whose variables `expr` lists (`_ALL` for the model's own lists), or None when the
    list cannot be read here (a parameter, a call of another function). `pairs`: (gradient, variable)
    pairs, of which only the variables count. `owner(expr)`, when given, names the owner of
    `<expr>.trainable_variables` instead (a set of keys, or None): for code outside a class."""
    kind = type(expr)
    if kind is ast.Attribute:
        attr = self_attr(expr)
        if attr is not None:
            return {_ALL} if attr in WEIGHT_LISTS else {attr} if owner is None else owner(expr)
        inner = expr.value
        if type(inner) is ast.Call and type(inner.func) is ast.Name and inner.func.id == "super":
            return {_ALL}
        if owner is not None and expr.attr in WEIGHT_LISTS:
            return owner(inner)
        return _roots(inner, scope, False, depth, owner)  # self.decoder.trainable_variables, block.weights
    if kind is ast.Subscript or kind is ast.Starred:
        return _roots(expr.value, scope, pairs, depth, owner)
    if kind is ast.Constant:
        return set()
    if kind is ast.Name:
        values = scope.get(expr.id)
        if not values or depth > 6:
            return None  # a parameter, a global
        parts = values
    elif kind in (ast.List, ast.Tuple, ast.Set):
        parts = expr.elts[-1:] if pairs and kind is ast.Tuple and len(expr.elts) == 2 else expr.elts
    elif kind is ast.BinOp:
        parts = [expr.left, expr.right]
    elif kind is ast.IfExp:
        parts = [expr.body, expr.orelse]
    elif kind in (ast.ListComp, ast.GeneratorExp):
        parts = [expr.elt]  # (its loop names are in scope, bound to the iterables)
    elif kind is ast.Call:
        name = callee_name(expr)
        if name == "gradient":
            return set()  # gradients, not variables
        if name not in _LIST_MAKERS:
            return None
        parts = expr.args[-1:] if pairs and name == "zip" else expr.args
        pairs = pairs and name != "zip"
    else:
        return None
    found = set()
    for part in parts:
        roots = _roots(part, scope, pairs, depth + 1, owner)
        if roots is None:
            return None
        found |= roots
    return found


def _reached_into(ctx, attr):
    """Is `self.<attr>.<anything>` read or set anywhere in the class (`.trainable = False`, `.weights` for a
    moving average, `.set_weights`, `.assign`)? Then its weights are handled by hand."""
    for name in ctx.cls.methods:
        for node in walk(ctx.cls.methods[name]):
            if type(node) is ast.Attribute and self_attr(node.value) == attr:
                return True
    return False
