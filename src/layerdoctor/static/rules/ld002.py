"""LD002 state-created-in-call: variables, weight-like tensors or sublayers created in call()."""

import ast
import os
import re

from ... import keras_messages as msg
from ...formatting import snake_case
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS, WEIGHT_OPERAND_OPS
from ...finding import TF_KERAS as TF_KERAS_TARGET
from ..class_facts import HelperReader, handed_in_layer, handed_in_listed_layer, imported_function, listed_layer
from ..context import (FOREIGN, LAYER, OTHER, STATELESS_LAYERS, TENSOR, WEIGHT, WEIGHT_NAME_RE, SelfAssign, Value, bindings,
                       lazily_guarded_lines, self_attr)
from ..project import is_framework_root, is_keras_layer_name
from ..walk import callee_name, hands_over_a_graph, methods_run, walk
from ..facts import created_state, is_lambda_call, lambda_functions, wiring
from ..triggers import mentions_lambda_layer
from . import Hit

RULE = Rule(
    code="LD002", name="state-created-in-call", severity="error", tf_keras_severity="error",
    summary="A variable, weight-like tensor or sublayer is created inside `call()`.",
    what="Static: finds layers (`keras.layers.*`, custom layer classes), variables "
         "(`self.add_weight`, `keras.Variable`, `tf.Variable`) and random or filled weight "
         "tensors created in `call()` or in a method that `call()` uses, layers or variables made by what "
         "`call()` runs of the project (a function of the file or imported from another file of the project, "
         "a method of a plain, non-Layer, object held on `self` or made in `call()`, followed a few calls "
         "deep; reported on the line of `call()` that runs it; a helper called from `__init__`/`build()` or "
         "under a once-only guard, or one that only calls layers it is handed, is not), and layers or variables "
         "created by the function of a `Lambda` layer (it runs on every call); on Keras 3 also Keras's "
         "random layers (`Dropout` with a rate, `GaussianNoise`, `Random*`), which own a seed-generator "
         "variable (TensorFlow's traced `fit` raises on it), and a weight or sublayer made once under a guard "
         "(`if self.w is None:`, `if not hasattr(self, \"w\"):`) in `call()`, or by a method that `call()` runs only "
         "under such a guard (`if self.w is None: self._create_state(n)`): Keras 3 builds the layer and locks "
         "its state before `call()` runs, unless its default `build()` meets a sublayer still unbuilt (then "
         "it runs `call()` symbolically first); a warning where `__init__` stores an argument that may be "
         "such a sublayer; a warning for a tensor computed from the inputs that `call()` keeps on `self` "
         "and that the next call computes with (calibration ranges, running values); on "
         "Keras 3, code that stores a new layer onto a layer of a model already built "
         "(`model.get_layer(\"attn\")._query_dense = LoraLayer(...)`, `model.layers[i].x = Dense(2)`), "
         "or onto a layer or subclassed model already called, built or fitted (in the same function, "
         "returned built by a function of the file or of another file of the project, or passed to a function that stores it: "
         "`model = restore(); new_task(model)` with `model.head = Dense(2)` in `new_task`), "
         "which Keras 3's state lock refuses; a weighted sublayer made in `__init__` (or handed in to it: "
         "`self.cell = cell`, with a call site of the project passing a layer) and first run by a "
         "`@tf.function` `call()`, or a `@tf.function` method `call()` runs, without being built in `build()` (its variables are made while the call "
         "is traced and the graph keeps their initial values: counted, never trained; an error when the "
         "layer has no `build()`, else a warning). Runtime: calls the model "
         "twice and reports variables, layers and weight attributes that are new after each "
         "call, and recognises the errors Keras raises for state created in `call()`.",
    why={
        KERAS3: "Whatever `call()` creates is created again, with fresh random values, on every "
                "call: it is never trained, never saved, and the output changes from call to call. "
                "What Keras 3 does about it depends on the form and the backend. "
                "`self.add_weight(...)` or `self.proj = Dense(...)` in `call()` raises \"You cannot "
                "add new elements of state\" on every backend. A local `Dense(...)` in `call()` "
                "passes eager calls and model building; then `fit` raises \"tf.function only "
                "supports singleton tf.Variables\" on TensorFlow, while JAX and torch train nothing, "
                "silently. A local `keras.Variable`/`tf.Variable` is silent in eager calls and raises "
                "when a functional model is built, with a different message per backend. "
                "`self.w = keras.random.normal(...)` is silent (0 parameters) except on JAX, where "
                "building the model raises \"[JAX RNG] When tracing a JAX function, you should only "
                "use seeded random ops\".",
        TF_KERAS: "Whatever `call()` creates is created again on every call. tf.keras 2 even "
                  "accepts `self.add_weight(...)` and `self.proj = Dense(...)` in `call()`: each "
                  "call creates a new variable and drops the previous one, so the weight listed in "
                  "`layer.weights` is never the one the next call uses and gets no gradient. Eager "
                  "calls run; `fit` raises \"tf.function only supports singleton tf.Variables "
                  "created on the first call\" (also for a local `Dense` in `call()`). A local "
                  "`tf.Variable` raises \"could not be lifted out of a `tf.function`\" when the "
                  "model is built; a random tensor is silent (0 parameters).",
    },
    keras_says={
        KERAS3: "\n".join([msg.CANNOT_ADD_STATE, msg.SINGLETON]),
        TF_KERAS: "\n".join([msg.SINGLETON, msg.NOT_LIFTED]),
    },
    example=snippet("""
        import keras


        class ProjectionHead(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def call(self, inputs):
                dense = keras.layers.Dense(self.units)  # new weights on every call
                return dense(inputs)
    """),
    use_instead=snippet("""
        import keras


        class ProjectionHead(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units
                self.dense = keras.layers.Dense(units)  # created once, tracked

            def call(self, inputs):
                return self.dense(inputs)
    """),
    fix_hint="# in __init__ (sublayers) or build() (weights), never in call():\n"
             "self.{attr} = {created}",
    fixes={
        "built_model": "# change the layer before the model is wired (or rebuild the model), or unlock it first:\n"
                       "{owner}._tracker.locked = False  # then: {owner}.{attr} = {created}",
        "carried": "# in build(): self.{attr} = self.add_weight(..., trainable=False); then in call():\n"
                   "self.{attr}.assign({created})",
        "helper": "# make the layers {helper} creates once, in __init__ (or build()), and have it only call them:\n"
                  "self.{attr} = {created}",
        "lambda_function": "# a Lambda keeps no state: write a Layer whose build() makes it once,\n"
                           "# self.{attr} = self.add_weight(...), and whose call() uses self.{attr}",
    },
    fix_safety="No automatic fix: the created object's arguments often depend on values that "
               "exist only in `call()` (the input's shape, `training`), so where and how to "
               "create it once is a decision for the author.",
)

