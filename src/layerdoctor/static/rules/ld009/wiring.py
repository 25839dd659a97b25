"""LD009 in module code: Lambdas that block gradients, integer points and stop_gradient cuts between
layers in functional wiring, weights added to a built-in layer from outside."""

import ast
import re

from ...class_facts import (file_function, file_text, parsed_file)
from ...context import LAYER, STATELESS_LAYERS, bindings
from ...triggers import add_weight_from_outside, blocking_op_in_functional_code, mentions_lambda_layer
from ...walk import callee_name, children, walk
from .. import Hit
from .loops import forward_before_tape, left_out_of_training_loop
from .masks import mask_only_inputs
from .outputs import TENSOR_LIBRARIES, blocking_result
from .reads import last_name, layer_has_weights, single_name_target, trainable
from .through_numpy import loss_through_numpy


# ------------------------------------------------------------------ weights added from outside
# `dense.add_weight(...)` on a built-in layer: Dense.call() does not know the new weight exists.

def _trigger(text: str) -> bool:
    return add_weight_from_outside(text) or mentions_lambda_layer(text) or blocking_op_in_functional_code(text) \
        or "stop_gradient" in text or "GradientTape" in text and ".gradient(" in text \
        or "Input(" in text and _made_and_called_on_two(text)  # (masks.py)


# `Gate()([x, mask])` / `Gate(4)(x, mask)`: a layer made and called at once on a list or on two tensors; Keras's
# merge layers (`Concatenate()([a, b])`, everywhere in functional code) read both inputs differentiably.
_CALLED_ON_TWO = re.compile(r"\)\((?:\[|\w+, \w+\))")  # (from the literal `)(`: a leading `\w+` is tried everywhere)
_MADE_BEFORE = re.compile(r"(\w+)\([^()]*$")
_MERGE_LAYERS = {"Concatenate", "Add", "Multiply", "Average", "Maximum", "Minimum", "Subtract", "Dot", "Attention",
                 "MultiHeadAttention", "AdditiveAttention", "Model", "Sequential", "Bidirectional"}


def _made_and_called_on_two(text: str) -> bool:
    for m in _CALLED_ON_TWO.finditer(text):
        made = _MADE_BEFORE.search(text, max(0, m.start() - 120), m.start())
        if made is not None and made.group(1) not in _MERGE_LAYERS:
            return True
    return False
TRIGGER = _trigger


def check_module(ctx):
    yield from _outside_add_weight(ctx)
    yield from _blocking_lambdas(ctx)
    yield from _functional_blocking_ops(ctx)
    yield from _cut_by_stop_gradient(ctx)
    yield from left_out_of_training_loop(ctx)
    yield from forward_before_tape(ctx)
    yield from loss_through_numpy(ctx)
    yield from mask_only_inputs(ctx, _only_feeds, _latest_binding)


def _blocking_lambdas(ctx):
    """`Lambda(lambda t: ops.argmax(t))` (or a function of the file) whose output feeds more layers, or is the
    output of a model compiled with a loss: nothing before it trains."""
    if "Lambda" not in file_text(ctx.file):
        return  # (every Lambda it reads, a factory's included, is named in this file)
    for scope, nodes in ctx.scopes():
        trained = None  # looked for only when a Lambda's output is the model's
        uses = [(use, why) for use in _lambda_uses(ctx, nodes) if (why := _lambda_blocks(ctx, use[0].args[0]))]
        cut = {id(arg) for use, _ in uses for arg in use[4] or ()}  # the tensors handed to a blocking Lambda
        for (maker, feeds, upstream, applied, inputs), why in uses:
            if upstream is False:
                continue  # applied to the model's inputs (token ids): no weights sit before it
            if feeds and why == _CONSTANT:
                continue  # a side value (a batch size, a mask of ones): the layers before reach on elsewhere
            if feeds and upstream and _trained_elsewhere(ctx, inputs, nodes, cut):
                continue  # the layer before is shared, or its output feeds another layer: trained that way
            where = "its output feeds further layers"
            if not feeds:
                trained = _compiles_with_loss(nodes) if trained is None else trained
                where = "the model is compiled with a loss on its output"
                if not trained:
                    # The model's output, never trained through: an inference-only decoding step, unless
                    # the layers before it are made here and nothing gives them weights.
                    if upstream is not True or not _sole_output(ctx, applied, nodes) or _loads_weights(nodes) \
                            or _models_made(ctx, nodes) > 1:  # (a training model may share the layers)
                        continue
                    where = ("it is the model's only output, after layers made here that nothing loads weights "
                             "into")
            yield Hit(
                maker,
                f"the Lambda layer returns the result of {why}, and {where}: no gradient flows back "
                f"through it, so the trainable layers before it are never trained (a heuristic; for "
                f"training, pass the gradient straight through with x + stop_gradient(f(x) - x))",
                class_name="Lambda", severity="warning", fix=None,
            )


