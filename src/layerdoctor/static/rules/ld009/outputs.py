"""LD009 for sublayers and outputs: a sublayer behind stop_gradient, an output through round/argmax."""

import ast

from ...class_facts import argument_for, construction_sites, file_function, handed_in_layer
from ...context import LAYER, OTHER, STATELESS_LAYERS, Value, bindings, classify, self_attr
from ...walk import callee_name, walk
from .. import Hit
from .reads import (BLOCKING_CALLS, COMPARISONS, NUMPY_FUNCTION, blocker, int_dtype, may_block, method_parents,
                    numpy_function, only_blocked_reads)


# ------------------------------------------------------------------ sublayers and outputs
# `tf.stop_gradient(self.teacher(x))`: the sublayer's trainable weights get no gradient.
# `return ops.round(...)` from call(): nothing before the layer gets a gradient through it.


def blocked_sublayers(ctx):
    under_blocker = set()  # self attributes read inside a blocking call's arguments, or by a local read there
    for m, _ in ctx.methods_of("call"):
        locals_blocked = set()
        for n in ctx.nodes_of(m, ast.Call):
            if callee_name(n) in BLOCKING_CALLS:
                for arg in n.args:
                    for inner in walk(arg):
                        attr = self_attr(inner)
                        if attr:
                            under_blocker.add(attr)
                        elif type(inner) is ast.Name:
                            locals_blocked.add(inner.id)
        if locals_blocked:  # `key = self.momentum_encoder(x); key = tf.stop_gradient(key)`
            for n in ctx.nodes_of(m, ast.Assign):
                if len(n.targets) == 1 and type(n.targets[0]) is ast.Name and n.targets[0].id in locals_blocked:
                    under_blocker.update(a for inner in walk(n.value) if (a := self_attr(inner)))
    if not under_blocker:
        return
    sublayers = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr not in under_blocker:
            continue
        func = ctx.methods[assign.method]
        value = ctx.value(assign.value, ctx.env(func))
        if value.kind != LAYER and isinstance(assign.value, ast.Call):
            value = factory_result(ctx, assign.value.func)
        elif value.kind != LAYER and type(assign.value) is ast.Name:
            # a layer the constructor is handed (`self.momentum_encoder = momentum_encoder`): what call sites pass,
            # read below once call()'s reads are known to be blocked (reading the sites parses files)
            sublayers.setdefault(assign.attr, (assign, True))
            continue
        if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS \
                and ctx.has_weights(value.qualname):
            sublayers.setdefault(assign.attr, (assign, False))
    for attr, (assign, handed) in sublayers.items():
        if attr not in under_blocker or ctx.mentions(attr) - ctx.stores_of(attr) == 0 or _frozen_by_hand(ctx, attr):
            continue
        blocked = only_blocked_reads(ctx, attr)
        if blocked is None or handed and _handed_in(ctx, assign) is None:
            continue
        node, why = blocked
        yield Hit(
            node,
            f"{ctx.name}.{attr} is a sublayer with trainable weights that call() uses only through "
            f"{why}: its weights are counted as trainable but get no gradient and are never "
            f"trained (if it is meant to be frozen, set {attr}.trainable = False)",
            attribute=attr, severity="warning",
        )


_TO_NUMPY = {"convert_to_numpy()", "asarray()", "array()", ".numpy()", ".detach()", ".tolist()"}


_TO_NUMPY_CALLS = {"convert_to_numpy", "asarray", "array"}
_TO_NUMPY_METHODS = {"numpy", "detach", "tolist"}
_TO_NUMPY_WORDS = ("numpy", "detach", "tolist", "array")  # every name above contains one of these


def _to_numpy_node(node, aliases) -> bool:
    """A node that may be one of _TO_NUMPY's conversions (`.numpy`, `np.asarray(...)`, `to_np(...)` imported
    under another name), by its names alone."""
    kind = type(node)
    if kind is ast.Attribute:
        return node.attr in _TO_NUMPY_METHODS
    if kind is not ast.Call:
        return False
    if numpy_function(node, aliases):
        return True  # `np.concatenate(...)`, `np.multiply(...)`: any NumPy function returns an array
    name = callee_name(node)
    return name in _TO_NUMPY_CALLS or (name in aliases and aliases[name].rsplit(".", 1)[-1] in _TO_NUMPY_CALLS)