CODE = RULE.code


def check_class(ctx):
    reported = set()
    carried = set()  # attrs reported by _read_later (one finding per attribute)
    for method, func in ctx.methods_of("call"):
        if ctx.in_phase(method, "build") or ctx.in_phase(method, "__init__"):
            continue  # shared with build/__init__: cannot tell it runs per call
        guarded = lazily_guarded_lines(func, ctx.nodes_of(method, ast.If))
        assigns = ctx.nodes_of(method, ast.Assign)
        targets = _self_targets(assigns)
        locals_ = _local_targets(assigns)
        drew = False  # a random draw somewhere in the method (what _random_weight_operands looks for)
        for node in ctx.nodes_of(method, ast.Call):
            if node.lineno in guarded:
                drew = True  # (not classified here: let _random_weight_operands look)
                hit = _made_once_in_call_on_keras3(ctx, method, func, node, targets.get(id(node)))
                if hit and node.lineno not in reported:
                    reported.add(node.lineno)
                    yield hit
                helper = self_attr(node.func)
                if helper and helper in ctx.methods and not ctx.in_phase(helper, "call"):
                    for hit in _made_by_guarded_helper(ctx, method, func, node, helper):
                        if hit.node.lineno not in reported:
                            reported.add(hit.node.lineno)
                            yield hit
                continue
            value = ctx.value(node, ctx.env(func))
            drew = drew or value.random
            attr = targets.get(id(node))
            consequence = "it is new each time, never trained and never saved"
            if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS and \
                    ctx.has_weights(value.qualname) and not _wraps_a_kept_layer(ctx, node, func):
                what = f"a {value.layer_class} layer"
            elif value.kind == LAYER and ctx.target != TF_KERAS_TARGET and _draws_random(value, node):
                what = f"a {value.layer_class} layer"
                consequence = ("on Keras 3 it owns a seed-generator variable, made anew each time: a traced "
                               "call (fit() on TensorFlow) raises \"tf.function only supports singleton "
                               "tf.Variables\", and other backends draw from a fresh seed state")
            elif value.kind in (WEIGHT, FOREIGN):
                what = f"a variable ({value.qualname})"
            elif value.kind == TENSOR and attr and (value.random or WEIGHT_NAME_RE.match(attr)):
                what = f"a raw tensor ({value.qualname})"
            elif attr and attr not in carried and (value.kind == TENSOR or value.kind == OTHER and (
                    value.qualname or "").startswith(_TENSOR_OPS)) and \
                    (reader := _read_later(ctx, attr, node, method, func)):
                carried.add(attr)
                yield Hit(
                    node,
                    f"{ctx.name}.{method}() keeps a tensor computed from its inputs on self.{attr} and "
                    f"{reader} reads it back to compute with: state kept as a raw tensor, not a variable (not "
                    f"tracked or saved); after a traced call (fit, predict) it is a tensor of that graph, and the "
                    f"next call raises \"is out of scope and cannot be used here\" (heuristic: use a "
                    f"non-trainable weight updated with .assign(), or return the value)",
                    attribute=attr, severity="warning", fix="carried",
                    fix_values={"attr": attr, "created": ast.unparse(node)},
                )
                continue
            else:
                if node.lineno not in reported and (hit := _made_by_stored_lambda(ctx, method, node)):
                    reported.add(node.lineno)
                    yield hit
                    continue
                if value.kind == OTHER and node.lineno not in reported and _may_run_project_code(node, value):
                    hit = _made_by_helper(ctx, method, func, node, value)
                    if hit is not None:
                        reported.add(node.lineno)
                        yield hit
                continue
            if node.lineno in reported:
                continue
            reported.add(node.lineno)
            where = f"self.{attr}" if attr else "a local"
            name = attr or locals_.get(id(node)) or snake_case((value.layer_class or value.qualname or "x").split(".")[-1])
            yield Hit(
                node,
                f"{ctx.name}.{method}() creates {what} on every call ({where}): {consequence}",
                attribute=attr,
                fix_values={"attr": name, "created": ast.unparse(node)},
            )

        if drew:
            yield from _random_weight_operands(ctx, method, func, reported)

    yield from _built_inside_traced_call(ctx)


# Calls whose operands are an input and a weight: a random tensor there is the layer's matrix.