def _lambda_uses(ctx, nodes):
    """(Lambda(...) call, does its output feed a further layer?, do weights sit before it? (True, False or
    None: cannot tell), the name or call that holds its output) for `y = Lambda(f)(x)`, `y = make_lambda()(x)`
    (a function of the file that returns a Lambda), `Model(x, Lambda(f)(h))` and Sequential lists."""
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Call):
            maker = _lambda_made_by(ctx, node.value.func)
            if maker is None:
                continue
            name = node.targets[0].id
            yield maker, any(
                isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
                and n.lineno > node.lineno and _is_call_argument(ctx, n, nodes) for n in nodes), \
                _any_weights([_made_by_weights(ctx, arg, nodes) for arg in node.value.args]), name, node.value.args
        elif isinstance(node, ast.Call) and last_name(ctx.qualify(node.func)) in _MODEL_MAKERS:
            outputs = _outputs_argument(node)
            if isinstance(outputs, ast.Call) and isinstance(outputs.func, ast.Call):
                maker = _lambda_made_by(ctx, outputs.func)
                if maker is not None:
                    yield maker, False, _any_weights([_made_by_weights(ctx, arg, nodes) for arg in outputs.args]), \
                        outputs, outputs.args
            if last_name(ctx.qualify(node.func)) == "Sequential" and node.args \
                    and isinstance(node.args[0], (ast.List, ast.Tuple)):
                items = node.args[0].elts
                for i, item in enumerate(items):
                    if isinstance(item, ast.Call) and _is_lambda(ctx, item):
                        before = [layer_has_weights(ctx, ctx.value(earlier, {})) for earlier in items[:i]]
                        yield item, i < len(items) - 1, _any_weights(before) if before else False, None, None


def _trained_elsewhere(ctx, inputs, nodes, cut) -> bool:
    """Does the layer right before the Lambda get a gradient by another path: its output tensor also feeds
    another layer, or the layer is shared and another call's output feeds on uncut (`e1 = emb(t); e2 =
    emb(t); e2 = Lambda(stop_gradient)(e2)`: the keras#8259 shared embedding, measured ld009w)? `cut`: ids
    of the names handed to blocking Lambdas (not a path). Straight-line wiring of names only."""
    if not inputs or not all(type(arg) is ast.Name for arg in inputs):
        return False
    for arg in inputs:
        bound = _latest_binding(arg.id, arg.lineno, nodes)
        if bound is None:
            return False
        if _feeds_on(ctx, arg.id, bound, nodes, cut):
            return True
        if type(bound) is not ast.Call or type(bound.func) is not ast.Name:
            return False
        layer = bound.func.id
        made = _latest_binding(layer, bound.lineno, nodes)
        if made is None:
            return False
        for node in nodes:  # the other calls of the same layer object
            if type(node) is ast.Call and node is not bound and type(node.func) is ast.Name and \
                    node.func.id == layer and _latest_binding(layer, node.lineno, nodes) is made:
                target = next((s.targets[0].id for s in nodes if type(s) is ast.Assign and s.value is node
                               and single_name_target(s)), None)
                if target is None or _feeds_on(ctx, target, node, nodes, cut):
                    return True  # (used inline, `net(shared(x))`, or its name feeds a layer)
    return False


