"""LD012 lambda-captured-state: a Lambda layer whose function uses layers or variables from outside."""

import ast
import re

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import FOREIGN, LAYER, WEIGHT
from ..facts import (_STATE_ATTRS, BAKED, LAYER_VALUE, STATE, SYMBOLIC, VARIABLE, _call_inputs, created_state,
                     free_names, is_lambda_call, lambda_functions, wiring)
from ..module import name_bindings
from ..walk import loop_parts, parent_map, self_attr, walk
from ..triggers import mentions_lambda_layer
from . import Hit

RULE = Rule(
    code="LD012", name="lambda-captured-state", severity="error", tf_keras_severity="error",
    summary="A `Lambda` layer's function uses layers or variables defined outside it.",
    what="Static: finds `Lambda(fn)` where `fn` (a lambda, a named function, or the project "
         "functions it calls) reads a layer, a variable, a KerasTensor or a tensor computed from a "
         "layer's weights (`layer.kernel`, `.embeddings`, `get_weights()`) from outside: a global, a "
         "closure, `self.x` of a builder (or, in a Layer or Model subclass's method, `self.x` holding a "
         "backend-native variable such as `tf.Variable`/`K.variable`, which the class does not track), or "
         "the result of a factory function; layers kept in a list, "
         "tuple or dict the function reads; a function made by a factory of the file "
         "(`Lambda(repeat(model, 3))`) whose closure binds a layer passed to the factory; `arguments={...}` "
         "holding such values; a Lambda called on a list that mixes KerasTensors with a variable or "
         "weight-derived tensor; a Lambda whose function creates layers or variables (also LD002); "
         "a nested def next to the Lambda closing over the wiring function's layers; a Lambda made in a "
         "loop or comprehension whose function reads the loop's variable unbound (`for k in range(3): "
         "Lambda(lambda z: z[:, k])`: Keras calls the function when the model runs, so every Lambda sees the "
         "last value; an error when the loop is known to run twice or more, else a warning) (a Lambda that "
         "only reads a plain attribute of a layer, `model.temperature`, or reads a variable of a layer "
         "the model calls each time it runs, `kernel = model.get_layer('enc').kernel`, is left alone); "
         "and, without a Lambda, a tensor computed from a layer's weights combined with KerasTensors "
         "or a variable (`keras.Variable(...)`) combined with them, while wiring a functional model (tied "
         "weights through `ops.transpose(dense.kernel)`), in a function, at module level or in the "
         "`__init__` of a Model subclass that hands its graph to `super().__init__(inputs=..., "
         "outputs=...)`. Runtime: reports layers and variables that a "
         "`Lambda`'s function captures or calls, or receives through `arguments=` or its input list, "
         "that no layer of the model tracks; a KerasTensor in `arguments=`; a constant in the graph "
         "that holds a weight's values (a copy or transpose taken while wiring), or a few values picked "
         "from a weight (`tf.gather(kernel, 0)`) that a Lambda closes over (both matched by value, "
         "flagged as a heuristic).",
    why={
        KERAS3: "A `Lambda` layer wraps a function and tracks nothing the function uses. A layer "
                "or variable captured from outside still computes, but belongs to no layer of the "
                "model: the Lambda's summary row says 0, the captured weights are not trained by "
                "`fit` and not saved with the model. Keras 3 says nothing on any backend.",
        TF_KERAS: "tf.keras 2 catches part of it: it raises when a captured layer creates its "
                  "weights inside the Lambda (\"The following Variables were created within a "
                  "Lambda layer (lambda) but are not tracked by said layer\"), and logs a warning "
                  "when the function only uses a captured `tf.Variable`; nothing is tracked in "
                  "either case.",
    },
    keras_says={
        KERAS3: "",
        TF_KERAS: "ValueError: The following Variables were created within a Lambda layer (lambda)\n"
                  "WARNING:tensorflow:The following Variables were used a Lambda layer's call "
                  "(lambda), but are not present in its tracked objects: <tf.Variable 'Variable:0' "
                  "shape=() dtype=float32> It is possible that this is intended behavior, but it is "
                  "more likely an omission. This is a strong indication that this layer should be "
                  "formulated as a subclassed Layer rather than a Lambda layer.",
    },
    example=snippet("""
        import keras

        proj = keras.layers.Dense(4)
        inputs = keras.Input((4,))
        outputs = keras.layers.Lambda(lambda t: proj(t) * 2.0)(inputs)
        model = keras.Model(inputs, outputs)
    """),
    use_instead=snippet("""
        import keras


        class ScaledProjection(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.proj = keras.layers.Dense(units)

            def call(self, inputs):
                return self.proj(inputs) * 2.0


        inputs = keras.Input((4,))
        outputs = ScaledProjection(4)(inputs)
        model = keras.Model(inputs, outputs)
    """),
    fix_hint="# call the layer directly, or hold it in a subclassed Layer:\n"
             "outputs = {attr}(inputs)",
    fixes={
        "created": "# a subclassed Layer that creates its layers and variables once, in __init__/build(),\n"
                   "# and uses them in call(), instead of a Lambda",
        "captured_variable": "# a variable is no layer to call: make {attr} a weight of a subclassed Layer\n"
                             "# (made with self.add_weight(...) in its build()) and read it in its call()",
        "wiring": "# read the weight inside a layer's call(), e.g. a layer holding the tied layer:\n"
                  "# ops.matmul(x, ops.transpose(self.tied_to.embeddings))",
        "captured_tensor": "# take the shape inside the function, from the Lambda's own input (not while wiring):\n"
                           "def {attr}(x): shape = tf.shape(x); ...",
    },
    fix_safety="No automatic fix: replacing the `Lambda` restructures the model and changes "
               "its saved layout.",
)