def _random_weight_operands(ctx, method, func, reported):
    """`ops.matmul(x, tf.random.normal((x.shape[-1], self.units)))` (also through a local of `method`): a
    random matrix sized by a layer setting, drawn on every call and contracted with the inputs as a weight.
    Noise, dropout masks and a VAE's eps (sized by the input alone, added or multiplied) are not operands."""
    operands = []
    for node in ctx.nodes_of(method, ast.BinOp):
        if type(node.op) is ast.MatMult:
            operands += (node.left, node.right)
    for node in ctx.nodes_of(method, ast.Call):
        if (callee_name(node) or "") in WEIGHT_OPERAND_OPS:
            operands += [a for a in node.args if type(a) is not ast.Constant]
    if not operands:
        return
    bound = {}
    for node in ctx.nodes_of(method, ast.Assign):
        if len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            bound[node.targets[0].id] = None if node.targets[0].id in bound else node.value
    for operand in operands:
        if type(operand) is ast.Name:
            operand = bound.get(operand.id)
        draw = _drawn(operand)
        if draw is None or draw.lineno in reported or any(k.arg == "seed" for k in draw.keywords):
            continue  # a seeded draw (a SeedGenerator) resampled on purpose: random filtering, data
        value = ctx.value(draw, ctx.env(func))
        if value.kind not in (TENSOR, FOREIGN) or not value.random or not any(
                self_attr(n) for a in draw.args + [k.value for k in draw.keywords]
                for n in walk(a) if type(n) is ast.Attribute):
            continue  # sized by the input alone: noise, not a matrix of the layer's own size
        reported.add(draw.lineno)
        yield Hit(draw, f"{ctx.name}.{method}() draws a random matrix ({value.qualname}) on every call and "
                           f"computes with it as the layer's weight: the layer has no weights, nothing is trained or "
                           f"saved, and the output changes from call to call", attribute=None,
                  fix_values={"attr": "kernel", "created": ast.unparse(draw)})


def _drawn(expr):
    """The call `expr` is, through `.astype(...)` and scaling by a constant or a call (`/ np.sqrt(n)`), or None."""
    while True:
        if type(expr) is ast.BinOp and type(expr.op) in (ast.Mult, ast.Div):
            expr = expr.left if type(expr.right) in (ast.Constant, ast.Call) else expr.right \
                if type(expr.left) is ast.Constant else None
        elif type(expr) is ast.Call and type(expr.func) is ast.Attribute and expr.func.attr == "astype":
            expr = expr.func.value
        else:
            return expr if type(expr) is ast.Call else None


# ------------------------------------------------------------------ a sublayer first built inside @tf.function
# Measured on Keras 3.15.1 + TF 2.21 (ld002n; /tmp/fix12b/m2.py, m2b.py): a call() decorated with
# @tf.function that runs a weighted sublayer made in __init__ and not built in build(): the sublayer's
# weights are made while the function is first traced, and when that first trace is symbolic (the layer
# wired on a keras.Input, or a layer without build() that Keras builds by tracing call()) the graph later
# calls reuse holds their initial values: counted, but None gradients, and the output ignores them. A
# GRUCell or a Dense, with or without a tf.range loop; the sublayer built in build() (or no @tf.function)
# is fine, and so is a layer with build() whose first call is eager. The same for a layer handed in to
# the constructor (`self.cell = cell`, `MyRNN(LNSimpleRNNCell(32))`: ld002p, measured the same way).

def traced_call_unbuilt_sublayers(ctx):
    """(assign, value, no_build, what is traced) for each weighted sublayer made in __init__ (or handed in to it) that a
    @tf.function call() (or a @tf.function method call() runs) first builds; `no_build`: the class has no build() of its own, so Keras builds it by
    tracing call() and the weights surely get no gradient (LD009 reports that too). Keras 3 only: tf.keras 2
    builds them eagerly and they train (measured, tf-keras 2.21)."""
    if ctx.target == TF_KERAS_TARGET or "call" not in ctx.methods or \
            not any(method.decorator_list for method in ctx.cls.methods.values()):
        return  # (almost every class: no decorated method)
    traced = sorted(name for name in methods_run(ctx.cls.methods, "call") if _traced(ctx, ctx.cls.methods.get(name)))
    if not traced:
        return
    what = "call() is a @tf.function" if "call" in traced else f"call() runs the @tf.function {traced[0]}()"
    built = {attr for method, _ in ctx.methods_of("build") for node in ctx.nodes(method)
             if (attr := self_attr(node))}  # `self.cell.build(...)`, or called in build(): built there
    called = {attr for method, _ in ctx.methods_of("call") for node in ctx.nodes(method)
              if type(node) is ast.Call and (attr := self_attr(node.func))}
    # with its own build() the defect needs a symbolic first call (functional wiring): a heuristic
    project = ctx.project
    no_build = not ctx.has_method("build") and all(
        is_framework_root(base) or base in project.classes and not project.classes[base][0].defines_build
        for base in project.user_ancestors(ctx.qualname))  # (a project base between may be a plain Model too)
    reported = set()
    looped = _run_from_loops(ctx) if no_build else set()
    for assign, env in _init_assigns_with_bases(ctx):
        attr = assign.attr
        if attr in built or attr in reported:
            continue
        if attr not in called:
            # `for layer in self.blocks: x = layer(x)`: layers kept in a list, made in __init__ or handed in
            listed = (listed_layer(ctx, assign.value, env) or handed_in_listed_layer(ctx, assign)) \
                if attr in looped else None
            if listed is not None:
                reported.add(attr)
                yield assign, Value(LAYER, listed.qualname, layer_class=f"list of {listed.layer_class}"), no_build, what
            continue
        value = ctx.value(assign.value, env)
        if value.kind != LAYER and type(assign.value) is ast.Name:
            # `self.cell = cell`: the layer a call site of the project hands in (ld002p, the book's MyRNN)
            value = handed_in_layer(ctx, assign) or value
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            continue
        reported.add(attr)
        yield assign, value, no_build, what


def _run_from_loops(ctx) -> set[str]:
    """Attributes whose items call() (or a method it runs) calls in a loop: `for layer in self.blocks: layer(x)`,
    also through zip()/enumerate() and nested loops (`for path, layers in zip(x, self.convs): for layer in layers`)."""
    out = set()
    for method, _ in ctx.methods_of("call"):
        for loop in ctx.nodes_of(method, ast.For):
            attrs = {attr for n in walk(loop.iter) if (attr := self_attr(n))}
            if not attrs:
                continue
            inner = walk(loop)
            names = {n.id for part in [loop] + [n for n in inner if type(n) is ast.For]
                     for n in walk(part.target) if type(n) is ast.Name}
            if any(type(n) is ast.Call and type(n.func) is ast.Name and n.func.id in names for n in inner):
                out |= attrs
    return out