def _feeds_on(ctx, name, bound, nodes, cut) -> bool:
    return any(type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Load and id(n) not in cut
               and _latest_binding(name, n.lineno, nodes) is bound and _is_call_argument(ctx, n, nodes)
               for n in nodes)


def _lambda_made_by(ctx, call):
    """The `Lambda(f)` call that makes the layer `call` returns: `Lambda(f)` itself, or the Lambda a
    function of the file returns (`def arg_max(): return Lambda(...)`)."""
    if _is_lambda(ctx, call):
        return call
    if isinstance(call.func, (ast.Name, ast.Attribute)) and not call.args:
        factory = file_function(ctx.file, call.func)
        if factory is not None:
            returns = [n.value for n in walk(factory) if isinstance(n, ast.Return) and n.value is not None]
            if len(returns) == 1 and isinstance(returns[0], ast.Call) and _is_lambda(ctx, returns[0]):
                return returns[0]
    return None


def _outputs_argument(model_call):
    """The `outputs` of `keras.Model(inputs, outputs)` (positional or keyword), or None."""
    if len(model_call.args) > 1:
        return model_call.args[1]
    return next((kw.value for kw in model_call.keywords if kw.arg == "outputs"), None)


def _sole_output(ctx, applied, nodes):
    """Is `applied` (a name or the call that applies the Lambda) the only output of a Model made here?"""
    if applied is None:
        return False
    for node in nodes:
        if type(node) is ast.Call and last_name(ctx.qualify(node.func)) in ("Model", "Functional"):
            outputs = _outputs_argument(node)
            if isinstance(outputs, (ast.List, ast.Tuple)) and len(outputs.elts) == 1:
                outputs = outputs.elts[0]
            if outputs is applied or (isinstance(outputs, ast.Name) and outputs.id == applied):
                return True
    return False


def _models_made(ctx, nodes):
    return sum(type(n) is ast.Call and last_name(ctx.qualify(n.func)) in _MODEL_MAKERS for n in nodes)


_WEIGHT_LOADERS = {"load_weights", "set_weights", "load_model", "load_own_variables", "assign"}


def _loads_weights(nodes):
    """Does this code put trained values into the weights (`load_weights`, `weights="imagenet"`, ...)?"""
    for node in nodes:
        if type(node) is ast.Call:
            if callee_name(node) in _WEIGHT_LOADERS:
                return True
            if any(kw.arg == "weights" and not (isinstance(kw.value, ast.Constant) and kw.value.value is None)
                   for kw in node.keywords):
                return True
    return False


def _is_lambda(ctx, call):
    return last_name(ctx.qualify(call.func)) == "Lambda" and bool(call.args)


def _lambda_blocks(ctx, function):
    """Why the Lambda's function blocks the gradient (every return a blocking op, or a value that does
    not depend on the function's input), or None."""
    if isinstance(function, ast.Lambda):
        return blocking_result(ctx, function.body, {}, arithmetic=True) or \
            _ignores_input(function.args, [function.body], {})
    if isinstance(function, (ast.Name, ast.Attribute)):
        defined = file_function(ctx.file, function)
        if defined is not None:
            body = walk(defined)
            returns = [n.value for n in body if isinstance(n, ast.Return) and n.value is not None]
            env = bindings(body)
            reasons = [blocking_result(ctx, value, env, arithmetic=True) for value in returns]
            if reasons and None not in reasons:
                return reasons[0]
            return _ignores_input(defined.args, returns, env)
    return None


_CONSTANT = "a value that does not depend on its input"
# Reading these of a tensor gives its shape or a constant of its shape, never its values.
_SHAPE_ONLY = {"shape", "ones_like", "zeros_like", "full_like", "len", "size", "rank", "ndim", "dtype",
               "int_shape"}