CODE = RULE.code


def TRIGGER(text: str) -> bool:
    """A Lambda, or functional code that reads a layer's weights while wiring."""
    return mentions_lambda_layer(text) or ("Input(" in text and _STATE_WORDS.search(text) is not None)


_STATE_WORDS = re.compile(r"\.(?:kernel|embeddings|weights|get_weights\(|bias|variables)\b|Variable\(")

_WHAT = {LAYER_VALUE: "a layer", VARIABLE: "a variable", STATE: "a tensor computed from a layer's weights",
         SYMBOLIC: "a KerasTensor of the model being wired", BAKED: "a layer's output on a concrete tensor"}


def check_module(ctx):
    wire = wiring(ctx)
    for scope, nodes in ctx.scopes():
        may_wire = wire.may_wire(nodes)
        if not may_wire and not any(is_lambda_call(ctx, n) for n in nodes):
            continue
        env = wire.env_of(scope)
        lambda_inner = set()
        for node in nodes:
            if type(node) is not ast.Call:
                continue
            if is_lambda_call(ctx, node):
                hit = _check_lambda(ctx, wire, node, env, scope, nodes)
                if hit is not None:
                    yield hit
                continue
            if type(node.func) is ast.Call and is_lambda_call(ctx, node.func) and may_wire:
                lambda_inner.add(id(node))
                kind, operand = wire.mixes(_call_inputs(node), env, scope)
                if kind in (VARIABLE, STATE):
                    yield Hit(node, f"Lambda layer called on {_text(operand)} ({_WHAT[kind]}) next to the "
                                    f"model's inputs: a Lambda tracks nothing, so that value is a constant "
                                    f"the model neither trains nor saves",
                              attribute=_text(operand), class_name="Lambda", fix="wiring")
                continue
        if not may_wire:
            continue
        for node in nodes:
            if type(node) is ast.BinOp:
                operands = [node.left, node.right]
            elif type(node) is ast.Call and id(node) not in lambda_inner and \
                    (ctx.qualify(node.func) or "").startswith(("keras.ops.", "tensorflow.", "keras.backend.")):
                operands = _call_inputs(node)
            else:
                continue
            kind, operand = wire.mixes(operands, env, scope)
            if kind == STATE:
                yield Hit(node, f"{_text(operand)} ({_WHAT[kind]}) is used while wiring a functional "
                                f"model: it enters the graph as a constant copy (tied weights that do "
                                f"not train); read the weight inside a layer's call() instead",
                          attribute=_text(operand), class_name=None, fix="wiring")
            elif kind == VARIABLE:
                yield Hit(node, f"{_text(operand)} ({_WHAT[kind]}) is used while wiring a functional "
                                f"model: no layer of the model owns it, so the model does not list it "
                                f"among its weights, fit() does not train it and saving drops it; create "
                                f"it with add_weight() in a layer that uses it in call()",
                          attribute=_text(operand), class_name=None, fix="wiring")