def _init_assigns_with_bases(ctx):
    """(SelfAssign, env) for `self.x = ...` in __init__, then in the __init__ of project bases of the same file
    (TensorFlowTTS's generator keeps `self.melgan` from its base class)."""
    for assign in ctx.self_assigns(("__init__",)):
        if assign.method in ctx.methods:
            yield assign, ctx.env(ctx.methods[assign.method])
    for base in ctx.project.user_ancestors(ctx.qualname):
        found = ctx.project.classes.get(base)
        init = (ctx.project.class_methods(base) or {}).get("__init__") if found and found[1].path == ctx.file.path else None
        if init is None:
            continue
        nodes = walk(init)
        env = bindings(nodes)
        for node in nodes:
            if type(node) is ast.Assign and len(node.targets) == 1 and (attr := self_attr(node.targets[0])):
                yield SelfAssign(attr, node.value, node, "__init__"), env


def _traced(ctx, method) -> bool:
    """Is `method` a @tf.function (call() itself, or a method call() runs: TensorFlowTTS's `inference()`)?"""
    return method is not None and any(ctx.qualify(d.func if type(d) is ast.Call else d) == "tensorflow.function"
                                      for d in method.decorator_list)


def _built_inside_traced_call(ctx):
    for assign, value, no_build, what in traced_call_unbuilt_sublayers(ctx):
        attr = assign.attr
        when = ("Keras builds this layer, which has no build(), by tracing call()" if no_build else
                "heuristic: when the layer is first called on a keras.Input, in a functional model; an eager "
                "first call is fine")
        handed = " handed in to the constructor" if type(assign.value) is ast.Name else ""
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{what} and self.{attr} (a {value.layer_class}{handed}) is not built in "
            f"build(): its weights are made while the function is first traced, symbolically ({when}), and "
            f"the traced graph keeps their initial values: counted, but they get no gradient, are never "
            f"trained and do not change the output; build it in build() (self.{attr}.build(...))",
            attribute=attr, severity=None if no_build else "warning", fix=None,
        )


_TENSOR_OPS = ("keras.ops.", "tensorflow.", "keras.backend.", "jax.numpy.", "torch.")


def _read_later(ctx, attr, node, method, func) -> str | None:
    """`self.act_max = tf.reduce_max(inputs)` in call(), and self.act_max computed with (an argument, an
    operand) by the next call (a read before the store, or in another branch of an `if`): who reads it,
    else None. Measured on Keras 3.15.1 + TF 2.21 (ld002k): after
    predict() the next call raises "... is out of scope and cannot be used here". A tensor only returned
    (`return self._masks`, a property for inspection) or read after the store in the same call is not."""
    if ctx.mentions(attr) <= ctx.stores_of(attr) or ctx.cls.dynamic_access:
        return None  # (cheap gate: never read back)
    params = {a.arg for a in func.args.args[1:] + func.args.kwonlyargs} | set(ctx.env(func))
    if not any(type(n) is ast.Name and n.id in params for n in walk(node)):
        return None  # not computed from the inputs (a constant made per call)
    nodes = ctx.nodes(method)
    store = next(s for s in nodes if type(s) is ast.Assign and s.value is node)
    # (only reads in call() itself: another method may read it in the same traced step, a loss stashed
    # in call() and summed by train_step, which works)
    for load in _computing_reads(nodes, attr):
        if load.lineno <= store.lineno or any(type(n) is ast.If and (
                _inside(store, n.body) and _inside(load, n.orelse) or _inside(store, n.orelse) and _inside(load, n.body))
                for n in nodes):
            return "the next call"
    return None


def _computing_reads(nodes, attr):
    """Loads of self.<attr> used as a value: an argument, an operand, an indexed value (not the receiver
    of `.append(...)`, a `return`, or an `is None` test)."""
    for parent in nodes:
        kind = type(parent)
        if kind is ast.Call:
            children = [*parent.args, *(k.value for k in parent.keywords)]
        elif kind is ast.BinOp:
            children = [parent.left, parent.right]
        elif kind is ast.UnaryOp:
            children = [parent.operand]
        elif kind is ast.Subscript:
            children = [parent.value]
        else:
            continue
        for child in children:
            if type(child) is ast.Attribute and type(child.ctx) is ast.Load and self_attr(child) == attr:
                yield child


def _inside(node, stmts) -> bool:
    return bool(stmts) and stmts[0].lineno <= node.lineno <= (stmts[-1].end_lineno or stmts[-1].lineno)


def _may_run_project_code(node, value) -> bool:
    """The cheap test first: a call of a plain name (a function of the file or one imported), of a
    module's function (`blocks.head(x)`), of an object (`self.tcn(x)`, `Helper(3)(x)`), not of Keras,
    TensorFlow... (`tf.concat`). (The layer's own methods are read as call()'s code: `self.x(...)` here
    can only be an object it holds.)"""
    func = node.func
    kind = type(func)
    if kind is ast.Name or kind is ast.Call:
        return True
    if kind is not ast.Attribute:
        return False
    name = value.qualname or ""
    if name.startswith(_OUTSIDE_PREFIXES):
        return False
    receiver = func.value
    if type(receiver) is ast.Name and receiver.id == "self":
        return True  # `self.tcn(x)`
    return type(receiver) in (ast.Name, ast.Attribute, ast.Call)


_OUTSIDE_PREFIXES = ("keras.", "tensorflow.", "numpy.", "torch.", "jax.", "math.")


def _made_by_stored_lambda(ctx, method, node):
    """`self.conv = lambda n: NormConv2D(n, 1)` in __init__, then `self.conv(channels)(x)` in call(): every
    call makes a new layer (measured on Keras 3.15.1: the block owns 0 weights, the tape reads 3 variables the
    model does not track, and a second call makes 3 more). Every store of the attribute must be such a lambda:
    one rebound to the layer it makes (`self.conv = self.conv(n)` in build()) is made once."""
    attr = self_attr(node.func)
    if attr is None or attr in ctx.methods:
        return None
    stores = ctx.assigns_by_attr("__init__", "build", "call").get(attr)
    if not stores or any(type(a.value) is not ast.Lambda for a in stores):
        return None
    made = stores[0].value.body
    if type(made) is ast.Call and type(made.func) is ast.Call:
        made = made.func  # `lambda x: Conv2D(n, 3)(x)`: made and applied at once (held-out 44's ESRGAN block)
    value = ctx.value(made, ctx.env(ctx.methods[stores[0].method]))
    if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
        return None
    return Hit(
        node,
        f"{ctx.name}.{method}() calls self.{attr}, a lambda that creates a {value.layer_class} layer, on every "
        f"call: the layer is new each time, never trained and never saved; make it once (in build(), where the "
        f"input size is known) and call it",
        attribute=attr, fix_values={"attr": attr, "created": ast.unparse(made)},
    )