def _ignores_input(arguments, returns, env):
    """'a value that does not depend on its input' when no return value reads the function's first
    parameter except for its shape (`ops.ones((ops.shape(x)[0], 1))`), else None."""
    if not returns or not arguments.args or arguments.vararg or arguments.kwarg:
        return None
    param = arguments.args[0].arg
    seen, todo = set(), list(returns)
    while todo:
        expr = todo.pop()
        for node, shape_only in _names_in(expr):
            if node.id == param and not shape_only:
                return None
            if node.id in env and node.id not in seen:  # a local: what it was bound to counts
                if len(env[node.id]) != 1:
                    return None
                seen.add(node.id)
                todo.append(env[node.id][0])
    return _CONSTANT


def _names_in(expr, shape_only=False):
    """(Name node, read only for its shape?) for every name the expression reads."""
    if isinstance(expr, ast.Name):
        yield expr, shape_only
        return
    if isinstance(expr, ast.Attribute) and expr.attr in _SHAPE_ONLY:
        shape_only = True
    elif isinstance(expr, ast.Call) and callee_name(expr) in _SHAPE_ONLY:
        shape_only = True
    elif isinstance(expr, (ast.Lambda, ast.FunctionDef)):
        return
    for child in children(expr):
        yield from _names_in(child, shape_only)


# ---------------------------------------------- integer points between layers in functional wiring
# `ids = ops.argmax(generator(noise)); critic(ids)`: the generator gets no gradient through the critic.


def _functional_blocking_ops(ctx):
    """A blocking op (argmax, an integer cast, ...) applied to a tensor that trainable layers made, whose
    result is passed to a further layer or model, in code that builds a functional model."""
    for scope, nodes in ctx.scopes():
        if not any(type(n) is ast.Call and last_name(ctx.qualify(n.func)) in ("Input", "Model") for n in nodes):
            continue  # not model-building code (an evaluation loop may decode outputs on purpose)
        env = None
        reported = set()
        for node in nodes:
            if type(node) is not ast.Call or not node.args or _called_layer(ctx, node.func, nodes) is None:
                continue
            if _takes_ids(ctx, node.func, nodes) and _float_from_weights(ctx, node.args[0], nodes):
                yield Hit(
                    node,
                    f"{ast.unparse(node.args[0])[:40]} comes out of trainable layers and goes into a layer that "
                    f"reads integer ids ({_called_layer(ctx, node.func, nodes).layer_class}): it casts the values "
                    f"to integers, so no gradient flows back and the layers before it are never trained "
                    f"(a heuristic: feed it ids, or a soft lookup such as a matmul with its embeddings)",
                    severity="warning", fix=None,
                )
                continue
            for arg in node.args:
                blocked = _latest_binding(arg.id, arg.lineno, nodes) if isinstance(arg, ast.Name) else arg
                if not isinstance(blocked, ast.Call) or id(blocked) in reported:
                    continue
                env = env if env is not None else bindings(nodes)
                why = blocking_result(ctx, blocked, env)
                if why == "stop_gradient()":
                    continue  # (decided by _cut_by_stop_gradient: the layers before may train through another path)
                if why is None or _made_by_weights(ctx, blocked, nodes) is not True:
                    continue
                reported.add(id(blocked))
                yield Hit(
                    blocked,
                    f"a tensor made by trainable layers goes through {why} and on into a further layer: no "
                    f"gradient flows back through it, so the layers before it are never trained (a heuristic; "
                    f"for training, pass the gradient straight through with x + stop_gradient(f(x) - x))",
                    severity="warning", fix=None,
                )


# ------------------------------------------------------------------ outputs cut by stop_gradient
# `side = Dense(4)(h); side = ops.stop_gradient(side)` while wiring: when every use of a layer's output
# goes through stop_gradient (through locals, weightless layers, one-input ops), its weights get no
# gradient and never train. A frozen layer, a straight-through `x + stop_gradient(q - x)` or an output
# that also reaches the model another way is fine: those are the uses this counts.