def _text(node) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_lambda(ctx, wire, node, env, scope, scope_nodes):
    bodies = lambda_functions(ctx, node, wire, env)
    captured = []
    creates = []
    for i, fn in enumerate(bodies):
        fenv = env if i == 0 and isinstance(fn, ast.Lambda) else wire.env_of(fn)
        nested = i == 0 and type(fn) is ast.FunctionDef and _nested_in(scope, fn)
        if nested:
            # a def next to the Lambda closes over the names of the scope that wires the model
            fenv = {**env, **name_bindings(wire.nodes_of(fn))}
        for name in free_names(fn):
            fscope = scope if isinstance(fn, ast.Lambda) else fn
            if name in wire.functions and name not in fenv:
                continue
            if name == "self":
                captured.extend(_self_captures(ctx, wire, fn, fenv, scope))
                continue
            if name not in fenv and not _parameter_of(fscope, name):
                if not (nested and _parameter_of(scope, name)):
                    continue
                fscope = scope  # a parameter of the function wiring the model: what its callers pass (chemical_vae)
            if fenv is env and name in fenv:  # a lambda runs when the Lambda is called: the bindings before it count
                earlier = [v for v in fenv[name] if getattr(v, "lineno", 0) < node.lineno]
                if earlier and len(earlier) < len(fenv[name]):
                    fenv = dict(fenv)
                    fenv[name] = earlier
            kind = wire.kind(ast.Name(id=name, ctx=ast.Load()), fenv, fscope)
            if kind is None:
                values = fenv.get(name, [])
                if any(ctx.value(v, fenv).kind in (LAYER, WEIGHT, FOREIGN) or _holds_layers(ctx, v, fenv)
                       for v in values):
                    kind = LAYER_VALUE
            if kind == LAYER_VALUE and _reads_only_config(fn, name):
                continue
            if kind == SYMBOLIC and _reads_only_metadata(fn, name):
                continue
            if kind in (STATE, LAYER_VALUE) and _reads_live_weights_of_the_model(
                    wire, fn, name, kind, fenv, fscope, node, scope_nodes):
                continue
            if kind in (LAYER_VALUE, VARIABLE, STATE, SYMBOLIC):
                captured.append((name, kind))
        if i == 0 and type(fn) is ast.FunctionDef and id(fn) in wire.class_of:  # `Lambda(self._shift)`
            captured.extend(_self_captures(ctx, wire, fn, fenv, scope))
        creates.extend(created_state(ctx, fn, fenv))
    captured.extend(_factory_captures(ctx, wire, node, env, scope))
    late, repeats = _late_bound_loop_names(bodies[0], node, scope_nodes) if bodies and not captured else ([], False)
    if late:
        names = ", ".join(late)
        return Hit(node, f"Lambda layer's function reads the loop variable {names} of the loop it is made in: "
                         f"Keras calls the function again each time the model runs, after the loop has ended, so "
                         f"every Lambda made in the loop sees the last value (the outputs are silently the same"
                         f"{'' if repeats else ' whenever the loop runs more than once'}); bind it when the Lambda "
                         f"is made: `lambda x, {late[0]}={late[0]}: ...` or `Lambda(f, arguments={{'{late[0]}': "
                         f"{late[0]}}})`",
                   attribute=late[0], class_name="Lambda", fix=None, severity=None if repeats else "warning")
    for kw in node.keywords:
        if kw.arg == "arguments" and type(kw.value) is ast.Dict:
            for key, value in zip(kw.value.keys, kw.value.values):
                kind = wire.kind(value, env, scope)
                if kind in (LAYER_VALUE, VARIABLE, STATE, SYMBOLIC):
                    captured.append((f"arguments[{ast.unparse(key) if key else '**'}]", kind))
    if captured and all(k == SYMBOLIC for _, k in captured):
        names = ", ".join(f"{n} ({_WHAT[k]})" for n, k in dict.fromkeys(captured))
        return Hit(node, f"Lambda layer uses {names} from outside its function: the graph does not connect it "
                         f"to the Lambda, so on data the function still sees the symbolic tensor (TensorFlow ops "
                         f"fail while wiring, the Lambda's output shape not inferred; with keras.ops the model wires "
                         f"but returns a KerasTensor, and predict() and fit() fail); pass it among the Lambda's inputs, "
                         f"`Lambda(f)([x, {_argument_name(captured[0][0])}])`",
                   attribute=captured[0][0], class_name="Lambda")
    if captured:
        names = ", ".join(f"{n} ({_WHAT[k]})" for n, k in dict.fromkeys(captured))
        return Hit(node, f"Lambda layer uses {names} from outside its function: a Lambda tracks "
                         f"nothing, so their weights are not counted, trained or saved",
                   attribute=captured[0][0], class_name="Lambda",
                   fix="captured_variable" if captured[0][1] in (VARIABLE, STATE) else None)
    if creates:
        what = ", ".join(dict.fromkeys(c for _, c in creates))
        return Hit(node, f"Lambda layer's function creates {what} on every call: the Lambda tracks "
                         f"none of it, so those weights are not counted, trained or saved",
                   attribute=creates[0][1], class_name="Lambda", fix="created")
    return None