def _made_by_helper(ctx, method, func, node, value):
    """call() runs a function of the project or a method of a plain project object that makes layers
    or variables: made again on every call (measured on Keras 3: ld002i)."""
    reader = getattr(ctx, "_helper_reader", None)
    if reader is None:
        extra = None if ctx.target == TF_KERAS_TARGET else _random_layer
        reader = ctx._helper_reader = HelperReader(ctx, extra)
    qualname = value.qualname if type(node.func) is not ast.Call and "." in (value.qualname or "") else None
    found = reader.made_by(node, func, ctx.env(func), qualname)
    if found is None:
        return None
    runs, made = found
    made = [m for m in made if m.param is None]  # (a rate call() passes on from a setting may be 0)
    if not made:
        return None
    weights = [m for m in made if m.kind != "random"]
    made = weights or made  # random layers only alone: a rate read from a setting may be 0 at run time
    first = made[0]
    names = [_describe(name, kind) for name, kind in dict.fromkeys((m.what, m.kind) for m in made)]
    names = names if len(names) <= 3 else names[:3] + ["more"]
    what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    where = first.inside if first.path == ctx.file.path else f"{first.inside} in {os.path.basename(first.path)}"
    return Hit(
        node,
        f"{ctx.name}.{method}() runs {runs}, which creates {what} on every call (line {first.line}, in "
        f"{where}): new each time, never tracked by the layer, trained or saved",
        attribute=None, fix="helper",
        fix_values={"attr": snake_case(first.what), "created": f"{first.what}(...)", "helper": runs},
    )


def _describe(name, kind):
    if kind == "variable":
        return f"a variable ({name})"
    if kind == "random":
        return f"a {name} layer (on Keras 3 it owns a seed-generator variable)"
    return f"a {name} layer"


def _random_layer(value, call):
    """A Keras 3 random layer made by a helper: (what, the helper's name its rate is read from: None for a
    literal, "?" for an expression the reader cannot follow, so it is not counted) or None."""
    if value.kind != LAYER or not _draws_random(value, call):
        return None
    rate = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "rate"), None)
    if rate is None or type(rate) is ast.Constant:
        return value.layer_class, None
    return (value.layer_class, rate.id) if type(rate) is ast.Name else (value.layer_class, "?")


def _made_by_guarded_helper(ctx, method, func, site, helper):
    """`if self.kernel is None: self._create_state(n)` in call(), the helper (or a method it calls) making
    `self.kernel = self.add_weight(...)`: made once under a guard, as written in call() itself (LD002j).
    Only helpers the call phase never runs unguarded (those are read as call() itself)."""
    if ctx.target == TF_KERAS_TARGET or not _guard_lets_it_run(ctx, func, site):
        return
    seen, todo = {helper}, [helper]
    while todo:
        name = todo.pop()
        hfunc = ctx.methods[name]
        for assign in ctx.assigns_in(name):
            if type(assign.value) is ast.Call:
                hit = _made_once_in_call_on_keras3(ctx, name, hfunc, assign.value, assign.attr, via=method)
                if hit:
                    yield hit
        for node in ctx.nodes(name):  # helpers of the helper, called unguarded
            callee = type(node) is ast.Call and self_attr(node.func)
            if callee and callee in ctx.methods and callee not in seen and callee not in ("__init__", "build", "call") \
                    and not ctx.in_phase(callee, "call"):
                seen.add(callee)
                todo.append(callee)


# Wrappers that own no weights: around a layer made elsewhere, a new one per call loses nothing
# (measured on Keras 3.15.1: `TimeDistributed(self.dense)(x)` in call() adds no weight, the Dense trains).
# Bidirectional is not one of them: it makes its forward and backward copies, new on every call.
_WEIGHTLESS_WRAPPERS = {"TimeDistributed"}


def _wraps_a_kept_layer(ctx, node, func) -> bool:
    """`TimeDistributed(self.h)` (or `TimeDistributed(TimeDistributed(h))`, `layer=` by keyword): a weightless
    wrapper around a layer held elsewhere (an attribute or a name), not one made right there."""
    while type(node) is ast.Call:
        if ctx.value(node, ctx.env(func)).layer_class not in _WEIGHTLESS_WRAPPERS:
            return False
        inner = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "layer"), None)
        if type(inner) in (ast.Name, ast.Attribute):
            return True
        node = inner
    return False


def _made_once_in_call_on_keras3(ctx, method, func, node, attr, via=None):
    """`if self.w is None: self.w = self.add_weight(...)` in call(): tf.keras 2 creates it on the first
    call; Keras 3 builds the layer before call() runs and locks its state, so any call raises "You cannot
    add new elements of state" (measured: eager, functional, Layer and Model). `via`: the call-phase
    method that runs `method` under the guard (then the guard was checked there)."""
    if ctx.target == TF_KERAS_TARGET or not attr or (via is None and not _guard_lets_it_run(ctx, func, node)):
        return None
    value = ctx.value(node, ctx.env(func))
    if value.kind == WEIGHT:
        what = f"self.{attr} = {value.qualname}(...)"
    elif value.kind == LAYER and value.layer_class not in STATELESS_LAYERS and ctx.has_weights(value.qualname):
        what = f"self.{attr} = {value.layer_class}(...)"
    else:
        return None  # a tf.Variable is not Keras state (LD003 reports it); a cached tensor is fine
    locked = _state_locked_before_first_call(ctx)  # reads every __init__ assignment: only for state
    if locked is None:
        return None
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr == attr and ctx.value(assign.value, ctx.env(ctx.methods[assign.method])).kind in (LAYER, WEIGHT):
            return None  # made in __init__/build too: the guard in call() is a fallback that never runs
    unless = "" if locked else (" (unless an argument stored in __init__ is a layer still unbuilt at the first "
                                "call: then Keras 3 runs call() before build() and it works)")
    where = f"{ctx.name}.{method}()" + (f", which {via}() runs once under a guard, makes {what}" if via
                                         else f" makes {what} once, under a guard")
    return Hit(
        node,
        f"{where}: Keras 3 "
        f"builds the layer before call() runs and then refuses new state, so every call raises \"You "
        f"cannot add new elements of state\" (tf.keras 2 accepted it){unless}",
        attribute=attr, severity=None if locked else "warning",
        fix_values={"attr": attr, "created": ast.unparse(node)},
    )