def _cut_by_stop_gradient(ctx):
    names = {"stop_gradient"} | {local for local, path in ctx.file.aliases.items() if path.endswith(".stop_gradient")}
    for scope, nodes in ctx.scopes():
        for node in nodes:
            if type(node) is not ast.Call or len(node.args) != 1 or node.keywords:
                continue
            func = node.func
            if (func.attr if type(func) is ast.Attribute else func.id if type(func) is ast.Name else None) not in names \
                    or not (ctx.qualify(func) or "").startswith(TENSOR_LIBRARIES):
                continue
            made = _only_feeds(ctx, node.args[0], node, nodes, 0)
            if made is not None:
                layer = made[0]
                yield Hit(
                    node,
                    f"the output of {layer} is used only through stop_gradient(): no gradient reaches the layer, "
                    f"so its weights never train (stop the gradient before the layer, on its input, or freeze "
                    f"it with trainable=False if that is the intent)",
                    fix=None,
                )


def _only_feeds(ctx, expr, user, nodes, depth):
    """(the layer with weights whose output `expr` is, the call that applies it), when that output is used by
    `user` alone (through locals, weightless layers and one-tensor ops); else None."""
    if depth > 8:
        return None
    if type(expr) is ast.Name:
        bound = _latest_binding(expr.id, user.lineno, nodes)
        if bound is None or _uses_of(expr.id, bound, nodes) != 1:
            return None  # a parameter, or the value is read elsewhere too
        return _only_feeds(ctx, bound, bound, nodes, depth + 1)
    if type(expr) is not ast.Call or not expr.args:
        return None
    func = expr.func
    qualified = ctx.qualify(func) or ""
    if qualified.startswith(TENSOR_LIBRARIES) and qualified.rsplit(".", 1)[-1] not in _MODEL_MAKERS:
        if all(type(a) is ast.Constant for a in expr.args[1:]) and type(expr.args[0]) is not ast.Starred:
            return _only_feeds(ctx, expr.args[0], user, nodes, depth + 1)  # `ops.tanh(p)`, `ops.reshape(p, 2)`
        return None
    layer = _layer_made_here(ctx, func, nodes)
    if layer is None:
        return None
    value, constructor = layer
    if value.layer_class in STATELESS_LAYERS:
        if value.layer_class == "Lambda" or len(expr.args) != 1 or type(expr.args[0]) in (ast.List, ast.Tuple):
            return None
        return _only_feeds(ctx, expr.args[0], user, nodes, depth + 1)  # `Dropout(0.1)(p)`
    if not layer_has_weights(ctx, value) or value.layer_class in _MODEL_MAKERS or \
            any(kw.arg == "trainable" for kw in constructor.keywords):
        return None
    return (f"{value.layer_class}({', '.join(ast.unparse(a) for a in constructor.args)[:30]})"
            if type(func) is ast.Call else func.id), expr


def _layer_made_here(ctx, func, nodes):
    """(layer value, constructor call) for `Dense(4)(x)`, or `d(x)` with `d = Dense(4)` in this scope that is
    called here only and read nowhere else (not shared, stored, returned or frozen later); else None."""
    if type(func) is ast.Call:
        constructor = func
    elif type(func) is ast.Name:
        constructor = _latest_binding(func.id, func.lineno, nodes)
        if type(constructor) is not ast.Call or _uses_of(func.id, constructor, nodes) != 1:
            return None
    else:
        return None
    if type(constructor.func) not in (ast.Name, ast.Attribute):
        return None
    value = ctx.value(constructor, {})
    return (value, constructor) if value.kind == LAYER else None


def _uses_of(name, bound, nodes) -> int:
    """How many loads of `name` in the scope read the binding whose value is `bound` (2: any rebinding in a
    loop, where a later value may flow back, counts as unknown)."""
    count = 0
    for node in nodes:
        if type(node) is ast.Name and node.id == name:
            if type(node.ctx) is not ast.Load:
                if type(node.ctx) is ast.Del:
                    return 2
                continue
            if _latest_binding(name, node.lineno, nodes) is bound:
                count += 1
        elif type(node) in (ast.For, ast.While, ast.AsyncFor, ast.Global, ast.Nonlocal):
            return 2  # (a loop may read the value again; keep to straight-line wiring)
    return count