def input_taken_to_numpy(ctx):
    """call() that reads its input only through a NumPy conversion: a gradient barrier."""
    call = ctx.methods.get("call")
    if call is None or len(call.args.args) < 2:
        return
    name = call.args.args[1].arg
    text = ctx.cls.text()
    # A conversion is written with one of these names (or an alias of one) in the class's text: most have none.
    if text is not None and not any(word in text for word in _TO_NUMPY_WORDS) and not any(
            alias in text for alias, target in ctx.file.aliases.items()
            if target.rsplit(".", 1)[-1] in _TO_NUMPY_CALLS or target == "numpy"):
        return
    nodes = ctx.nodes("call")
    if not any(_to_numpy_node(n, ctx.file.aliases) for n in nodes):
        return  # (the cheap test first: most call()s convert nothing to NumPy)
    reads = [n for n in nodes if type(n) is ast.Name and n.id == name and isinstance(n.ctx, ast.Load)]
    if not reads or not may_block(ctx, "call"):
        return
    parents = method_parents(ctx, "call")
    reasons = [blocker(read, parents, ctx) for read in reads]
    if any(why not in _TO_NUMPY and not (why or "").startswith(NUMPY_FUNCTION) for why in reasons):
        return
    yield Hit(
        reads[0],
        f"{ctx.name}.call() takes its input `{name}` to NumPy ({reasons[0]}): no gradient flows back "
        f"through the layer, so the trainable layers before it are never trained (and a symbolic "
        f"tensor, in a functional model or a compiled fit(), has no NumPy value); compute it with "
        f"keras.ops instead (a heuristic: harmless where nothing trainable comes before the layer)",
        severity="warning", fix=None,
    )


def _handed_in(ctx, assign):
    """The layer with weights the class's construction sites pass for the parameter `self.<attr> = <param>` keeps:
    made there, or returned by a function of the class's file (`MomentumContrast(make_encoder(), ...)`)."""
    found = handed_in_layer(ctx, assign)
    init = ctx.methods.get("__init__")
    if found is not None or init is None:
        return found
    for call, env, where in construction_sites(ctx):
        arg = argument_for(call, init, assign.value.id)
        if type(arg) is ast.Name and len(env.get(arg.id, ())) == 1:
            arg = env[arg.id][0]  # `encoder = make_encoder()` then `MoCo(encoder, ...)`
        if where.startswith("line ") and type(arg) is ast.Call and type(arg.func) in (ast.Name, ast.Attribute):
            value = factory_result(ctx, arg.func)  # (a function of the class's own file)
            if value.kind == LAYER and ctx.has_weights(value.qualname):
                return value
    return None


def factory_result(ctx, func):
    """What a function of this file returns (`def mlp(): return keras.Sequential(...)`)."""
    factory = file_function(ctx.file, func)
    if factory is None:
        return Value(OTHER)
    env = bindings(walk(factory))
    for node in walk(factory):
        if isinstance(node, ast.Return) and node.value is not None:
            value = ctx.classify_in(node.value) if not isinstance(node.value, ast.Name) \
                else classify(node.value, ctx.project, ctx.file, ctx.target, env)
            if value.kind == LAYER:
                return value
    return Value(OTHER)


def _frozen_by_hand(ctx, attr):
    """`self.<attr>.trainable = False` anywhere, or the class reads its weights by position."""
    for method in ctx.methods:
        for node in ctx.nodes(method):
            if isinstance(node, ast.Attribute) and node.attr == "trainable" and self_attr(node.value) == attr:
                return True
    return False


_OUTPUT_BLOCKERS = {"round", "argmax", "argmin", "sign", "floor", "ceil", "rint", "stop_gradient", "argsort",
                    "numpy_function", "py_func"}  # (tf.py_function records a gradient: not here)


def blocked_output(ctx):
    """call() whose every return value is a blocking op's result (through locals too)."""
    call = ctx.methods.get("call")
    if call is None:
        return
    env = ctx.env(call)
    returns = [n for n in ctx.nodes_of("call", ast.Return) if n.value is not None]
    if not returns:
        return
    first = None
    for ret in returns:
        why = blocking_result(ctx, ret.value, env)
        if why is None:
            return
        first = first or (ret, why)
    ret, why = first
    yield Hit(
        ret,
        f"{ctx.name}.call() returns the result of {why}: no gradient flows back through the layer, "
        f"so the trainable weights before it are never trained (a heuristic: fine for an "
        f"inference-only output; for training, pass the gradient straight through with "
        f"x + stop_gradient(f(x) - x))",
        severity="warning", fix=None,
    )


# Ops whose result is no more differentiable than their first argument (the others are bounds,
# shapes or dtypes): `clip(cast(x, "int32"), 0, n)`, `one_hot(argmax(x), n)`, a float cast of an argmax.
_PASS_THROUGH = {"clip", "clip_by_value", "one_hot", "reshape", "squeeze", "expand_dims", "cast", "transpose",
                 "flatten"}
TENSOR_LIBRARIES = ("tensorflow.", "keras.", "numpy.", "torch.", "jax.")