def _sets_nothing_in_init(project, name) -> bool:
    """A project class whose own __init__, if any, only calls super().__init__()."""
    methods = project.class_methods(name)
    if methods is None:
        return False  # not readable: unknown
    init = methods.get("__init__")
    return init is None or all(type(stmt) is ast.Expr and (type(stmt.value) is ast.Constant or (
        type(stmt.value) is ast.Call and type(stmt.value.func) is ast.Attribute and stmt.value.func.attr == "__init__"))
        for stmt in init.body)


_SCALAR_NAME = re.compile(r"(units|dim|size|rate|num|count|axis|eps|epsilon|alpha|beta|gamma|momentum|name|"
                          r"dtype|activation|initializer|regularizer|use_|is_|has_|kernel_size|strides|padding|"
                          r"filters|heads|depth|width|height|length|factor|scale|threshold|mode|seed|shape|dropout|hidden|classes)")


# Keras functions that return a setting, never a layer: `keras.activations.get(activation)`
_SETTING_MAKERS = ("keras.activations.", "keras.initializers.", "keras.regularizers.", "keras.constraints.",
                   "tensorflow.keras.activations.", "tensorflow.keras.initializers.", "tensorflow.keras.regularizers.",
                   "tensorflow.keras.constraints.")


def _state_locked_before_first_call(ctx) -> bool | None:
    """Does Keras 3 lock the layer's state before its first call() runs? True when a build() runs
    first (the class's, a project base's, or a Keras layer's such as Dense's); with the default build()
    Keras 3 first runs call() on symbolic inputs, unlocked, when a sublayer is still unbuilt (measured:
    a guarded add_weight then works), so: None when __init__ may make a sublayer, False when it stores
    arguments that might be layers, True when it stores only settings."""
    project = ctx.project
    if project.sized_by_input(ctx.qualname):
        return True
    for ancestor in project.user_ancestors(ctx.qualname):
        if ancestor in project.classes and _sets_nothing_in_init(project, ancestor):
            continue  # a project base adding only methods (get_config, helpers): read through it
        if ancestor in project.classes or not is_keras_layer_name(ancestor):
            return None  # a base whose __init__ we do not read here
        return True  # a subclass of Dense, Conv2D...: their build() runs first
    maybe_layer = False
    for assign in ctx.self_assigns(("__init__",)):
        value = assign.value
        if type(value) is ast.Constant or type(value) is ast.UnaryOp:
            continue
        if type(value) is ast.Name:
            maybe_layer = maybe_layer or not _SCALAR_NAME.search(value.id.lower())
            continue
        made = ctx.value(value, ctx.env(ctx.methods[assign.method]))
        if made.kind == LAYER or made.kind == OTHER and type(value) is not ast.Attribute and \
                not (made.qualname or "").startswith(_SETTING_MAKERS):
            return None
    return not maybe_layer


def _guard_lets_it_run(ctx, func, node) -> bool:
    """The guard around `node` is not `if not self.built:` (a block call() never runs on Keras 3), nor a
    hand-made flag that build() sets. Keras 3 has no `_built` of its own: `self._built = False` in
    __init__ is the author's flag, and the block it guards runs on the first call, after Keras has
    locked the state (measured: ld002o, the KerasNLP encoder of keras-hub#219)."""
    for stmt in walk(func):
        if type(stmt) is ast.If and stmt.body[0].lineno <= node.lineno <= (stmt.body[-1].end_lineno or 0):
            for n in walk(stmt.test):
                if type(n) is ast.Attribute and (n.attr == "built" or n.attr == "_built" and (
                        _hand_made_flag(ctx, "_built") is False)):
                    return False
    return True


def _hand_made_flag(ctx, attr) -> bool:
    """__init__ stores self.<attr> and no build() phase method sets it (so call() is the one that does)."""
    return any(a.attr == attr for a in ctx.self_assigns(("__init__",))) and \
        not any(a.attr == attr for a in ctx.self_assigns(("build",)))


# Keras 3's random layers make a SeedGenerator (a variable) in __init__ (Dropout only when rate > 0)
_RANDOM_LAYERS = {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise",
                  "GaussianDropout", "AlphaDropout"}


def _draws_random(value, call) -> bool:
    """A Keras random layer (`Dropout(rate)`, `GaussianNoise`, `RandomFlip`...), not `Dropout(0.0)`."""
    name = value.layer_class or ""
    if name not in _RANDOM_LAYERS and not (name.startswith("Random") and (value.qualname or "").startswith("keras.")):
        return False
    rate = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "rate"), None)
    return not (type(rate) is ast.Constant and rate.value == 0)


def _local_targets(nodes):
    """id(call) -> name for `name = <call>` statements."""
    return {id(stmt.value): stmt.targets[0].id for stmt in nodes
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)}


def _self_targets(nodes):
    """id(call) -> attr for `self.attr = <call>` statements."""
    out = {}
    for stmt in nodes:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            for target in stmt.targets:
                attr = self_attr(target)
                if attr:
                    out[id(stmt.value)] = attr
    return out