# Layers whose call casts its input to integer ids (an index, a category, a bucket).
_ID_LAYERS = {"Embedding", "CategoryEncoding", "IntegerLookup", "Hashing", "HashedCrossing"}


def _takes_ids(ctx, func, nodes) -> bool:
    layer = _called_layer(ctx, func, nodes)
    return layer is not None and layer.layer_class in _ID_LAYERS and (layer.qualname or "").startswith("keras.")


def _float_from_weights(ctx, expr, nodes, depth=0) -> bool:
    """Is `expr` the float output of a layer with weights (`Dense(13, activation="relu")(h)`), seen through
    weightless layers that keep values float (Dropout, Activation, Flatten...; not a Lambda, which may cast)?"""
    if isinstance(expr, ast.Name):
        expr = _latest_binding(expr.id, expr.lineno, nodes)
    if depth > 6 or not isinstance(expr, ast.Call) or not expr.args:
        return False
    layer = _called_layer(ctx, expr.func, nodes)
    if layer is None or layer.layer_class in ("Lambda", "InputLayer") or layer.layer_class in _ID_LAYERS:
        return False
    if layer_has_weights(ctx, layer):
        return True
    return layer.layer_class in STATELESS_LAYERS and _float_from_weights(ctx, expr.args[0], nodes, depth + 1)


def _latest_binding(name, line, nodes):
    """The value last bound to `name` by a statement that ends before `line` (`x = f(x)` chains), or None."""
    found = None
    for node in nodes:
        if type(node) is not ast.Assign or node.end_lineno >= line:
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id == name:
                found = node.value
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                    and len(target.elts) == len(node.value.elts):
                for item, value in zip(target.elts, node.value.elts):
                    if isinstance(item, ast.Name) and item.id == name:
                        found = value
    return found


def _called_layer(ctx, func, nodes):
    """The layer or model `func(...)` calls (`Dense(4)(x)`, `critic(x)` with `critic = make_critic()`), or None."""
    if isinstance(func, ast.Call):
        value = ctx.value(func, {})
        return value if value.kind == LAYER else None
    if isinstance(func, ast.Name):
        bound = _latest_binding(func.id, func.lineno, nodes)
        if isinstance(bound, ast.Call):
            if isinstance(bound.func, (ast.Name, ast.Attribute)):
                made = _module_factory_result(ctx, bound.func)
                if made is not None:
                    return made
            value = ctx.value(bound, {})
            return value if value.kind == LAYER else None
    return None


def _module_factory_result(ctx, func):
    """The layer or model a function of this file returns (`def make_critic(): ... return keras.Model(...)`)."""
    factory = file_function(ctx.file, func)
    if factory is None:
        return None
    body = walk(factory)
    env = bindings(body)
    for node in body:
        if isinstance(node, ast.Return) and node.value is not None:
            value = ctx.value(node.value, env)
            if value.kind == LAYER:
                return value
    return None


def _any_weights(answers):
    """True if any path has weights, False if none can, None when some path is unknown."""
    if True in answers:
        return True
    return False if answers and all(a is False for a in answers) else None