def blocking_result(ctx, expr, env, depth=0, arithmetic=False, cast=False):
    """Why `expr` carries no gradient (a blocking op, seen through reshapes and casts; with `arithmetic`,
    also through arithmetic and ops with literal constants, for a Lambda whose input comes from
    trainable layers), or None. A comparison counts once cast (`cast(equal(y, max(y)), y.dtype)`: a
    one-hot sample used as numbers), and not against a literal: a boolean or `ids != 0` is a mask."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name):
        values = env.get(expr.id, ())
        if len(values) != 1:
            return None
        return blocking_result(ctx, values[0], env, depth + 1, arithmetic, cast)
    if isinstance(expr, ast.BinOp) and arithmetic:  # `ops.cast(ids, "float32") / 100.0`
        return _blocked_with_constants(ctx, [expr.left, expr.right], env, depth)
    if isinstance(expr, ast.Compare):  # `probs >= ops.max(probs)`
        return "a comparison" if cast and _compares_values(expr.left, *expr.comparators) else None
    if not isinstance(expr, ast.Call):
        return None
    qualified = ctx.qualify(expr.func) or ""
    name = qualified.rsplit(".", 1)[-1]
    if qualified.startswith(TENSOR_LIBRARIES):
        if name in _OUTPUT_BLOCKERS:
            return f"{name}()"
        if name in COMPARISONS:
            return f"a comparison ({name}())" if cast and _compares_values(*expr.args) else None
    elif type(expr.func) is ast.Name:  # `one_hot_of_max(y)`: a function of the file
        return _function_result_blocked(ctx, expr, depth, arithmetic, cast)
    if name == "cast" and len(expr.args) > 1 and int_dtype(expr.args[1]):
        inner = expr.args[0]
        return blocking_result(ctx, inner, env, depth + 1, arithmetic) or "a cast to an integer type"
    if name in _PASS_THROUGH and expr.args and qualified.startswith(TENSOR_LIBRARIES):
        return blocking_result(ctx, expr.args[0], env, depth + 1, arithmetic, cast or name == "cast")
    if arithmetic and qualified.startswith(TENSOR_LIBRARIES) and expr.args and not expr.keywords:
        # `ops.bitwise_xor(ids, 5)`: an op of a blocked value and constants is blocked too
        return _blocked_with_constants(ctx, expr.args, env, depth)
    return None


def _compares_values(*operands) -> bool:
    """Neither side is a literal (`y == max(y)`, not `x > 0.5`)."""
    return len(operands) > 1 and not any(type(o) is ast.Constant or type(o) is ast.UnaryOp
                                         and type(o.operand) is ast.Constant for o in operands)


def _function_result_blocked(ctx, call, depth, arithmetic, cast):
    """Why every value a function of the file returns carries no gradient, on the path its flags take
    (`def sample(logits, hard=False): y = soft(...); if hard: y = cast(equal(...)); return y`)."""
    func = file_function(ctx.file, call.func)
    if func is None:
        return None
    env, returns = {}, []
    _run(func.body, _flags_off(func, call), env, returns)
    reasons = [blocking_result(ctx, r, env, depth + 1, arithmetic, cast) for r in returns]
    if reasons and all(reasons):
        return f"{reasons[0]} (in {func.name}())"
    return None


def _flags_off(func, call) -> set:
    """Parameters that are False at this call: a literal False passed, or a False default not passed."""
    params = [a.arg for a in func.args.posonlyargs + func.args.args]
    given = {params[i]: a for i, a in enumerate(call.args[:len(params)])}
    given.update({k.arg: k.value for k in call.keywords if k.arg})
    defaults = dict(zip(reversed(params), reversed(func.args.defaults)))
    off = set()
    for name in params:
        value = given.get(name, defaults.get(name))
        if isinstance(value, ast.Constant) and value.value in (False, None, 0):
            off.add(name)
    return off


def _run(body, off, env, returns):
    """Name bindings in statement order, a later `=` replacing an earlier one (straight-line code);
    `if flag:` follows the branch the flag takes (on unless `off`); other blocks add their bindings."""
    for stmt in body:
        kind = type(stmt)
        if kind is ast.Return:
            if stmt.value is not None:
                returns.append(stmt.value)
            return
        if kind is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name:
            env[stmt.targets[0].id] = [stmt.value]
        elif kind is ast.If and (flag := _flag(stmt.test)):
            name, on_when_set = flag
            _run(stmt.body if (name not in off) == on_when_set else stmt.orelse, off, env, returns)
            if returns:
                return
        elif kind not in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            for name, values in bindings(walk(stmt)).items():
                env.setdefault(name, []).extend(values)
            returns.extend(n.value for n in walk(stmt) if type(n) is ast.Return and n.value is not None)


def _flag(test):
    """(name, True) for `if hard:`, (name, False) for `if not hard:`; else None."""
    if type(test) is ast.Name:
        return test.id, True
    if type(test) is ast.UnaryOp and type(test.op) is ast.Not and type(test.operand) is ast.Name:
        return test.operand.id, False
    return None


def _blocked_with_constants(ctx, operands, env, depth):
    """Why operands carry no gradient: one is blocked, every other one is a literal constant."""
    reasons = [blocking_result(ctx, o, env, depth + 1, True) for o in operands]
    blocked = [r for r in reasons if r is not None]
    if blocked and all(r is not None or isinstance(o, ast.Constant) or
                       (isinstance(o, ast.UnaryOp) and isinstance(o.operand, ast.Constant))
                       for o, r in zip(operands, reasons)):
        return blocked[0]
    return None