def TRIGGER(text: str) -> bool:
    """A `Lambda(...)` layer, or a store of a constructor call into an attribute of a name
    (`block.proj = Wrap(...)`, `model.head = Dense(2)`): onto a layer of a built model, or a built layer."""
    return mentions_lambda_layer(text) or _stores_a_constructor_on_an_object(text)


# `name.attr = Ctor(` / `name.a.b = keras.layers.Dense(`: a store into an attribute of an object (not self).
# Found from the `= Ctor(` part (a literal first character, which `re` scans for fast) and the line's start
# checked after: a multiline `^...` pattern tried at every offset of every file cost 3% of a lint run.
_CONSTRUCTOR_VALUE_RE = re.compile(r"=[ \t]*[\w.]*[A-Z]\w*\(")
_OBJECT_ATTR_TARGET_RE = re.compile(r"[ \t]*(?!self\.)[A-Za-z_]\w*(?:\.\w+|\[[^\]\n]*\]|\((?:[^()\n]|\([^()\n]*\))*\))*\.\w+[ \t]*$")
# (`m.get_layer("backbone").get_layer(f"block_{i}").proj = ...`: calls in the chain too, brackets nested once:
# each alternative starts with its own character, so a long line cannot make the engine backtrack far)


def _stores_a_constructor_on_an_object(text: str) -> bool:
    for match in _CONSTRUCTOR_VALUE_RE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _OBJECT_ATTR_TARGET_RE.match(text, line_start, match.start()) or \
                text[line_start:match.start()].strip() == ")":  # a target in brackets over lines: `(\n m.a.b\n) = C(`
            return True
    return False


def check_module(ctx):
    """A `Lambda`'s function that creates layers or variables: created again on every call. On Keras 3,
    a new layer stored onto a layer of a built model (`model.get_layer("b").proj = Wrap(...)`)."""
    wire = wiring(ctx)
    reported = set()
    for scope, nodes in ctx.scopes():
        if ctx.target != TF_KERAS_TARGET:
            yield from _stored_into_built_layers(ctx, wire, scope, nodes)
        for node in nodes:
            if not is_lambda_call(ctx, node):
                continue
            env = wire.env_of(scope)
            for fn in lambda_functions(ctx, node, wire, env):
                fenv = env if isinstance(fn, ast.Lambda) else wire.env_of(fn)
                for created, what in created_state(ctx, fn, fenv):
                    if id(created) in reported:
                        continue
                    reported.add(id(created))
                    yield Hit(
                        created,
                        f"the function of the Lambda layer on line {node.lineno} creates {what} each "
                        f"time it runs: it is new on every call, never tracked, trained or saved",
                        attribute=what, class_name="Lambda",
                        fix_values={"attr": snake_case(what), "created": ast.unparse(created)},
                    )


# ------------------------------------------------------------------ new state on a built model's layer
# Measured on Keras 3.15.1 + TF 2.21 (ld002l): `model.get_layer("block").proj = Wrapped(...)`,
# `model.layers[-1].extra = Dense(3)` or a new layer stored on a sublayer of one, after the functional model
# was wired, raise "You cannot add new elements of state (variables or sub-layers) to a layer that is
# already built" (the keras.io LoRA example ported to Keras 3). Before wiring, or after
# `layer._tracker.locked = False`, it works; a functional model itself is not locked (keras-nlp Tasks).

def _stored_into_built_layers(ctx, wire, scope, nodes):
    stores = [n for n in nodes if type(n) is ast.Assign and len(n.targets) == 1 and type(n.targets[0]) is ast.Attribute
              and type(n.value) is ast.Call and self_attr(n.targets[0]) is None]
    if not stores or any(type(n) is ast.Attribute and n.attr == "_tracker" for n in nodes):
        return  # no attribute store of a call (most scopes), or the tracker is unlocked by hand
    env = wire.env_of(scope)
    for node in stores:
        value = ctx.value(node.value, env)
        if value.kind != LAYER:
            continue
        owner = node.targets[0].value
        if _in_built_model(ctx, wire, owner, env):
            what = "a layer of a model already built"
        elif type(owner) is ast.Name and _built_instance(ctx, wire, owner, env, scope, node.lineno):
            what = f"{owner.id}, a layer or subclassed model already built (called, built or fitted before)"
        else:
            continue
        target = ast.unparse(node.targets[0])
        yield Hit(
            node,
            f"{target} = {value.layer_class or 'a layer'}(...) adds a new layer to {what}: Keras 3 locks a built layer's state, so this raises \"You cannot add new elements of state "
            f"(variables or sub-layers) to a layer that is already built\" (tf.keras 2 accepted it)",
            attribute=node.targets[0].attr, class_name=value.layer_class,
            fix="built_model", fix_values={"attr": node.targets[0].attr, "created": ast.unparse(node.value),
                                           "owner": ast.unparse(node.targets[0].value)},
        )


def _in_built_model(ctx, wire, expr, env, depth=0) -> bool:
    """Is `expr` a layer of a built model: `m.get_layer(...)`, `m.layers[i]`, a sublayer attribute of one,
    or a name bound to one (m a functional model, a loaded one, or what a function of the file returns)?"""
    t = type(expr)
    if depth > 6:
        return False
    if t is ast.Name:
        values = env.get(expr.id)
        return values is not None and len(values) == 1 and _in_built_model(ctx, wire, values[0], env, depth + 1)
    # (a layer of a built model is built: `m.get_layer("backbone").get_layer("block_0")` too)
    if t is ast.Call and type(expr.func) is ast.Attribute and expr.func.attr == "get_layer":
        return _built_model(ctx, wire, expr.func.value, env, depth + 1) or \
            _in_built_model(ctx, wire, expr.func.value, env, depth + 1)
    if t is ast.Subscript and type(expr.value) is ast.Attribute and expr.value.attr == "layers":
        return _built_model(ctx, wire, expr.value.value, env, depth + 1) or \
            _in_built_model(ctx, wire, expr.value.value, env, depth + 1)
    if t is ast.Attribute:  # a sublayer of a built layer
        return _in_built_model(ctx, wire, expr.value, env, depth + 1)
    return False