def _made_by_weights(ctx, expr, nodes, depth=0):
    """Does the tensor `expr` come out of a layer or model with weights (True), only out of the model's
    inputs, constants and weightless layers (False), or cannot we tell (None, e.g. a function parameter)?"""
    if depth > 12:
        return None
    if isinstance(expr, ast.Constant):
        return False
    if isinstance(expr, ast.Name):
        bound = _latest_binding(expr.id, expr.lineno, nodes)
        return None if bound is None else _made_by_weights(ctx, bound, nodes, depth + 1)
    if isinstance(expr, (ast.List, ast.Tuple)):
        return _any_weights([_made_by_weights(ctx, item, nodes, depth + 1) for item in expr.elts])
    outputs = expr.value if isinstance(expr, ast.Subscript) else expr
    if isinstance(outputs, ast.Attribute) and outputs.attr in ("output", "outputs") and \
            isinstance(outputs.value, ast.Name):  # `base.outputs[0]`: what a model made here computes
        layer = _called_layer(ctx, outputs.value, nodes)
        if layer is None:  # `keras.applications.VGG16(...)`: a model with weights
            bound = _latest_binding(outputs.value.id, outputs.value.lineno, nodes)
            made_by = ctx.qualify(bound.func) if isinstance(bound, ast.Call) else None
            return True if (made_by or "").startswith("keras.applications.") else None
        return True if layer_has_weights(ctx, layer) else None
    if isinstance(expr, ast.BinOp):
        return _any_weights([_made_by_weights(ctx, side, nodes, depth + 1) for side in (expr.left, expr.right)])
    if not isinstance(expr, ast.Call):
        return None
    if last_name(ctx.qualify(expr.func)) == "Input":
        return False
    layer = _called_layer(ctx, expr.func, nodes)
    if layer is not None and layer_has_weights(ctx, layer):
        return True
    if layer is None and not (ctx.qualify(expr.func) or "").startswith(TENSOR_LIBRARIES):
        return None  # a helper of the file or an unknown callable
    tensors = [arg for arg in expr.args if not isinstance(arg, ast.Constant)]
    return _any_weights([_made_by_weights(ctx, arg, nodes, depth + 1) for arg in tensors]) if tensors else False


def _compiles_with_loss(nodes):
    """`model.compile(optimizer, loss)` or `compile(..., loss=...)` in this scope: the outputs are trained."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "compile"
               and (len(n.args) >= 2 or any(kw.arg == "loss" for kw in n.keywords)) for n in nodes)


_MODEL_MAKERS = {"Model", "Sequential", "Functional"}


def _is_call_argument(ctx, name_node, nodes):
    """Is the name passed on to a further call (a layer), not only to `keras.Model(inputs, outputs)`? (Also
    in a list: `Concatenate()([a, b])`.)"""
    for n in nodes:
        if isinstance(n, ast.Call) and any(a is name_node or type(a) in (ast.List, ast.Tuple) and name_node in a.elts
                                           for a in n.args) \
                and last_name(ctx.qualify(n.func)) not in _MODEL_MAKERS:
            return True
    return False


def _outside_add_weight(ctx):
    text = file_text(ctx.file)
    if "add_weight" not in text and "add_variable" not in text:
        return
    tree = None
    for scope, nodes in ctx.scopes():
        env = None
        for node in nodes:
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("add_weight", "add_variable")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id != "self"):
                continue
            if not trainable(node):
                continue
            env = env if env is not None else ctx.bindings_of(nodes)
            owner = node.func.value.id
            if len(env.get(owner, ())) != 1:
                continue
            value = ctx.value(env[owner][0], env)
            if value.kind != LAYER or ctx.is_project_class(value.qualname):
                continue  # a project layer's call() may read the new attribute
            handle = _stored_as(node, nodes)
            if handle is None:
                continue
            tree = tree or parsed_file(ctx.file.path)
            if _is_read(handle, tree):
                continue
            shown = handle if isinstance(handle, str) else f"{owner}.{handle[1]}"
            yield Hit(
                node,
                f"{owner}.add_weight() adds a trainable weight ({shown}) to a built-in "
                f"{value.layer_class} from outside: its call() never reads it, so the weight is "
                f"counted but gets no gradient and is never trained",
                attribute=shown, class_name=value.layer_class, fix=None,
            )


def _stored_as(call, nodes):
    """`owner.attr = owner.add_weight(...)` -> ("attr", attr); `w = ...` -> "w"; a bare call -> "" ."""
    for node in nodes:
        if isinstance(node, ast.Expr) and node.value is call:
            return ""
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is call:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Attribute):
                return ("attr", target.attr)
            if isinstance(target, ast.Name):
                return target.id
            return None
    return None


def _is_read(handle, tree):
    if handle == "":
        return False
    for node in walk(tree):
        if isinstance(handle, tuple):
            if isinstance(node, ast.Attribute) and node.attr == handle[1] and isinstance(node.ctx, ast.Load):
                return True
        elif isinstance(node, ast.Name) and node.id == handle and isinstance(node.ctx, ast.Load):
            return True
    return False