def _late_bound_loop_names(fn, lambda_call, scope_nodes) -> tuple[list[str], bool]:
    """(names of an enclosing `for` loop or comprehension of the scope that the Lambda's function reads
    without binding them, whether such a loop is known to run at least twice): `for k in range(n):
    Lambda(lambda t: t[:, k])`, or a `def` in the loop body. Python closures read a loop variable when
    they run, not when they are made (measured: Keras 3 + TF, three slicing Lambdas made in a
    comprehension all return the last slice on predict)."""
    free = set(free_names(fn))
    if not free:
        return [], False
    anchor = fn if type(fn) is ast.FunctionDef else lambda_call
    out, repeats = [], False
    for loop in scope_nodes:
        parts = loop_parts(loop)
        if parts is None:
            continue
        targets, body, iters = parts
        names = {n.id for t in targets for n in walk(t) if type(n) is ast.Name} & free
        if names and any(n is anchor for stmt in body for n in walk(stmt)):
            out.extend(sorted(names - set(out)))
            repeats = repeats or any(_known_length(it) >= 2 for it in iters)
    return out, repeats


def _known_length(iterable) -> int:
    """How many items a literal sequence or `range()` of integer literals yields (0: unknown)."""
    if type(iterable) in (ast.List, ast.Tuple, ast.Set):
        return 0 if any(type(e) is ast.Starred for e in iterable.elts) else len(iterable.elts)
    if type(iterable) is ast.Call and type(iterable.func) is ast.Name and iterable.func.id == "range" \
            and all(type(a) is ast.Constant and type(a.value) is int for a in iterable.args) and iterable.args:
        return len(range(*[a.value for a in iterable.args][:3]))
    return 0


def _argument_name(captured: str) -> str:
    """`arguments['B']` -> `B`: what the fix passes among the Lambda's inputs."""
    return captured.removeprefix("arguments[").removesuffix("]").strip("'\"")


def _parameter_of(scope, name) -> bool:
    """Is `name` a parameter of the function `scope` (a KerasTensor the helper that wires the Lambda was
    handed: SciANN's `Lambda(lambda y: _gradients(y, xs))`)?"""
    if type(scope) is not ast.FunctionDef:
        return False
    args = scope.args
    return any(a.arg == name for a in args.posonlyargs + args.args + args.kwonlyargs)


def _self_captures(ctx, wire, fn, env, scope):
    """[(self.attr, kind)] for the attributes of self that `fn` (a lambda or a def, nested in a method, or
    a method itself) reads and that hold state no layer of the model tracks. On a plain class (a builder)
    that is any layer, variable or weight-derived tensor; a Layer or Model subclass tracks the layers and
    keras.Variables set on it, so there only a foreign variable (`tf.Variable`, `K.variable`) counts."""
    method = fn if id(fn) in wire.class_of else scope
    cls = wire.class_of.get(id(method))
    if cls is None:
        return []
    tracks = None  # does the class track what is set on it (a Layer or Model subclass)?
    out = []
    for sub in walk(fn):
        attr = self_attr(sub)
        if not attr:
            continue
        kind = wire.kind(sub, env, method)
        if kind not in (LAYER_VALUE, VARIABLE, STATE, SYMBOLIC):
            continue
        if kind in (LAYER_VALUE, VARIABLE):
            tracks = _is_layer_class(ctx, cls) if tracks is None else tracks
            if tracks and not (kind == VARIABLE and all(
                    ctx.value(v, venv).kind == FOREIGN for v, venv in wire.self_values.get(id(cls), {}).get(attr, ()))):
                continue
        out.append((f"self.{attr}", kind))
    return out