# Calls after which a layer or subclassed model is built, so its state is locked (measured, Keras 3.15.1:
# `m(x)`, `m.build(shape)`, `m.fit(...)`, `m.predict(...)` then `m.head = Dense(2)` raise; a functional or
# Sequential model itself accepts new attributes).
_BUILDING_METHODS = frozenset({"build", "fit", "predict", "evaluate", "train_on_batch", "predict_on_batch",
                               "test_on_batch"})


def _built_instance(ctx, wire, name, env, scope, line, depth=0) -> bool:
    """Is the name `name` (used on `line` of `scope`) an instance of a layer or subclassed model that was
    built before: made and then called, built, fitted or run in this scope, returned built by a function
    of the file (`model = load_pretrained()`), or a parameter that a call in the file passes such an
    instance to (`replace_head(model, 3)`)?"""
    if depth > 3:
        return False
    values = env.get(name.id)
    if values is not None:
        # the binding that reaches `line` in straight-line code: the last one before it
        made = max((v for v in values if getattr(v, "lineno", line) < line), key=lambda v: v.lineno, default=None)
        if type(made) is not ast.Call:
            return False
        if _subclassed_layer(ctx, made, env):
            return _built_in(wire.nodes_of(scope) if scope is not None else (), name.id, made.lineno, line)
        found = wire._returned(made, env)
        if found is None:
            return False
        fn, fenv = found
        return any(type(r) is ast.Return and type(r.value) is ast.Name
                   and _built_instance(ctx, wire, r.value, fenv, fn, r.lineno, depth + 1)
                   for r in wire.nodes_of(fn))
    if type(scope) is not ast.FunctionDef or scope.args.vararg or scope.args.kwarg:
        return False
    params = [a.arg for a in scope.args.args]
    if name.id not in params:
        return False
    index = params.index(name.id)
    if id(scope) in wire.class_of and not any(type(d) is ast.Name and d.id == "staticmethod"
                                               for d in scope.decorator_list):
        index -= 1  # `self.swap(model)`: the call does not pass self (or cls)
    if index < 0:
        return False
    # the calls of this function anywhere in the file: `replace_head(model, 3)`, `Builder.replace_head(...)`
    for caller, nodes in ctx.scopes():
        env = None
        for call in nodes:
            if type(call) is not ast.Call or index >= len(call.args) or type(call.args[index]) is not ast.Name:
                continue
            func = call.func
            if (func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else None) != scope.name:
                continue
            env = env if env is not None else wire.env_of(caller)
            if wire.function_of(func, env) is scope and \
                    _built_instance(ctx, wire, call.args[index], env, caller, call.lineno, depth + 1):
                return True
    return False


def _subclassed_layer(ctx, call, env) -> bool:
    """Does `call` make a layer whose own state locks when built: a built-in layer or a layer/model class
    of the project that does not hand a graph to `super().__init__(inputs, outputs)` (not a model)."""
    value = ctx.value(call, env)
    if value.kind != LAYER or value.layer_class in ("Model", "Functional", "Sequential"):
        return False
    if not ctx.is_project_class(value.qualname):
        return is_keras_layer_name(value.qualname or "")
    init = (ctx.project.class_methods(value.qualname) or {}).get("__init__")
    return init is not None and not any(hands_over_a_graph(n) for n in walk(init))


def _built_in(nodes, name, made, line) -> bool:
    """Is `name` called (`name(x)`) or built/fitted/run (`name.fit(...)`) between lines `made` and `line`?"""
    for node in nodes:
        if type(node) is ast.Call and made < node.lineno < line:
            func = node.func
            if type(func) is ast.Name and func.id == name or type(func) is ast.Attribute \
                    and func.attr in _BUILDING_METHODS and type(func.value) is ast.Name and func.value.id == name:
                return True
    return False


def _makes_a_built_model(name, call) -> bool:
    """`keras.models.load_model(...)` or a functional `keras.Model(inputs, outputs)`: built on return."""
    last = name.rsplit(".", 1)[-1]
    return last == "load_model" or last in ("Model", "Functional") and (
        len(call.args) >= 2 or {"inputs", "outputs"} <= {k.arg for k in call.keywords})


def _imported_returns_a_built_model(ctx, name) -> bool:
    """A function of another project file (`from defs import gpt2_backbone`) that returns a model it
    made built: `return keras.Model(inputs, x)`, or a name bound once to such a call."""
    fn, file = imported_function(ctx.project, name, ctx.file)
    if fn is None:
        return False
    nodes = walk(fn)
    made = {}
    for node in nodes:
        if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            made.setdefault(node.targets[0].id, []).append(node.value)
    for node in nodes:
        if type(node) is not ast.Return or node.value is None:
            continue
        value = node.value
        if type(value) is ast.Name and len(made.get(value.id, ())) == 1:
            value = made[value.id][0]
        if type(value) is ast.Call and _makes_a_built_model(ctx.project.qualify(value.func, file) or "", value):
            return True
    return False


def _built_model(ctx, wire, expr, env, depth) -> bool:
    t = type(expr)
    if depth > 6:
        return False
    if t is ast.Name:
        values = env.get(expr.id)
        return values is not None and len(values) == 1 and _built_model(ctx, wire, values[0], env, depth + 1)
    if t is not ast.Call:
        return False
    name = ctx.qualify(expr.func) or ""
    if name.startswith("keras.") or name.startswith("tensorflow.keras."):
        return _makes_a_built_model(name, expr)
    fn = wire.function_of(expr.func, env)
    if type(fn) is not ast.FunctionDef:
        if type(expr.func) is ast.Name and expr.func.id in ctx.file.aliases:
            return _imported_returns_a_built_model(ctx, name)
        return False
    fenv = wire.env_of(fn)
    return any(type(r) is ast.Return and r.value is not None and _built_model(ctx, wire, r.value, fenv, depth + 1)
               for r in wire.nodes_of(fn))