def _is_layer_class(ctx, cls) -> bool:
    summary = next((c for c in ctx.file.classes if c.name == cls.name and c.line == cls.lineno), None)
    return summary is not None and ctx.project.is_layer(ctx.project.key_of(summary.qualname, ctx.file.path))


def _nested_in(scope, fn) -> bool:
    """Is the def `fn` written inside the function `scope` (a closure over its names)?"""
    return type(scope) is ast.FunctionDef and any(node is fn for node in walk(scope))


def _reads_only_config(fn, name) -> bool:
    """Does `fn` use the layer `name` only to read a plain attribute (`model.temperature`,
    `dense.units`), never calling it or reading its weights, layers or tensors?"""
    uses = 0
    nodes = walk(fn)
    parents = parent_map(nodes)
    for node in nodes:
        if type(node) is not ast.Name or node.id != name:
            continue
        uses += 1
        parent = parents.get(id(node))
        if type(parent) is not ast.Attribute or parent.attr in _LAYER_ATTRS or parent.attr.startswith("_"):
            return False
        if type(parents.get(id(parent))) is ast.Call and parents[id(parent)].func is parent:
            return False  # a method call: `model.predict(x)`, `dense.get_weights()`
    return uses > 0


_METADATA = {"dtype", "shape", "ndim"}


def _reads_only_metadata(fn, name) -> bool:
    """Does `fn` read the KerasTensor `name` only for its dtype, shape or rank (`tf.zeros(..., dtype=res.dtype)`:
    held-out 45's FranNet head)? Those are fixed when the model is wired: nothing symbolic reaches the data."""
    uses = 0
    nodes = walk(fn)
    parents = parent_map(nodes)
    for node in nodes:
        if type(node) is ast.Name and node.id == name:
            uses += 1
            parent = parents.get(id(node))
            if type(parent) is not ast.Attribute or parent.attr not in _METADATA:
                return False
    return uses > 0


def _reads_live_weights_of_the_model(wire, fn, name, kind, env, scope, lambda_call, scope_nodes) -> bool:
    """Does `fn` read, each time it runs, the variables of a layer that the model being wired tracks?
    `kernel = model.get_layer("enc").kernel; model.add(Lambda(lambda x: x @ ops.transpose(kernel)))`
    trains and saves the kernel through its layer; only a tensor computed from it at wiring is a copy."""
    if kind == STATE:  # the name is bound to the variable itself, not to a tensor computed from it
        owners = [v.value for v in env.get(name, ()) if type(v) is ast.Attribute and v.attr in _STATE_ATTRS]
        if not owners or len(owners) != len(env[name]):
            return False
        roots = {_owner_root(owner) for owner in owners}
    else:  # every use of the layer in `fn` reads a variable of it or of one of its layers
        nodes = walk(fn)
        parents = parent_map(nodes)
        roots = {name}
        for node in nodes:
            if type(node) is ast.Name and node.id == name and not _reads_a_variable(node, parents):
                return False
    return None not in roots and all(_in_the_model(wire, root, env, scope, lambda_call, scope_nodes) for root in roots)


def _owner_root(expr) -> str | None:
    """`model.get_layer("enc")`, `model.layers[-1]`, `dense` -> the name the layer is reached from."""
    while True:
        if type(expr) is ast.Name:
            return expr.id
        if type(expr) is ast.Call and type(expr.func) is ast.Attribute and expr.func.attr == "get_layer":
            expr = expr.func.value
        elif type(expr) is ast.Subscript and type(expr.value) is ast.Attribute and expr.value.attr == "layers":
            expr = expr.value.value
        else:
            return None


def _reads_a_variable(node, parents) -> bool:
    """`name.kernel`, `name.get_layer("enc").kernel`, `name.layers[0].bias`, not called."""
    while True:
        parent = parents.get(id(node))
        if type(parent) is ast.Attribute and parent.attr == "get_layer" and \
                type(parents.get(id(parent))) is ast.Call and parents[id(parent)].func is parent:
            node = parents[id(parent)]
        elif type(parent) is ast.Attribute and parent.attr == "layers" and type(parents.get(id(parent))) is ast.Subscript:
            node = parents[id(parent)]
        elif type(parent) is ast.Attribute and parent.attr in _STATE_ATTRS:
            above = parents.get(id(parent))
            return not (type(above) is ast.Call and above.func is parent)
        else:
            return False


def _in_the_model(wire, root, env, scope, lambda_call, scope_nodes) -> bool:
    """Is the layer `root` part of the model the Lambda joins: called on a KerasTensor, added to a
    Sequential or listed in one, or the Sequential that the Lambda is added to?"""
    for node in scope_nodes:
        if type(node) is not ast.Call:
            continue
        func = node.func
        if type(func) is ast.Name and func.id == root and wire.kind(node, env, scope) == SYMBOLIC:
            return True
        if type(func) is ast.Attribute and func.attr == "add":
            if type(func.value) is ast.Name and func.value.id == root and \
                    any(sub is lambda_call for arg in node.args for sub in walk(arg)):
                return True
            if any(type(arg) is ast.Name and arg.id == root for arg in node.args):
                return True
        if type(func) in (ast.Name, ast.Attribute) and (func.id if type(func) is ast.Name else func.attr) == "Sequential" \
                and node.args and type(node.args[0]) in (ast.List, ast.Tuple) and \
                any(type(item) is ast.Name and item.id == root for item in node.args[0].elts):
            return True
    return False


# attributes of a layer that hold its state, sublayers or tensors (the rest is plain config)
_LAYER_ATTRS = _STATE_ATTRS | {"layers", "layer", "output", "outputs", "input", "inputs", "submodules",
                               "cell", "forward_layer", "backward_layer"}


def _holds_layers(ctx, value, env):
    """A list, tuple or dict literal (or a comprehension) of layers or variables: `blocks = [Dense(64), Dense(1)]`."""
    if type(value) in (ast.List, ast.Tuple, ast.Set):
        items = value.elts
    elif type(value) is ast.Dict:
        items = value.values
    elif type(value) in (ast.ListComp, ast.GeneratorExp, ast.SetComp):
        items = [value.elt]
    else:
        return False
    return any(ctx.value(item, env).kind in (LAYER, WEIGHT, FOREIGN) for item in items)


def _factory_captures(ctx, wire, lambda_call, env, scope):
    """`Lambda(apply_n_times(model, 3))`: the function a factory of the file returns closes over the
    factory's parameters; [(name, kind)] for those bound to a layer, variable or weight-derived tensor."""
    made_by = lambda_call.args[0] if lambda_call.args else None
    if type(made_by) is not ast.Call:
        return []
    factory = wire.function_of(made_by.func)
    if type(factory) is not ast.FunctionDef:
        return []
    inner = {n.name: n for n in factory.body if type(n) is ast.FunctionDef}
    made = None
    for stmt in factory.body:
        if type(stmt) is ast.Return and stmt.value is not None:
            made = inner.get(stmt.value.id) if type(stmt.value) is ast.Name else \
                stmt.value if type(stmt.value) is ast.Lambda else None
    if made is None:
        return []
    bound = dict(zip((a.arg for a in factory.args.args), made_by.args))
    bound.update({kw.arg: kw.value for kw in made_by.keywords if kw.arg})
    out = []
    for name in free_names(made):
        argument = bound.get(name)
        if argument is None:
            continue
        kind = wire.kind(argument, env, scope)
        if kind is None and ctx.value(argument, env).kind in (LAYER, WEIGHT, FOREIGN):
            kind = LAYER_VALUE
        if kind in (LAYER_VALUE, VARIABLE, STATE, SYMBOLIC):
            out.append((f"{name}={_text(argument)}", kind))
    return out
