"""LD005 unbuilt-sublayer: a sublayer created in __init__ that nothing ever calls or builds."""

import ast
import os
import operator
import re

from ... import keras_messages as msg
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..class_facts import handed_in_layer
from ..context import LAYER, STATELESS_LAYERS, WEIGHT
from ..triggers import name_before
from ..walk import hands_over_a_graph, self_attr, walk
from ...finding import TF_KERAS as TF_KERAS_TARGET
from . import Hit

RULE = Rule(
    code="LD005", name="unbuilt-sublayer", severity="error", tf_keras_severity="error",
    summary="A sublayer is never built: nothing calls it and no `build()` builds it.",
    what="Static: finds sublayers with weights (or lists of them) assigned to `self` in `__init__` or "
         "`build()` (or a helper either calls) that no other method of the class, its subclasses or its "
         "project bases uses; a sublayer with weights that `__init__`/`build()` replaces, unconditionally "
         "in the same block and before anything reads it, with another value (Keras 3 only: its tracker "
         "keeps the first layer, unbuilt; tf.keras 2 untracks it); lists of layers that call()'s only loop over them never reaches in full (an "
         "`if i < 2: continue` at the top of the loop, `self.blocks[1:]`, `self.blocks[:-1]`, "
         "`range(1, len(self.blocks))`, with nothing else using the list); and an explicit `.build(shape)` (in module code, a factory, or `self.build(...)` "
         "in `__init__`) on an instance of a project layer or model whose sublayers that build "
         "leaves unbuilt (created in `__init__` with no `build()`, or created in `build()` without "
         "being built there), when the instance is not called on data in the same function (Keras 3 "
         "only: tf.keras 2's `Model.build` runs `call()`); the same for a class with no `build()` of its own "
         "that inherits a project base's `build()` which builds only the sublayers it names (`self.backbone`, "
         "`getattr(self, self.base_model_prefix)`), reported also when a method of the class's chain builds "
         "it with `self.build(...)` and something calls that method (transformers' `build_in_name_scope()`: "
         "a warning, since a call on data may come first); a project layer held in `__init__` that the class "
         "never calls, builds or hands on, only reaching `self.x.<sublayer>` (also through a property "
         "returning `self.x`), whose other sublayers with weights are then never called (a warning: read "
         "from the class's file only); Keras layers that `call()` uses (also one handed in to "
         "the constructor at a call site of the project: `self.cell = cell`) but `build()` "
         "neither builds nor calls, in a layer that defines both `build()` and `compute_output_shape()` "
         "(its own or a project base class's; Keras 3 wires such a layer, and rebuilds it when loading, without "
         "running `call()`); a custom RNN cell handed to `keras.layers.RNN` or `StackedRNNCells` in code "
         "that wires a model from `keras.Input`, whose sublayers its `build()` leaves unbuilt (the RNN builds "
         "the cell without running its `call()`); a sublayer that `__init__` creates for an instance the "
         "file makes with literal arguments (`Block(16, 16, (3, 1))`, `Residual(8, project=False)`) but "
         "that `call()` runs only under an `if` those arguments make False (read by evaluating `__init__` "
         "and the tests on the literals; anything it cannot evaluate counts as reached); and a layer "
         "with weights that a functional-API Model subclass stores but its graph and methods never use "
         "(a warning when only a public method nothing in the class calls uses it, one that re-runs the "
         "model's layers: `self.score_head(self.backbone(x))` in a Task's `score()`). Runtime: looks at the model exactly as the target returned it "
         "before calling it: sublayers still unbuilt under a built parent (`model.build(shape)` on a "
         "subclassed model, or a `build()` that creates sublayers without building them) whose weights "
         "only appear at the first call, which `summary()`, `count_params()` and `load_weights()` miss; "
         "after a call on data, sublayers that are still unbuilt or own no weights although their "
         "class creates some.",
    why={
        KERAS3: "Keras creates a layer's weights when the layer is first called or built. A "
                "sublayer that nothing calls keeps no weights: the summary row says `0 (unbuilt)` "
                "with Output Shape `?`, its parameters are missing from the totals, and the part "
                "of the model it was meant to be (an auxiliary head, a skip projection) does not "
                "exist. Keras 3 warns on every backend that the outer layer \"looks like it has "
                "unbuilt state\", a message that names the outer layer, not the sublayer (the same "
                "warning also appears when a saved model is loaded whose custom layers hold "
                "sublayers but define no `build()`, so the message alone proves nothing). Inside a "
                "custom Layer the unbuilt sublayer does not even get a summary row. A related "
                "trap: `model.build((None, 4))` on a subclassed Model without a `build()` method "
                "leaves every sublayer unbuilt (`Total params: 0`) until the model is called on data.",
        TF_KERAS: "Same outcome, silently: the summary row says `0 (unused)`, its parameters are "
                  "missing from the totals, and tf.keras 2 prints no warning.",
    },
    keras_says={KERAS3: msg.UNBUILT_K3, TF_KERAS: ""},
    example=snippet("""
        import keras


        class Classifier(keras.Model):
            def __init__(self, num_classes=3, **kwargs):
                super().__init__(**kwargs)
                self.hidden = keras.layers.Dense(8, activation="tanh")
                self.aux_head = keras.layers.Dense(5)  # never called
                self.head = keras.layers.Dense(num_classes)

            def call(self, inputs):
                return self.head(self.hidden(inputs))
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class Classifier(keras.Model):
            def __init__(self, num_classes=3, **kwargs):
                super().__init__(**kwargs)
                self.hidden = keras.layers.Dense(8, activation="tanh")
                self.aux_head = keras.layers.Dense(5)
                self.head = keras.layers.Dense(num_classes)

            def call(self, inputs):
                h = self.hidden(inputs)
                return ops.concatenate([self.head(h), self.aux_head(h)], axis=-1)
    """),
    fix_hint="# use it in call(), build it in build(), or delete it:\n"
             "y = self.{attr}(x)",
    fixes={
        "loop_skip": "# call every layer of the list, or create only the ones call() runs:\n"
                     "for layer in self.{attr}: x = layer(x)",
        "output_shape": "# in build(), build it with the shape call() gives it:\n"
                        "self.{attr}.build(input_shape)",
        "output_shape_each": "# in build(), build each layer it holds with the shape call() gives it:\n"
                             "for layer in {layers}: layer.build(input_shape)",
        "overwritten": "# delete the first assignment: Keras 3 keeps tracking the layer it made\n"
                       "self.{attr} = ...  # (one assignment)",
        "inherited_build": "# in a build() of the subclass, after super().build(input_shape):\n"
                           "self.{attr}.build(...)  # with the shape call() gives it",
        "explicit_build": "# call it on data instead of build(), or give the class a build() doing self.{attr}.build(...):\n"
                          "model(keras.ops.zeros((1, *input_shape[1:])))",
    },
    fix_safety="No automatic fix: whether the sublayer should be used, built for later use, or "
               "deleted is a design decision, and each choice changes the saved weights.",
)

CODE = RULE.code


def check_class(ctx):
    if not ctx.has_method("call"):
        # functional-API subclasses wire their layers in __init__: only a layer nothing mentions again
        yield from _unwired_in_functional_init(ctx)
        return
    yield from _self_build_in_init(ctx)
    yield from _inherited_build_without_data(ctx)
    yield from _held_layer_reached_through_one_part(ctx)
    yield from _wired_by_output_shape(ctx)
    yield from _skipped_in_loop(ctx)
    yield from _positions_never_reached(ctx)
    for site, attr, cls, test, built, where in configured_dead_sublayers(ctx):
        if not built:
            yield Hit(
                site if where is None else ctx.line,
                f"{where + ': ' if where else ''}{ast.unparse(site)[:80]}: with these arguments {ctx.name}.__init__ creates {attr} ({cls}) "
                f"but call() runs it only {test}: it is never called and "
                f"stays unbuilt, with no weights (the summary shows 0 (unbuilt)); create it under the same "
                f"condition call() uses it",
                attribute=attr,
            )
    seen = set()
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr in seen:
            continue
        func = ctx.methods[assign.method]
        made = _made_layer(ctx, assign.value, ctx.env(func))
        if made is None:
            continue  # not a layer with weights (or a list of them): nothing to build
        if not ctx.is_unused(assign.attr) or _local_used_elsewhere(assign, func) or \
                used_by_bases(ctx, assign.attr, strict=assign.method != "__init__" or made.startswith("a list")):
            continue
        seen.add(assign.attr)
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} ({made}) is created in {_made_in(ctx, assign.method)} but no method "
            f"ever calls, builds or reads it: it stays unbuilt, with no weights "
            f"(the summary shows 0 (unbuilt))",
            attribute=assign.attr,
        )
    yield from _overwritten_before_use(ctx)


def _made_layer(ctx, expr, env):
    """The class name of the layer with weights `expr` creates (`Dense(4)`), or 'a list of <class>' for
    `[Dense(4) for _ in ...]` / `[Dense(4), Dense(2)]` (constructor calls only); None for anything else."""
    kind = type(expr)
    if kind is ast.ListComp:
        items = [expr.elt]
    elif kind in (ast.List, ast.Tuple) and expr.elts:
        items = expr.elts
    else:
        items = [expr]
    names = []
    for item in items:
        if kind in (ast.ListComp, ast.List, ast.Tuple) and type(item) is not ast.Call:
            return None  # `[dense]`: a layer made elsewhere, which may be used through its local name
        value = ctx.value(item, env)
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            return None
        names.append(value.layer_class)
    return names[0] if kind not in (ast.ListComp, ast.List, ast.Tuple) else f"a list of {names[0]}"


def used_by_bases(ctx, attr, strict) -> bool:
    """Does a project base class mention self.<attr> (its call() may run what a subclass's build() makes)?
    With `strict`, a base outside the project (a Keras layer such as MultiHeadAttention, a library's
    class) counts as using it too: its code is not read."""
    for base in ctx.project.user_ancestors(ctx.qualname):
        found = ctx.project.classes.get(base)
        if found is None:
            if strict:
                return True
            continue
        if found[0].attr_counts.get(attr, 0) or found[0].dynamic_access:
            return True
    return False


def _made_in(ctx, method):
    """'__init__', 'build()' or '_helper() (called from build())'."""
    if method in ("__init__", "build"):
        return method if method == "__init__" else "build()"
    return f"{method}() (called from {'__init__' if ctx.in_phase(method, '__init__') else 'build()'})"


def _overwritten_before_use(ctx):
    """`self.x = Conv2D(...)` then, in the same block of __init__/build() with nothing in between reading
    self.x, `self.x = <something else>`: Keras 3's tracker keeps the first layer (measured: it stays in the
    model's layers, never called, unbuilt); tf.keras 2 untracks it on reassignment (measured)."""
    if ctx.target == TF_KERAS_TARGET or ctx.cls.dynamic_access:
        return
    for method, func in ctx.methods_of("__init__", "build"):
        attrs = [a.attr for a in ctx.assigns_in(method)]
        if len(attrs) == len(set(attrs)):
            continue  # (cheap gate: no attribute is stored twice in this method)
        twice = {a for a in attrs if attrs.count(a) > 1}
        yield from _overwrites_in(ctx, method, func, func.body, twice)


def _overwrites_in(ctx, method, func, body, twice):
    last = {}  # attr -> (index in body, the assignment statement) of its latest plain store in this block
    for index, statement in enumerate(body):
        for block in _blocks(statement):
            yield from _overwrites_in(ctx, method, func, block, twice)
        attr = _single_self_store(statement)
        if attr in twice and attr in last:
            first_index, first = last[attr]
            between = body[first_index + 1:index]
            if not _touches(attr, between, statement.value, ctx):
                made = _made_layer(ctx, first.value, ctx.env(func))
                if made is not None and not _local_used_elsewhere(first, func):
                    yield Hit(
                        first,
                        f"{ctx.name}.{attr} ({made}) is replaced on line {statement.lineno} before anything uses "
                        f"it: Keras 3 keeps tracking the first {made} (it stays among the layers, never called, "
                        f"unbuilt, with no weights; the summary shows 0 (unbuilt)); delete the first assignment",
                        attribute=attr, fix="overwritten",
                    )
        if attr is not None:
            last[attr] = (index, statement)


def _blocks(statement):
    """The statement lists nested directly in a compound statement (not in a nested def or class)."""
    if type(statement) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return
    for name in ("body", "orelse", "finalbody"):
        block = getattr(statement, name, None)
        if type(block) is list and block and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    for case in getattr(statement, "cases", ()):
        yield case.body


def _single_self_store(statement):
    """`self.x = value` / `self.x: T = value` (one target): "x", else None."""
    if type(statement) is ast.Assign and len(statement.targets) == 1:
        target = statement.targets[0]
    elif type(statement) is ast.AnnAssign and statement.value is not None:
        target = statement.target
    else:
        return None
    return target.attr if type(target) is ast.Attribute and self_attr(target) else None


def _touches(attr, statements, value, ctx) -> bool:
    """Does anything between the two stores (or the new value) mention self.<attr>, call a method of
    self (but a layer factory that reads nothing of self) or of super(), or hand `self` itself to a
    call (which may read the first layer)?"""
    for node in (n for s in [*statements, value] for n in walk(s)):
        kind = type(node)
        if kind is ast.Attribute and node.attr == attr and self_attr(node):
            return True
        if kind is ast.Call and (type(node.func) is ast.Attribute and (self_attr(node.func) and
                                                                   not _pure_factory(ctx, node.func.attr) or
                                                                   _is_call_of(node.func.value, "super")) or
                                 any(type(a) is ast.Name and a.id == "self" for a in node.args)):
            return True
    return False


def _pure_factory(ctx, method, _depth=0) -> bool:
    """`def _new_conv(self, f): return layers.Conv2D(f, 3)`: makes a layer (ClassContext.made_by) and reads
    nothing of self but other such factories."""
    if _depth > 3 or method not in ctx.methods or ctx.made_by(method) is None:
        return False
    return all(_pure_factory(ctx, name, _depth + 1) for n in ctx.nodes(method) if (name := self_attr(n)))


def _unwired_in_functional_init(ctx):
    """A Model subclass that hands its graph to `super().__init__(inputs, outputs)` and also stores a
    layer with weights that no method, subclass or wiring statement uses: it is not in the graph, so it
    stays unbuilt (a final norm forgotten in the wiring)."""
    init = ctx.methods.get("__init__")
    if init is None or not any(hands_over_a_graph(node) for node in ctx.nodes("__init__")):
        return
    for assign in ctx.self_assigns(("__init__",)):
        value = ctx.value(assign.value, ctx.env(init))
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            continue
        if value.layer_class in ("Model", "Functional", "Sequential"):
            continue  # a sub-model of the graph's own tensors (`keras.Model(x, features)`) is built with them
        if _local_used_elsewhere(assign, init):
            continue
        if not ctx.is_unused(assign.attr):
            side = _used_only_by_a_side_path(ctx, assign.attr)
            if side is not None:
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} ({value.layer_class}) is attached outside the graph passed to "
                    f"super().__init__(inputs, outputs) and only {side}() uses it, a method that re-runs the "
                    f"model's layers on its own and that nothing in the class calls: fit() never calls it, so "
                    f"it stays unbuilt, with no weights (the summary shows 0 (unbuilt)), untrained and unsaved "
                    f"until {side}() first runs (heuristic: wire it into the graph, or build it in __init__)",
                    attribute=assign.attr, severity="warning",
                )
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} ({value.layer_class}) is created in __init__ but the graph passed to "
            f"super().__init__(inputs, outputs) never calls it, and nothing else uses it: it stays unbuilt, "
            f"with no weights (the summary shows 0 (unbuilt))",
            attribute=assign.attr,
        )


# Methods Keras itself runs (training, saving, shapes): a head they use is reached by Keras.
_KERAS_HOOKS = frozenset({
    "call", "build", "train_step", "test_step", "predict_step", "compute_loss", "compute_metrics", "get_config",
    "compute_output_shape", "compute_output_spec", "build_from_config", "get_build_config", "save_own_variables",
    "load_own_variables", "fit", "evaluate", "predict", "compile", "summary",
})


def _used_only_by_a_side_path(ctx, attr):
    """The method, when every use of `self.<attr>` (a layer a functional subclass stores but does not
    wire: no load of it in __init__) is in public methods that nothing in the class calls and that re-run
    the model's own layers (`self(x)`, or `self.backbone(x)` with `backbone` called in the wiring): a
    second forward path (a keras-nlp Task's `score()` head) that fit() and saving never take. Measured on
    Keras 3.15.1 (ld005p): the head stays unbuilt after fit(). A head used by a method on features the
    caller passes (nothing re-run) is left alone: a later stage the caller drives (ld005f's HeadLater)."""
    if ctx.cls.dynamic_access or any(sub.attr_counts.get(attr, 0) or sub.dynamic_access
                                     for sub in ctx.project.subclasses(ctx.qualname)):
        return None
    # __init__ and the helpers it calls (`self._init_body(...)` holding the statements after super())
    init_methods = {name for name, _ in ctx.methods_of("__init__")}
    init_nodes = [n for name in init_methods for n in ctx.nodes(name)]
    if any(type(n) is ast.Attribute and type(n.ctx) is ast.Load and self_attr(n) == attr for n in init_nodes):
        return None  # built, read or wired in __init__
    others = [m for m in ctx.cls.method_names if m not in init_methods]
    # (class bodies are parsed on demand; a helper inlined into __init__ is __init__'s own body)
    inlined = ctx.cls.load_methods(tuple(others))
    others = [m for m in others if m in inlined]
    called = {n.func.id for n in init_nodes if type(n) is ast.Call and type(n.func) is ast.Name}
    in_graph = {a.attr for a in ctx.assigns_in("__init__") if type(a.value) is ast.Name and a.value.id in called}
    users = []
    for name in others:
        fn = ctx.cls.methods.get(name)
        if fn is None:
            return None  # a method we cannot read may use it
        nodes = walk(fn)
        if not any(type(n) is ast.Attribute and self_attr(n) == attr for n in nodes):
            continue
        if name in _KERAS_HOOKS or name.startswith("_") or fn.decorator_list or ctx.mentions(name):
            return None  # Keras runs it, or the class calls it (maybe while training)
        if not any(type(n) is ast.Call and (type(n.func) is ast.Name and n.func.id == "self" or
                                            (other := self_attr(n.func)) in in_graph and other != attr)
                   for n in nodes):
            return None  # applied to what the caller passes: a later stage the caller drives
        users.append(name)
    return users[0] if users else None


def _self_build_in_init(ctx):
    """`self.build(shape)` in __init__: the instance is returned built by Keras 3 without call()."""
    init = ctx.methods.get("__init__")
    if init is None or ctx.target == TF_KERAS_TARGET:
        return
    for node in ctx.nodes("__init__"):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "build" and \
                type(node.func.value) is ast.Name and node.func.value.id == "self" and (node.args or node.keywords):
            if any(type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "self" for n in ctx.nodes("__init__")):
                return
            leaves = build_leaves(ctx.project, ctx.qualname)
            if leaves:
                yield Hit(
                    node,
                    f"{ctx.name}.__init__ calls self.build(...): Keras 3 builds it without running call(), "
                    f"so {_describe(leaves)} unbuilt, with no weights, until the model is called on "
                    f"data (summary, count_params and load_weights miss them)",
                    attribute=leaves[0][0], fix="explicit_build",
                )
            return


def _wired_by_output_shape(ctx):
    """A layer with its own build() and compute_output_shape(): Keras 3 calls it on a KerasTensor
    (functional wiring, a Sequential with an input shape, loading a saved model) by running build()
    and asking compute_output_shape() for the output, never call(). The sublayers call() uses that
    build() neither builds nor calls stay unbuilt until the first call on data (measured: missing
    from count_params(); load_weights/load_model fail, "objects could not be loaded")."""
    if ctx.target == TF_KERAS_TARGET or not ctx.has_method("build") or not _answers_output_shape(ctx):
        return  # (tf.keras 2 runs call() on symbolic inputs; so does Keras 3 without the pair)
    # Keras's own layers only: a layer class of the project may build its weights in its own
    # __init__ (keras-hub's style), which no call() needs
    leaves = [(attr, cls) for attr, cls in build_leaves(ctx.project, ctx.qualname)
              if "." not in attr and not _project_class_named(ctx, attr, cls)]
    leaves += _handed_in_leaves(ctx, {attr for attr, _ in leaves})
    if not leaves:
        return
    assigns = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        assigns.setdefault(assign.attr, assign)
    for attr, cls in leaves:
        if attr not in assigns:
            continue
        value = type(assigns[attr].value)
        if value is ast.Call:
            what, it, them, fix, values = cls, f"{attr} stays", "it", "output_shape", {}
        else:  # a list or dict of them (a literal, a comprehension, filled in place or through a local)
            is_dict = value in (ast.Dict, ast.DictComp)
            what = f"{'a dict' if is_dict else 'a list' if value is not ast.Name else 'a container'} of {cls}"
            it, them, fix = f"the layers in {attr} stay", "them", "output_shape_each"
            values = {"layers": f"self.{attr}.values()" if is_dict else f"self.{attr}"}
        yield Hit(
            assigns[attr].stmt,
            f"{ctx.name}.{attr} ({what}) is used by call() but neither built nor called by build(): "
            f"{ctx.name} defines build() and compute_output_shape(), so Keras 3 wires it (keras.Input, "
            f"a Sequential, loading a saved model) without running call(), and {it} unbuilt, "
            f"with no weights, until the first call on data (summary and count_params miss {them}; "
            f"load_weights and load_model fail to restore {them})",
            attribute=attr, fix=fix, fix_values=values,
        )


def _handed_in_leaves(ctx, known):
    """(attr, class) for `self.cell = cell` in __init__ where a call site of the project hands in a Keras
    layer with weights (`Wrapper(cell=GRUCell(256))`, ld005q: TensorFlow in Action's Bahdanau wrapper),
    call() (or what it runs, nested step functions included) calls it, and neither __init__ nor build()
    builds, calls or hands it on. Measured: wired on a keras.Input the layer stays unbuilt (missing from
    count_params()); without compute_output_shape(), or with no build() of its own, Keras 3 runs call()."""
    if "__init__" not in ctx.methods or not _bases_leave_build_alone(ctx.project, ctx.qualname):
        return []  # (nothing handed in; or a project base's build() may build it)
    called = {attr for _, func in ctx.methods_of("call") for node in walk(func)
              if type(node) is ast.Call and (attr := self_attr(node.func))}
    candidates = [a for a in ctx.assigns_in("__init__") if type(a.value) is ast.Name and a.attr in called
                  and a.attr not in known]
    if not candidates:
        return []
    touched = set()  # built, called or handed on (or a helper run) in __init__/build()
    for method in ("__init__", "build"):
        for node in ctx.nodes(method) if method in ctx.methods else ():
            if type(node) is not ast.Call:
                continue
            func = node.func
            if type(func) is ast.Attribute and func.attr == "build" and (attr := self_attr(func.value)):
                touched.add(attr)
            elif (attr := self_attr(func)) and attr not in ("add_weight", "add_variable"):
                touched.add(attr)
                if method == "build" and attr in ctx.methods:
                    return []  # a helper of the class may build it
            touched.update(a for arg in node.args + [k.value for k in node.keywords] if (a := self_attr(arg)))
    out = []
    for assign in candidates:
        if assign.attr in touched:
            continue
        value = handed_in_layer(ctx, assign)
        if value is not None and value.layer_class not in STATELESS_LAYERS and not ctx.is_project_class(value.qualname):
            out.append((assign.attr, value.layer_class))
            touched.add(assign.attr)
    return out


def _answers_output_shape(ctx) -> bool:
    """Does the class, or a project base of it, define compute_output_shape()/compute_output_spec()?"""
    names = ("compute_output_shape", "compute_output_spec")
    if any(ctx.has_method(name) for name in names):
        return True
    for base in ctx.project.user_ancestors(ctx.qualname):
        summary = ctx.project.class_summary(base) if base in ctx.project.classes else None
        if summary is not None and any(name in summary.method_names for name in names):
            return True
    return False


def _project_class_named(ctx, attr, cls) -> bool:
    """Is the sublayer `self.<attr>` (of class `cls`) an instance of a layer class of the project?"""
    file = ctx.project.classes[ctx.qualname][1]
    for callee in (c for a, c in (ctx.project.build_leaves(ctx.qualname)[0] or ()) if a == attr):
        return ctx.is_project_class(ctx.project.qualify_name(callee, file))
    return True  # (cannot tell: leave it alone)


def _skipped_in_loop(ctx):
    """A list of layers made in __init__ whose one use is a loop in call() that never reaches
    some of them: `if i < 2: continue` first thing in `for i, b in enumerate(self.blocks)`,
    `self.blocks[1:]`, `self.blocks[:-1]`, `range(1, len(self.blocks))`. Those layers stay unbuilt."""
    lists = _layer_lists(ctx)
    if not lists:
        return
    for method, _ in ctx.methods_of("call"):
        for loop in ctx.nodes(method):
            if type(loop) is not ast.For:
                continue
            for attr, lead, trail, uses in _loop_skips(loop, lists):
                if not _only_use_is(ctx, attr, loop, uses):
                    continue
                assign, first, last, length, _, _ = lists[attr]
                if length:  # a literal list: no more than it holds
                    lead, trail = min(lead, length), min(trail, max(length - lead, 0))
                skipped = [(_positions(lead, 0), first)] if lead else []
                skipped += [(_positions(trail, -1), last)] if trail else []
                if not all(ctx.has_weights(qualname) and qualname.rsplit(".", 1)[-1] not in STATELESS_LAYERS
                           for _, qualname in skipped):
                    continue
                count = lead + trail
                what = " and ".join(f"{ctx.name}.{attr}{where} ({qualname.rsplit('.', 1)[-1]})"
                                    for where, qualname in skipped)
                yield Hit(
                    assign.stmt,
                    f"{what} {'is' if count == 1 else 'are'} never called: call()'s loop `{_loop_text(loop)}` "
                    f"(line {loop.lineno}) skips {'it' if count == 1 else 'them'}{_skip_text(loop)}, so "
                    f"{'it stays' if count == 1 else 'they stay'} unbuilt, with no weights (the summary shows "
                    f"0 (unbuilt)), and a weights file that has {'it' if count == 1 else 'them'} will not load",
                    attribute=attr, fix="loop_skip",
                )


def _layer_lists(ctx):
    """attr -> (assign, class of the first layer, of the last, length or None) for
    `self.attr = [Layer(...) for ...]` or `[Layer(...), ...]`, assigned once in __init__."""
    out = {}
    for assign in ctx.self_assigns(("__init__",)):
        func = ctx.methods[assign.method]
        env = ctx.env(func)
        value = assign.value
        if type(value) is ast.Name and len(env.get(value.id, ())) == 1:
            value = env[value.id][0]
        if type(value) is ast.ListComp:
            first = last = value.elt
            length = _comprehension_length(value)
        elif type(value) is ast.List and value.elts and not any(type(e) is ast.Starred for e in value.elts):
            first, last, length = value.elts[0], value.elts[-1], len(value.elts)
        else:
            continue
        kinds = [ctx.value(first, env), ctx.value(last, env)]
        if all(k.kind == LAYER for k in kinds) and ctx.stores_of(assign.attr) == 1:
            out[assign.attr] = (assign, kinds[0].qualname, kinds[1].qualname, length, value, env)
    return out


def _comprehension_length(comp):
    """3 for `[... for _ in range(3)]` (one generator, no `if`); else None."""
    if len(comp.generators) != 1 or comp.generators[0].ifs:
        return None
    positions = _literal_range(comp.generators[0].iter)
    return None if positions is None else len(positions)


def _literal_range(node):
    """range(2, 5) for `range(2, 5)` (literal bounds); else None."""
    return _range_of(node, _constant_int)


def _range_of(node, evaluate):
    """The range a `range(...)` call gives when `evaluate` makes each bound an int; else None."""
    if not _is_call_of(node, "range") or node.keywords or not 1 <= len(node.args) <= 3:
        return None
    bounds = [evaluate(a) for a in node.args]
    return None if not all(type(b) is int for b in bounds) or len(bounds) == 3 and bounds[2] == 0 else range(*bounds)


def _positions_never_reached(ctx):
    """A list of layers of known length (`[A(), B(), C()]`, `[A() for _ in range(3)]`) whose every use is
    `self.attr[k]`, k a literal or the target of an enclosing `for k in range(<literals>)`, and whose
    uses reach only some positions: the layers at the others are never called nor built."""
    lists = {attr: entry for attr, entry in _layer_lists(ctx).items() if entry[3]}
    if not lists or ctx.cls.dynamic_access or ctx.project.subclasses(ctx.qualname):
        return
    for attr, (assign, _, _, length, value, env) in lists.items():
        reached, loops = set(), []
        for _, func in ctx.methods_of("__init__", "build", "call"):
            uses = _indexed_uses(func, attr, length)
            if uses is None:
                break
            for positions, loop in uses:
                reached |= positions
                if loop is not None and loop not in loops:
                    loops.append(loop)
        else:
            if ctx.mentions(attr) != 1 + sum(1 for _, f in ctx.methods_of("__init__", "build", "call")
                                             for n in walk(f) if self_attr(n) == attr and type(n) is ast.Attribute
                                             and type(n.ctx) is ast.Load):
                continue  # read by another method, or stored again
            missed = [k for k in range(length) if k not in reached]
            if not reached or not missed:
                continue
            elements = [value.elts[k] if type(value) is ast.List else value.elt for k in missed]
            if value is not assign.value or not all(type(e) is ast.Call for e in elements):
                continue  # a list held in a local, or of layers made earlier: they may be used another way
            made = [ctx.value(e, env) for e in elements]
            if not all(m.qualname and m.layer_class not in STATELESS_LAYERS and ctx.has_weights(m.qualname)
                       for m in made):
                continue
            where = ", ".join(f"[{k}]" for k in missed)
            count = len(missed)
            how = "; ".join(f"`{_loop_text(loop)}` (line {loop.lineno})" for loop in loops[:2])
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr}{where} ({', '.join(sorted({m.layer_class for m in made}))}) "
                f"{'is' if count == 1 else 'are'} never called nor built: every use of the {length}-layer list "
                f"is at position{'s' if len(reached) > 1 else ''} {', '.join(map(str, sorted(reached)))}"
                f"{' (' + how + ')' if how else ''}, so {'it stays' if count == 1 else 'they stay'} unbuilt, "
                f"with no weights (the summary shows 0 (unbuilt))",
                attribute=attr, fix="loop_skip",
            )


_COMPREHENSIONS = (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)


def _indexed_uses(func, attr, length):
    """[(positions, the loop giving them or None)] for each read of self.<attr> in `func` when every one is
    `self.attr[k]` with k a literal (negative counts from the end) or the target of an enclosing
    `for k in range(<literals>)`; None when some read is anything else."""
    reads = [n for n in walk(func) if self_attr(n) == attr and type(n) is ast.Attribute and type(n.ctx) is ast.Load]
    if not reads:
        return []
    subscripts = {id(n.value): n for n in walk(func) if type(n) is ast.Subscript and self_attr(n.value) == attr}
    out, by_loop = [], {}
    for node in walk(func):  # `for k in range(2)` and `[... for k in range(2)]`
        kind = type(node)
        loops = [(node.target, node.iter, node.body, node)] if kind is ast.For else \
            [(g.target, g.iter, [node], node) for g in node.generators] if kind in _COMPREHENSIONS else ()
        for target, iterable, scope, loop in loops:
            positions = _literal_range(iterable) if type(target) is ast.Name else None
            if positions is None:
                continue
            for sub in (n for part in scope for n in walk(part)):
                if type(sub) is ast.Subscript and type(sub.slice) is ast.Name and sub.slice.id == target.id and \
                        self_attr(sub.value) == attr:
                    by_loop.setdefault(id(sub), (set(positions), loop if kind is ast.For else None))
    for read in reads:
        subscript = subscripts.get(id(read))
        if subscript is None:
            return None
        if id(subscript) in by_loop:
            out.append(by_loop[id(subscript)])
            continue
        k = _constant_int(subscript.slice)
        if k is None or not -length <= k < length:
            return None
        out.append(({k % length}, None))
    return out


def _loop_skips(loop, lists):
    """[(attr, leading layers skipped, trailing layers skipped, the loop's self.attr nodes that
    are the iteration itself)] for the lists of `lists` that `loop` walks."""
    iterable, target, index, start = loop.iter, loop.target, None, 0
    if _is_call_of(iterable, "enumerate") and type(target) is ast.Tuple and len(target.elts) == 2:
        start = _int_arg(iterable, 1, "start", default=0)
        index = target.elts[0].id if type(target.elts[0]) is ast.Name else None
        iterable = iterable.args[0] if iterable.args else None
        if start is None:
            return []
    parts = []  # (attr, slice start, slice end from the back, its nodes)
    if _is_call_of(iterable, "range") and type(target) is ast.Name and len(iterable.args) in (1, 2):
        measured = iterable.args[-1]
        first = _int_arg(iterable, 0, None, default=0) if len(iterable.args) == 2 else 0
        if _is_call_of(measured, "len") and len(measured.args) == 1 and first is not None:
            attr = self_attr(measured.args[0])
            subscripts = [n for n in walk(loop) if type(n) is ast.Subscript and self_attr(n.value) == attr
                          and type(n.slice) is ast.Name and n.slice.id == target.id]
            if attr in lists and subscripts:
                parts.append((attr, first, 0, [measured.args[0]] + [n.value for n in subscripts]))
                index, start = target.id, first
    else:
        for part in iterable.args if _is_call_of(iterable, "zip") else [iterable]:
            attr, lead, trail = _sliced_attr(part)
            if attr in lists:
                parts.append((attr, lead, trail, [part.value if type(part) is ast.Subscript else part]))
    tests = [s.test for s in _leading_continues(loop.body)] if index else []
    out = []
    for attr, lead, trail, uses in parts:
        skipped = 0
        while skipped < 8 and any(_value_at(test, index, start + skipped) for test in tests):
            skipped += 1
        if lead + skipped or trail:
            out.append((attr, lead + skipped, trail, uses))
    return out


def _sliced_attr(node):
    """`self.x` -> ("x", 0, 0); `self.x[2:]` -> ("x", 2, 0); `self.x[:-1]` -> ("x", 0, 1); else None."""
    if type(node) is ast.Subscript and type(node.slice) is ast.Slice and node.slice.step is None:
        lower = _constant_int(node.slice.lower) if node.slice.lower is not None else 0
        upper = _constant_int(node.slice.upper) if node.slice.upper is not None else 0
        if lower is None or upper is None or lower < 0 or upper > 0:
            return None, 0, 0
        return self_attr(node.value), lower, -upper
    return self_attr(node), 0, 0


def _leading_continues(body):
    """The `if test: continue` statements a loop body starts with."""
    out = []
    for statement in body:
        if type(statement) is ast.If and not statement.orelse and len(statement.body) == 1 and \
                type(statement.body[0]) is ast.Continue:
            out.append(statement)
        else:
            break
    return out


def _only_use_is(ctx, attr, loop, uses):
    """Is the loop (`uses`: its own self.attr nodes) the list's one use besides its assignment?"""
    if ctx.cls.dynamic_access or any(n for n in walk(loop) if self_attr(n) == attr and
                                     not any(n is u for u in uses)):
        return False
    if ctx.mentions(attr) != ctx.stores_of(attr) + len(uses):
        return False
    return not any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname))


def _loop_text(loop):
    target = loop.target
    names = ", ".join(map(ast.unparse, target.elts)) if type(target) is ast.Tuple else ast.unparse(target)
    return f"for {names} in {ast.unparse(loop.iter)}"


def _skip_text(loop):
    tests = _leading_continues(loop.body)
    return "".join(f" (`if {ast.unparse(s.test)}: continue`)" for s in tests[:1])


def _positions(count, end):
    """[0], [0] and [1], [0] to [2]; from the back: [-1], [-2] and [-1], [-3] to [-1]."""
    first, last = (0, count - 1) if end == 0 else (-count, -1)
    if count == 1:
        return f"[{first}]"
    return f"[{first}] and [{last}]" if count == 2 else f"[{first}] to [{last}]"


def _is_call_of(node, name):
    return type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == name


def _int_arg(call, position, keyword, default):
    if len(call.args) > position:
        return _constant_int(call.args[position])
    for kw in call.keywords:
        if kw.arg == keyword:
            return _constant_int(kw.value)
    return default


def _constant_int(node):
    if type(node) is ast.UnaryOp and type(node.op) is ast.USub:
        inner = _constant_int(node.operand)
        return None if inner is None else -inner
    return node.value if type(node) is ast.Constant and type(node.value) is int else None


_COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
            ast.Eq: operator.eq, ast.NotEq: operator.ne,
            ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b}
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
               ast.Mod: operator.mod, ast.FloorDiv: operator.floordiv}


def _value_at(expr, name, index):
    """The value of a small integer expression of `name` (`i < 2`, `i % 2 == 0`, `i in (0, 1)`)
    when name == index; None when it depends on anything else."""
    kind = type(expr)
    if kind is ast.Name:
        return index if expr.id == name else None
    if kind is ast.Constant:
        return expr.value if type(expr.value) is int else None
    if kind in (ast.Tuple, ast.List, ast.Set):
        values = [_value_at(e, name, index) for e in expr.elts]
        return None if None in values else tuple(values)
    if kind is ast.UnaryOp:
        value = _value_at(expr.operand, name, index)
        if value is None or type(expr.op) not in (ast.Not, ast.USub):
            return None
        return (not value) if type(expr.op) is ast.Not else -value
    if kind is ast.BinOp and type(expr.op) in _ARITHMETIC:
        left, right = _value_at(expr.left, name, index), _value_at(expr.right, name, index)
        if left is None or right is None or (right == 0 and type(expr.op) in (ast.Mod, ast.FloorDiv)):
            return None
        return _ARITHMETIC[type(expr.op)](left, right)
    if kind is ast.BoolOp:
        values = [_value_at(v, name, index) for v in expr.values]
        if None in values:
            return None
        return all(values) if type(expr.op) is ast.And else any(values)
    if kind is ast.Compare and all(type(op) in _COMPARE for op in expr.ops):
        left = _value_at(expr.left, name, index)
        for op, comparator in zip(expr.ops, expr.comparators):
            right = _value_at(comparator, name, index)
            if left is None or right is None:
                return None
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    return None


def build_leaves(project, qualname, _depth=0):
    """Sublayers (dotted path, class name) that `instance.build(shape)` leaves unbuilt, with
    weights of their own; [] when none or when that cannot be told."""
    found = project.classes.get(qualname)
    if found is None or _depth > 4 or qualname.startswith(("keras.", "tf_keras.")):
        # (Keras's own classes, when the checked tree is Keras: their build() is not the user's)
        return []
    if not _bases_leave_build_alone(project, qualname):
        inherited = _inherited_build(project, qualname)
        return _inherited_build_leaves(project, qualname, *inherited, _depth) if inherited else []
    file = found[1]
    leaves, builds = project.build_leaves(qualname)
    if leaves is None:
        return []
    out = []
    for attr, callee in leaves:
        name = project.qualify_name(callee, file)
        if project.is_layer(name) and name.rsplit(".", 1)[-1] not in STATELESS_LAYERS and project.has_weights(name):
            out.append((attr, name.rsplit(".", 1)[-1]))
    for attr, callee in builds:
        name = project.qualify_name(callee, file)
        for sub, cls in build_leaves(project, name, _depth + 1):
            out.append((f"{attr}.{sub}", cls))
    return out


def _bases_leave_build_alone(project, qualname) -> bool:
    """Can the class's own build() be read alone? True with no project base; with project bases, when
    the class defines build() and either never calls super().build() or every base build() it reaches
    only creates things (no `.build(...)`, no call on self but add_weight: nothing that could build
    the class's sublayers)."""
    bases = project.user_ancestors(qualname)
    if not bases:
        return True
    if any(base not in project.classes for base in bases):
        return False  # a base we cannot read
    methods = project.class_methods(qualname)
    build = methods.get("build") if methods else None
    if build is None:
        # the bases' build() runs, or Keras's when no base defines one and none wires a graph
        # (a project base that only adds get_config or helpers is common in real code)
        return not any(project.classes[base][0].defines_build or _base_hands_over_a_graph(project, base)
                       for base in bases)
    if not any(_is_super_call(node, "build") for node in walk(build)):
        return True
    for base in bases:
        if not project.classes[base][0].defines_build:
            continue
        base_build = (project.class_methods(base) or {}).get("build")
        if base_build is None or not all(_only_creates(node) for node in walk(base_build) if type(node) is ast.Call):
            return False
    return True


# ------------------------------------------------------------------ a build() inherited from a project base
# transformers' TF models: `TFBertPreTrainedModel.build()` builds `getattr(self, self.base_model_prefix)`
# and returns; a user's subclass that adds `self.classifier = Dense(...)` and no build() of its own keeps
# an unbuilt head whenever the model is built without data (from_pretrained's build_in_name_scope(), an
# explicit model.build(shape)). Measured on Keras 3 (ld005m): the inherited build() runs alone, the
# subclass's head stays unbuilt until the first call on data.

def _inherited_build(project, qualname):
    """(builder, build FunctionDef, chain) when the class defines no build() and exactly one class of
    its project chain (all of it readable, no functional wiring) does; else None."""
    bases = project.user_ancestors(qualname)
    if project.classes[qualname][0].defines_build or not bases or any(base not in project.classes for base in bases):
        return None
    builders = [base for base in bases if project.classes[base][0].defines_build]
    if len(builders) != 1 or any(_base_hands_over_a_graph(project, base) for base in bases):
        return None  # (several build()s: which one runs, and what super().build() reaches, is not read)
    build = (project.class_methods(builders[0]) or {}).get("build")
    return (builders[0], build, [qualname, *bases]) if build is not None else None


_CONSTANT_RE = {}  # name -> compiled `^<indent>name = "word"` pattern


def _class_constant(project, chain, name):
    """The string a class attribute `name = "word"` holds, the nearest class of the chain first."""
    pattern = _CONSTANT_RE.get(name)
    if pattern is None:
        pattern = _CONSTANT_RE[name] = re.compile(rf"^[ \t]+{name}\s*(?::[^=\n]*)?=\s*[\"'](\w+)[\"']\s*$", re.M)
    for qualname in chain:
        summary = project.class_summary(qualname)
        text = summary.text() if summary is not None else None
        if text is None:
            return None
        found = pattern.search(text)
        if found is not None:
            return found.group(1)
    return None


def _named_attr(project, chain, node, local):
    """The self attribute `node` names: `self.x`, `self.x[i]`, `getattr(self, "x")`,
    `getattr(self, self.PREFIX, None)` (PREFIX a string class attribute), a local bound to one of
    those; None when it names something else."""
    if type(node) is ast.Subscript:
        node = node.value
    attr = self_attr(node)
    if attr is not None:
        return attr
    if type(node) is ast.Name:
        return local.get(node.id)
    if _is_call_of(node, "getattr") and len(node.args) >= 2 and type(node.args[0]) is ast.Name and \
            node.args[0].id == "self":
        key = node.args[1]
        if type(key) is ast.Constant and type(key.value) is str:
            return key.value
        name = self_attr(key)
        return _class_constant(project, chain, name) if name is not None else None
    return None


def _inherited_build_leaves(project, qualname, builder, build, chain, depth):
    """What the inherited build() leaves unbuilt: sublayers with weights that the chain's __init__s
    create and some other method uses, which that build() neither builds nor calls ([] when it does
    anything that is not read: another method of self, a build on something unnamed)."""
    inits = [(q, (project.class_methods(q) or {}).get("__init__")) for q in chain]
    created = {}  # attr -> (dotted callee, the file of the class creating it)
    for q, init in inits:
        for node in walk(init) if init is not None else ():
            if type(node) is ast.Assign and len(node.targets) == 1 and self_attr(node.targets[0]):
                value = node.value.elt if type(node.value) is ast.ListComp else node.value
                name = _callee(value)
                if name:
                    created.setdefault(self_attr(node.targets[0]), (name, project.classes[q][1]))
    if not created:
        return []
    built, here = set(), {}
    for func in [build, *(init for _, init in inits if init is not None)]:
        local = {}  # local name -> the self attribute it holds (`main = getattr(self, self.prefix)`)
        for node in walk(func):
            attr = self_attr(node)
            if attr is not None:
                here[attr] = here.get(attr, 0) + 1
            if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
                named = _named_attr(project, chain, node.value, {})
                if named is not None:
                    local[node.targets[0].id] = named
            elif type(node) is ast.For and type(node.target) is ast.Name:
                named = _named_attr(project, chain, node.iter, local)
                if named is not None:
                    local[node.target.id] = named
        for node in walk(func):
            if type(node) is not ast.Call:
                continue
            f = node.func
            if type(f) is ast.Attribute and f.attr == "build":
                if _is_call_of(f.value, "super"):
                    continue  # the only project build() calls Keras's
                named = _named_attr(project, chain, f.value, local)
                if named is None:
                    return []  # builds something it holds in another way
                built.add(named)
                continue
            if type(f) is ast.Attribute and self_attr(f) in ("add_weight", "add_variable", "add_loss"):
                continue
            named = _named_attr(project, chain, f, local)
            if named in created:
                built.add(named)  # called: built
            elif func is build and (named is not None or type(f) is ast.Name and f.id == "self"):
                return []  # another method of self: it may build anything
    used = {a: sum(project.classes[q][0].attr_counts.get(a, 0) for q in chain) for a in created}
    out = []
    for attr, (callee, file) in created.items():
        name = project.qualify_name(callee, file)
        if not project.is_layer(name) or name.rsplit(".", 1)[-1] in STATELESS_LAYERS or not project.has_weights(name):
            continue
        if attr in built:
            out += [(f"{attr}.{sub}", cls) for sub, cls in build_leaves(project, name, depth + 1)]
        elif used[attr] > here.get(attr, 0):
            out.append((attr, name.rsplit(".", 1)[-1]))
    return out


def _inherited_build_without_data(ctx):
    """A class with no build() of its own whose inherited project build() leaves a sublayer its own
    __init__ creates unbuilt, when the chain builds its models without data: one of its methods calls
    `self.build(...)` (transformers' build_in_name_scope(), a materialize()) and something calls that
    method. Heuristic (that the model is not called on data before its weights matter): a warning."""
    if ctx.target == TF_KERAS_TARGET or ctx.has_method("build") or not ctx.has_method("__init__"):
        return
    project = ctx.project
    bases = project.user_ancestors(ctx.qualname)
    if not any(base in project.classes and project.classes[base][0].defines_build for base in bases):
        return  # (cheap gate: no project base defines build())
    protocol = _build_protocol(project, [ctx.qualname, *bases])
    if protocol is None:
        return
    own = {}
    for assign in ctx.self_assigns(("__init__",)):
        own.setdefault(assign.attr, assign)
    builder = next(base for base in bases if base in project.classes and project.classes[base][0].defines_build)
    for attr, cls in build_leaves(project, ctx.qualname):
        if attr in own:
            yield Hit(
                own[attr].stmt,
                f"{ctx.name} has no build() of its own: {builder.rsplit('.', 1)[-1]}.build() runs, and it neither "
                f"builds nor calls {attr} ({cls}); {protocol} builds the model without data (no call()), so "
                f"{attr} stays unbuilt, with no weights, until the first call on data (count_params and "
                f"load_weights miss it; read from the build protocol, assuming no call on data comes first); "
                f"give {ctx.name} a build() that calls super().build() and builds {attr}",
                attribute=attr, severity="warning", fix="inherited_build",
            )


def _build_protocol(project, chain):
    """'<Class>.<method>()' for a method of the chain (not build/__init__/call) that calls
    `self.build(...)` and that some code of the chain's files calls (`.method(`); else None."""
    texts = {}
    for qualname in chain:
        summary = project.class_summary(qualname)
        body = summary.text() if summary is not None else None
        if body is None:
            continue
        texts.setdefault(project.classes[qualname][1].path, summary.file_text())
        if "self.build(" not in body:
            continue
        for name in summary._pending[1]:  # (the names of the methods defined, parsed or not)
            if name in ("build", "__init__", "call") or name not in summary.method_names:
                continue
            method = summary.load_methods((name,)).get(name) or summary.methods.get(name)
            if method is not None and any(
                    type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr == "build"
                    and type(n.func.value) is ast.Name and n.func.value.id == "self" for n in walk(method)):
                if any(f".{name}(" in text for text in texts.values()):
                    return f"{summary.name}.{name}()"
    return None


# ------------------------------------------------------------------ a held layer nobody calls, only a part of it
# `self._language_model = TFBertForPreTraining(...)` in an aspect-based classifier whose methods only run
# `self.language_model.bert(x)`: the pre-training model's own call() never runs, so its heads are never
# called and stay unbuilt (measured on Keras 3: ld005n).

def _held_layer_reached_through_one_part(ctx):
    """A project layer held in __init__ that no code of the class (or its file) calls, builds or hands
    on: every use is `self.x.<sublayer>` (also through a property returning self.x). Its other
    sublayers with weights are never called. Read from this file only: a warning."""
    if ctx.cls.dynamic_access:
        return
    project = ctx.project
    text = None
    for assign in ctx.assigns_in("__init__") if ctx.has_method("__init__") else ():
        if type(assign.value) is not ast.Call:
            continue
        held = ctx.qualify(assign.value.func)
        func = assign.value.func
        if type(func) is ast.Name and held == func.id:  # unresolved: `LM = TFBertForPreTraining; LM(config)`
            bound = ctx.env(ctx.methods["__init__"]).get(func.id, ())
            held = ctx.qualify(bound[0]) if len(bound) == 1 and type(bound[0]) in (ast.Name, ast.Attribute) else None
        if held is None or held == ctx.qualname or not ctx.is_project_class(held) or not project.is_layer(held):
            continue
        if text is None:
            text, file_text = ctx.cls.text(), ctx.cls.file_text()
            if text is None:
                return
        attr = assign.attr
        if f"self.{attr}." not in text and "@property" not in text or f"self.{attr}(" in text:
            continue  # (cheap gate: no `self.x.` use, or the held layer is called)
        hit = _reached_parts(ctx, project, attr, held, text, file_text)
        if hit is not None:
            yield Hit(assign.stmt, hit, attribute=attr, severity="warning")


def _reached_parts(ctx, project, attr, held, text, file_text):
    ctx.cls.load_methods(tuple(ctx.cls.method_names))
    methods = ctx.cls.methods  # (as written: the inlined view repeats helpers in their callers)
    names = {attr}
    for name, func in methods.items():  # properties returning self.x
        if any(type(d) is ast.Name and d.id == "property" for d in func.decorator_list) and len(func.body) >= 1 \
                and type(func.body[-1]) is ast.Return and self_attr(func.body[-1].value) == attr:
            names.add(name)
    if any(ctx.mentions(n) != sum(1 for f in methods.values() for x in walk(f) if self_attr(x) == n) for n in names):
        return None  # a use the parsed methods do not hold
    if any(sub.attr_counts.get(n, 0) or sub.dynamic_access for sub in project.subclasses(ctx.qualname) for n in names):
        return None
    for n in names:  # (`model.x` outside the class: the file reaches it; another class's `self.x` is not it)
        pattern = re.compile(rf"(?<!self)\.{n}\b")
        if len(pattern.findall(file_text)) != len(pattern.findall(text)):
            return None
    reached, inner, uses = set(), set(), []
    for func in methods.values():
        for node in walk(func):
            if type(node) is ast.Attribute and self_attr(node.value) in names:
                reached.add(node.attr)
                inner.add(id(node.value))
            elif self_attr(node) in names:
                uses.append(node)
    # other uses than `self.x.part`: the store in __init__ and the properties' returns, nothing else
    if not reached or sum(id(node) not in inner for node in uses) != len(names):
        return None
    init = (project.class_methods(held) or {}).get("__init__")
    if init is None:
        return None
    file = project.classes[held][1]
    parts, mentioned = {}, {}
    for node in walk(init):
        name = self_attr(node)
        if name is not None:
            mentioned[name] = mentioned.get(name, 0) + 1
        if type(node) is ast.Assign and len(node.targets) == 1 and self_attr(node.targets[0]):
            callee = _callee(node.value)
            if callee:
                parts[self_attr(node.targets[0])] = project.qualify_name(callee, file)
    if not reached <= set(parts):
        return None  # reaches a method or a plain attribute of the held layer: it may run anything
    left = [(part, qualname.rsplit(".", 1)[-1]) for part, qualname in parts.items()
            if part not in reached and mentioned.get(part) == 1 and project.is_layer(qualname)
            and qualname.rsplit(".", 1)[-1] not in STATELESS_LAYERS and project.has_weights(qualname)
            and _creates_state(project, qualname)]
    if not left:
        return None
    shown = ", ".join(f"{part} ({cls})" for part, cls in left[:4])
    via = " and ".join(f"self.{n}.{r}" for n in sorted(names - {attr} or names) for r in sorted(reached))
    return (f"{ctx.name}.{attr} ({held.rsplit('.', 1)[-1]}) is never called itself: the class only reaches "
            f"{via}, so its call() never runs and {shown} {'is' if len(left) == 1 else 'are'} never called: "
            f"unbuilt, with no weights (the summary shows 0 (unbuilt); load_weights has nowhere to put them); "
            f"read from this file only (no other code calling it was found); hold only the part used, or call "
            f"the whole layer")


_STATE_RE = re.compile(r"add_weight|add_variable|Variable\(|self\.\w+\s*=\s*\[?\s*[\w.]*\b[A-Z]\w*\(")


def _creates_state(project, qualname) -> bool:
    """A project layer whose text (or a project base's) creates a weight or stores a sublayer: has_weights()
    also counts a class that only calls one per call (`ApplyRoPE()(q, k)`), which loses nothing unbuilt."""
    for name in (qualname, *project.user_ancestors(qualname)):
        if name not in project.classes:
            if project.has_weights(name) and project.is_layer(name):
                return True
            continue
        summary = project.class_summary(name)
        text = summary.text() if summary is not None else None
        if text is None or _STATE_RE.search(text):
            return True
    return False


def _callee(value):
    """`Cls` of `Cls(...)` (a class-like name, dotted), else None."""
    if type(value) is not ast.Call:
        return None
    name = ast.unparse(value.func) if type(value.func) in (ast.Name, ast.Attribute) else ""
    return name if name.rsplit(".", 1)[-1][:1].isupper() else None


def _base_hands_over_a_graph(project, base) -> bool:
    methods = project.class_methods(base)
    if methods is None:
        return True  # a base whose methods do not parse: assume the worst
    init = methods.get("__init__")
    return init is not None and any(hands_over_a_graph(node) for node in walk(init))


def _is_super_call(node, method) -> bool:
    return type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == method and \
        _is_call_of(node.func.value, "super")


def _only_creates(call) -> bool:
    """A call in a base's build() that cannot build a sublayer: not `.build(...)`, not a method of self
    (add_weight aside), not self(...)."""
    func = call.func
    if type(func) is ast.Attribute and func.attr == "build" and not _is_call_of(func.value, "super"):
        return False
    root = func
    while type(root) in (ast.Attribute, ast.Subscript, ast.Call):
        root = root.func if type(root) is ast.Call else root.value
    if type(root) is ast.Name and root.id == "self":
        return type(func) is ast.Attribute and func.attr in ("add_weight", "add_variable", "add_loss")
    return True


def _describe(leaves):
    shown = ", ".join(f"{a} ({c})" for a, c in leaves[:4])
    shown += f" and {len(leaves) - 4} more" if len(leaves) > 4 else ""
    return shown + (" stays" if len(leaves) == 1 else " stay")


_RNN_WRAPPER_RE = re.compile(r"\bRNN\(|StackedRNNCells\(")  # (not SimpleRNN(, not LSTM()


def TRIGGER(text: str) -> bool:
    """`name.build(...)` on a plain name (not `self.x.build(`, not `super().build(`), or a Keras RNN
    wrapper (`RNN(`, `StackedRNNCells(`) next to `Input(`."""
    if "RNN" in text and "Input" in text and _RNN_WRAPPER_RE.search(text):
        return True
    at = text.find(".build(")
    seen = set()
    while at >= 0:
        name = name_before(text, at)
        start = at - len(name)
        if name and name not in seen and text[start - 1:start] != "." and name != "self" and \
                not name[0].isdigit() and not seen.add(name) and _bound_to_call(name, text):
            return True
        at = text.find(".build(", at + 7)
    return False


def _bound_to_call(name: str, text: str) -> bool:
    """`name = something(` where the call is not one of Keras's own layers. (The pattern starts
    with the name, a literal the regex engine scans for fast; the word boundary is checked after.)"""
    pattern = re.compile(rf"{name} ?= ?(?!(?:tf\.)?(?:keras\.)?layers\.)[\w.]+\(")
    found = pattern.search(text)
    while found is not None:
        at = found.start()
        if not (text[at - 1:at].isalnum() or text[at - 1:at] == "_"):
            return True
        found = pattern.search(text, at + 1)
    return False


_RUNS_CALL = {"fit", "predict", "evaluate", "train_on_batch", "predict_on_batch", "test_on_batch", "__call__",
              "call"}


def check_module(ctx):
    if ctx.target == TF_KERAS_TARGET:
        return
    functions = {scope.name: scope for scope, _ in ctx.scopes() if isinstance(scope, ast.FunctionDef)}
    yield from _cells_built_by_an_rnn(ctx)
    for scope, nodes in ctx.scopes():
        env = None
        for node in nodes:
            if not (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "build"
                    and type(node.func.value) is ast.Name and (node.args or node.keywords)):
                continue
            name = node.func.value.id
            if env is None:
                env = ctx.bindings_of(nodes)
            qualname = _instance_class(ctx, env.get(name, []), functions)
            if qualname is None:
                continue
            leaves = build_leaves(ctx.project, qualname)
            if not leaves or _called_on_data(nodes, name):
                continue
            cls = qualname.rsplit(".", 1)[-1]
            yield Hit(
                node,
                f"{name}.build(...) on a {cls}: Keras 3 builds it without running call(), so "
                f"{_describe(leaves)} unbuilt, with no weights, until {name} is called on data "
                f"(summary, count_params and load_weights miss them)",
                attribute=leaves[0][0], class_name=cls, fix="explicit_build",
            )


_RNN_WRAPPERS = ("RNN", "StackedRNNCells")


def _cells_built_by_an_rnn(ctx):
    """`keras.layers.RNN(Cell(...))` (or StackedRNNCells, or a list of cells) in code that wires a model
    from `keras.Input`: the RNN's build() builds the cell with build(), never its call(), and the RNN
    answers the wiring with compute_output_shape(): sublayers the cell's call() would build stay
    unbuilt (measured: missing from count_params() until the first call on data)."""
    for scope, nodes in ctx.scopes():
        wrappers = [n for n in nodes if type(n) is ast.Call and _is_rnn_wrapper(ctx, n)]
        if not wrappers or not any(type(n) is ast.Call and (ctx.qualify(n.func) or "").endswith((".Input", ".InputLayer"))
                                   for n in nodes):
            continue
        env = ctx.bindings_of(nodes)
        seen = set()  # cells already reported (StackedRNNCells, then the RNN holding it)
        for wrapper in sorted(wrappers, key=lambda n: (n.lineno, n.col_offset)):
            cells = [cell for cell in _cells_of(ctx, wrapper, env) if id(cell[2]) not in seen]
            seen.update(id(cell[2]) for cell in cells)
            found = [(cell, build_leaves(ctx.project, qualname)) for cell, qualname, _ in cells]
            found = [(cell, leaves) for cell, leaves in found if leaves]
            if not found:
                continue
            cls = found[0][0]
            leaves = [leaf for _, leaves in found[:1] for leaf in leaves]
            yield Hit(
                wrapper,
                f"{ast.unparse(wrapper.func)}(...) with the cell {cls}: Keras 3 builds a cell with its build() "
                f"and wires the RNN from compute_output_shape(), without running the cell's call(), so "
                f"{_describe(leaves)} unbuilt, with no weights, until the first call on data (summary, "
                f"count_params and load_weights miss them); give {cls} a build() that builds them",
                attribute=leaves[0][0], class_name=cls, fix="output_shape",
            )


def _is_rnn_wrapper(ctx, call) -> bool:
    qualified = ctx.qualify(call.func) or ""
    return qualified.startswith(("keras.", "tensorflow.", "tf_keras.")) and qualified.rsplit(".", 1)[-1] in _RNN_WRAPPERS


def _cells_of(ctx, wrapper, env, depth=0):
    """[(class name, qualname, call)] of the project cells an RNN/StackedRNNCells call is given."""
    given = wrapper.args[:1] or [kw.value for kw in wrapper.keywords if kw.arg in ("cell", "cells")]
    todo, out = list(given), []
    while todo and depth < 20:
        depth += 1
        node = todo.pop(0)
        if type(node) is ast.Name and len(env.get(node.id, ())) == 1:
            node = env[node.id][0]
        if type(node) in (ast.List, ast.Tuple):
            todo.extend(node.elts)
        elif type(node) is ast.Call and _is_rnn_wrapper(ctx, node):
            todo.extend(node.args[:1] or [kw.value for kw in node.keywords if kw.arg in ("cell", "cells")])
        elif type(node) is ast.Call:
            qualname = ctx.qualify(node.func)
            if qualname is not None and ctx.is_project_class(qualname) and ctx.project.is_layer(qualname):
                out.append((qualname.rsplit(".", 1)[-1], qualname, node))
    return out


def _instance_class(ctx, values, functions, depth=0):
    """The project layer class the single value of a name is an instance of (following a local factory)."""
    if len(values) != 1 or type(values[0]) is not ast.Call or depth > 2:
        return None
    call = values[0]
    if type(call.func) is ast.Name and call.func.id in functions:
        factory = functions[call.func.id]
        from ..module import name_bindings
        fenv = name_bindings(walk(factory))
        returns = [r.value for r in walk(factory) if type(r) is ast.Return and r.value is not None]
        if len(returns) == 1 and type(returns[0]) is ast.Name:
            return _instance_class(ctx, fenv.get(returns[0].id, []), functions, depth + 1)
        return None
    qualname = ctx.qualify(call.func)
    if qualname is None or not ctx.is_project_class(qualname) or not ctx.project.is_layer(qualname):
        return None
    return qualname


def _called_on_data(nodes, name):
    for node in nodes:
        if type(node) is ast.Call:
            f = node.func
            if type(f) is ast.Name and f.id == name:
                return True
            if type(f) is ast.Attribute and f.attr in _RUNS_CALL and type(f.value) is ast.Name and f.value.id == name:
                return True
    return False


def _local_used_elsewhere(assign, func):
    """`self.x = x` where the local `x` was also called or passed on: it gets built that way."""
    if not isinstance(assign.value, ast.Name):
        return False
    name = assign.value.id
    loads = sum(1 for n in walk(func) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load))
    return loads > 1


# ------------------------------------------------------------------ sublayers a configuration never calls
# `Block(16, 16, (3, 1))` where __init__ makes `self.identity = BatchNormalization()` and call() runs it
# only `if self.identity is not None and self.ver_bn is not None`, which those arguments make False.

class _Unknown:
    def __repr__(self):
        return "?"


UNKNOWN = _Unknown()


class _Made:
    """A layer created by __init__ (its class's last name and qualname)."""

    def __init__(self, name, qualname):
        self.name, self.qualname = name, qualname


_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod}
_LITERAL_BUILTINS = {"isinstance": isinstance, "int": int, "float": float, "len": len, "tuple": tuple,
                     "bool": bool}
_BUILTIN_TYPES = {"int": int, "float": float, "tuple": tuple, "list": list, "str": str, "bool": bool}


class _Configured:
    """__init__ run on literal arguments, as far as plain Python allows; `attrs` is what it stores on
    self (a value, a _Made layer, or UNKNOWN); `ok` is False when the code was beyond this reading."""

    def __init__(self, ctx, call, constants):
        self.ctx, self.attrs, self.ok = ctx, {}, True
        init = ctx.methods.get("__init__")
        self.env_of = ctx.env(init)
        self.env = self._arguments(init, call, constants)
        if self.env is None:
            self.ok = False
            return
        self.ok = self._run(init.body)
        for method in ctx.methods:  # what another method (build()) stores is not known from here
            if method != "__init__":
                for node in ctx.nodes(method):
                    if type(node) is ast.Attribute and type(node.ctx) is ast.Store and self_attr(node):
                        self.attrs[node.attr] = UNKNOWN

    def _arguments(self, init, call, constants):
        params = init.args
        if params.posonlyargs or any(type(a) is ast.Starred for a in call.args) or \
                any(kw.arg is None for kw in call.keywords):
            return None
        names = [a.arg for a in params.args[1:]]
        defaults = dict(zip(names[len(names) - len(params.defaults):], params.defaults))
        defaults.update({a.arg: d for a, d in zip(params.kwonlyargs, params.kw_defaults) if d is not None})
        if len(call.args) > len(names):
            return None
        env = {}
        for name, value in zip(names, call.args):
            env[name] = self._eval(value, constants)
        given = {kw.arg: kw.value for kw in call.keywords}
        for name in names + [a.arg for a in params.kwonlyargs]:
            if name in env:
                continue
            if name in given:
                env[name] = self._eval(given[name], constants)
            elif name in defaults:
                env[name] = self._eval(defaults[name], constants)
            else:
                return None  # a required argument missing: not a call we understand
        return env

    def _run(self, body) -> bool:
        for statement in body:
            kind = type(statement)
            if kind is ast.Expr:
                if type(statement.value) is ast.Constant:
                    continue  # a docstring
                call = statement.value
                if type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr == "__init__" \
                        and _is_call_of(call.func.value, "super"):
                    continue
                return False  # a call that may store or build anything
            if kind is ast.Pass:
                continue
            if kind in (ast.Assign, ast.AnnAssign):
                if statement.value is None:
                    continue
                value = self._eval(statement.value, self.env)
                for target in statement.targets if kind is ast.Assign else [statement.target]:
                    if not self._store(target, value):
                        return False
                continue
            if kind is ast.If:
                test = self._truth(self._eval(statement.test, self.env))
                if test is UNKNOWN:
                    return False
                if not self._run(statement.body if test else statement.orelse):
                    return False
                continue
            return False  # raise, loops, try, with, returns: beyond this reading
        return True

    def _store(self, target, value) -> bool:
        if type(target) is ast.Name:
            self.env[target.id] = value
            return True
        attr = self_attr(target)
        if attr is not None and type(target) is ast.Attribute:
            self.attrs[attr] = value
            return True
        if type(target) in (ast.Tuple, ast.List):
            if type(value) is tuple and len(value) == len(target.elts):
                return all(self._store(t, v) for t, v in zip(target.elts, value))
            return all(self._store(t, UNKNOWN) for t in target.elts)
        return False

    def _eval(self, node, env):
        kind = type(node)
        if kind is ast.Constant:
            return node.value
        if kind is ast.Name:
            return env.get(node.id, UNKNOWN)
        if kind in (ast.Tuple, ast.List):
            return tuple(self._eval(e, env) for e in node.elts)
        if kind is ast.Attribute and self_attr(node) is not None:
            return self.attrs.get(node.attr, UNKNOWN)
        if kind is ast.UnaryOp:
            value = self._eval(node.operand, env)
            if type(node.op) is ast.Not:
                truth = self._truth(value)
                return UNKNOWN if truth is UNKNOWN else not truth
            if type(node.op) is ast.USub and type(value) in (int, float):
                return -value
            return UNKNOWN
        if kind is ast.BinOp and type(node.op) in _BINARY:
            left, right = self._eval(node.left, env), self._eval(node.right, env)
            if type(left) in (int, float) and type(right) in (int, float):
                try:
                    return _BINARY[type(node.op)](left, right)
                except ZeroDivisionError:
                    return UNKNOWN
            return UNKNOWN
        if kind is ast.BoolOp:
            values = [self._truth(self._eval(v, env)) for v in node.values]
            wanted = type(node.op) is ast.Or  # the value that decides
            if wanted in values:
                return wanted
            return UNKNOWN if UNKNOWN in values else not wanted
        if kind is ast.Compare:
            return self._compare(node, env)
        if kind is ast.IfExp:
            test = self._truth(self._eval(node.test, env))
            if test is UNKNOWN:
                return UNKNOWN
            return self._eval(node.body if test else node.orelse, env)
        if kind is ast.Subscript:
            value, index = self._eval(node.value, env), self._eval(node.slice, env)
            if type(value) is tuple and type(index) is int and -len(value) <= index < len(value):
                return value[index]
            return UNKNOWN
        if kind is ast.Call:
            return self._call(node, env)
        return UNKNOWN

    def _call(self, node, env):
        if type(node.func) is ast.Name and node.func.id in _LITERAL_BUILTINS and not node.keywords and \
                node.func.id not in self.ctx.file.aliases:
            args = [self._eval(a, env) for a in node.args]
            if node.func.id == "isinstance" and len(args) == 2 and args[0] is not UNKNOWN:
                types = node.args[1].elts if type(node.args[1]) is ast.Tuple else [node.args[1]]
                if all(type(t) is ast.Name and t.id in _BUILTIN_TYPES for t in types):
                    return isinstance(args[0], tuple(_BUILTIN_TYPES[t.id] for t in types))
                return UNKNOWN
            if node.func.id != "isinstance" and not any(a is UNKNOWN or type(a) is _Made for a in args):
                try:
                    return _LITERAL_BUILTINS[node.func.id](*args)
                except (TypeError, ValueError):
                    return UNKNOWN
            return UNKNOWN
        value = self.ctx.value(node, self.env_of)
        if value.kind == LAYER:
            return _Made(value.layer_class, value.qualname)
        return UNKNOWN

    def _compare(self, node, env):
        left = self._eval(node.left, env)
        for op, right_node in zip(node.ops, node.comparators):
            right = self._eval(right_node, env)
            if type(op) in (ast.Is, ast.IsNot):
                if left is UNKNOWN or right is UNKNOWN or (left is not None and right is not None):
                    return UNKNOWN
                result = left is right
                result = result if type(op) is ast.Is else not result
            elif type(op) in _COMPARE and all(type(v) in (int, float, str, bool, tuple, type(None))
                                               for v in (left, right)):
                try:
                    result = _COMPARE[type(op)](left, right)
                except TypeError:
                    return UNKNOWN
            else:
                return UNKNOWN
            if not result:
                return False
            left = right
        return True

    @staticmethod
    def _truth(value):
        if value is UNKNOWN:
            return UNKNOWN
        if type(value) is _Made:
            return True
        if type(value) is tuple and UNKNOWN in value:
            return bool(value) or UNKNOWN
        return bool(value)


def _module_constants(tree):
    """`NAME = <literal>` assigned once at the top of the file: {NAME: value}."""
    counts, values = {}, {}
    for statement in tree.body:
        for target in statement.targets if type(statement) is ast.Assign else []:
            if type(target) is ast.Name:
                counts[target.id] = counts.get(target.id, 0) + 1
                if type(statement.value) is ast.Constant and type(statement.value.value) in (int, float, str, bool):
                    values[target.id] = statement.value.value
    return {name: value for name, value in values.items() if counts[name] == 1}


_CALLS_WITH_ARGUMENTS = [None, []]  # the last parsed tree asked about, the calls in it that pass arguments


def configured_dead_sublayers(ctx):
    """[(call site, attr, layer class, the test that skips it, built by build(), where: None in the class's
    file, else "main.py line 12")] for every instance the file (or a checked file importing the class) makes
    with literal arguments (`Block(16, 16, (3, 1))`) for which __init__ creates a sublayer
    with weights that call() uses only under an `if` those arguments make False. (Worked out once per
    class: LD005 and LD009 both ask.)"""
    found = getattr(ctx, "_configured_dead", None)
    if found is None:
        found = ctx._configured_dead = _configured_dead(ctx)
    return found


def _configured_dead(ctx):
    init, call = ctx.methods.get("__init__"), ctx.methods.get("call")
    if init is None or call is None or ctx.cls.dynamic_access or ctx.project.subclasses(ctx.qualname) or \
            ctx.target == TF_KERAS_TARGET:
        return []
    if not _guarded_uses(ctx, call):
        return []
    from ..class_facts import importing_files, parsed_file
    files = [ctx.file, *importing_files(ctx)]  # layers in one module, the model code in another
    text = ctx.cls.file_text()
    if text is not None and text.count(f"{ctx.name}(") < 2:
        files = files[1:]  # the file never makes an instance (only `class Name(` names it with a parenthesis)
    read = [m for m in ("__init__", "build", "call") if m in ctx.methods]
    out = []
    for file in files:
        tree = parsed_file(file.path)
        if _CALLS_WITH_ARGUMENTS[0] is not tree:  # (one file at a time: its classes are checked together)
            _CALLS_WITH_ARGUMENTS[:] = [tree, [n for n in walk(tree) if type(n) is ast.Call and (n.args or n.keywords)]]
        calls, constants = _CALLS_WITH_ARGUMENTS[1], None
        for site in calls:
            if ctx.project.qualify(site.func, file) != ctx.qualname:
                continue
            constants = _module_constants(tree) if constants is None else constants
            where = None if file is ctx.file else f"{os.path.basename(file.path)} line {site.lineno}"
            for env in _site_environments(tree, calls, site, constants):
                configured = _Configured(ctx, site, env)
                if not configured.ok:
                    continue
                reached, skipped_by, cut = _reached_in_call(ctx, call, configured)
                if reached is not None and _dead_in(ctx, configured, reached, skipped_by, cut, (site, where), read, out):
                    break  # one finding per site, from the first configuration that skips a sublayer
    return out


def _site_environments(tree, calls, site, constants):
    """The names an instance's arguments may read: the module's constants, then, when the instance is
    made inside a top-level function from that function's parameters (`Block(vanilla=vanilla)` in
    `make_model(vanilla=False)`), the same plus the literal arguments of each call of that function in
    the file (`make_model(vanilla=True)`)."""
    yield constants
    names = {n.id for a in [*site.args, *(k.value for k in site.keywords)] for n in walk(a) if type(n) is ast.Name}
    function, method = _function_around(tree, site.lineno)
    if function is None or not names & {a.arg for a in function.args.args + function.args.kwonlyargs}:
        return
    params = function.args.args
    defaults = dict(zip([a.arg for a in params[len(params) - len(function.args.defaults):]], function.args.defaults))
    defaults.update({a.arg: d for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults) if d is not None})
    if method and not any(type(d) is ast.Name and d.id == "staticmethod" for d in function.decorator_list):
        params = params[1:]  # `self.make_model(...)`, `builder.make_model(...)`: self is not passed
    for caller in calls:
        callee = caller.func
        name = callee.attr if method and type(callee) is ast.Attribute else \
            callee.id if not method and type(callee) is ast.Name else None
        if name != function.name or \
                any(type(a) is ast.Starred for a in caller.args) or any(k.arg is None for k in caller.keywords):
            continue
        given = {a.arg: v for a, v in zip(params, caller.args)} | {k.arg: k.value for k in caller.keywords}
        env = dict(constants)
        for name in [a.arg for a in params + function.args.kwonlyargs]:
            value = given.get(name, defaults.get(name))
            if type(value) is ast.Constant:
                env[name] = value.value
            elif type(value) is ast.Name and value.id in constants:
                env[name] = constants[value.id]
        yield env


def _function_around(tree, line):
    """(the top-level function, or method of a plain top-level class, holding `line`; is it a method?)."""
    for node in tree.body:
        if not node.lineno <= line <= node.end_lineno:
            continue
        if type(node) is ast.FunctionDef:
            return node, False
        if type(node) is ast.ClassDef:
            method = next((f for f in node.body if type(f) is ast.FunctionDef and f.lineno <= line <= f.end_lineno), None)
            return method, method is not None
    return None, False


def _dead_in(ctx, configured, reached, skipped_by, cut, site, read, out) -> bool:
    """Append to `out` the sublayers with weights this configuration creates and call() skips, and the
    trainable weights build() (or __init__) always creates that reach call()'s result only through code
    it skips (`cut`)."""
    found = False
    for attr, value in configured.attrs.items():
        if type(value) is not _Made or attr in reached or attr not in skipped_by or \
                value.name in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            continue
        if not _read_only_in(ctx, attr, read):
            continue  # used by another method too: cannot tell
        built = _built_in_build(ctx, attr)
        if built is None:
            continue
        out.append((site[0], attr, value.name, skipped_by[attr], built, site[1]))
        found = True
    if cut and not any(ctx.mentions(name) for name in _WEIGHT_LISTS):
        for attr, phrase in cut.items():
            if _always_made_weight(ctx, attr) and _read_only_in(ctx, attr, ("call",), stores=1):
                out.append((site[0], attr, None, phrase, True, site[1]))
                found = True
    return found


# Reading these means weights may be used by position, not by attribute.
_WEIGHT_LISTS = ("weights", "trainable_weights", "variables", "trainable_variables")


def _read_only_in(ctx, attr, methods, stores=0) -> bool:
    """Are `methods` (and `stores` assignments elsewhere) every mention of self.<attr> in the class?"""
    return sum(1 for m in methods for n in ctx.nodes(m) if type(n) is ast.Attribute and self_attr(n) == attr) \
        + stores == ctx.mentions(attr)


def _always_made_weight(ctx, attr) -> bool:
    """Is self.<attr> stored once, by a trainable `add_weight`/variable at the top level of __init__ or
    build() (not under an `if` of its own: then it may not exist in this configuration)?"""
    if ctx.stores_of(attr) != 1:
        return False
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr == attr:
            func = ctx.methods[assign.method]
            return any(assign.stmt is statement for statement in func.body) and \
                ctx.value(assign.value, ctx.env(func)).kind == WEIGHT and type(assign.value) is ast.Call and \
                not any(kw.arg == "trainable" and not (type(kw.value) is ast.Constant and kw.value.value is True)
                        for kw in assign.value.keywords)
    return False


def _guarded_uses(ctx, call) -> bool:
    """Does call() hold an `if` whose test, or a `for` over a range whose bounds, read self (a flag, a
    count, an optional sublayer)?"""
    return any(type(n) is ast.If and any(self_attr(t) for t in walk(n.test)) or
               type(n) is ast.For and _is_call_of(n.iter, "range") and any(self_attr(t) for t in walk(n.iter))
               for n in ctx.nodes("call"))


def _reached_in_call(ctx, call, configured):
    """(attrs call() reaches outside skipped code, {attr: why the code that reads it is skipped}, {attr: why}
    for attrs whose every reached read only feeds skipped code through locals); (None, None, None) when
    call() calls a method of self or stores on self (its flow may change). Skipped code: the branch of an
    `if` the configuration decides, the body of a `for ... in range(...)` it makes empty."""
    for node in ctx.nodes("call"):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                and node.func.value.id == "self" and node.func.attr in ctx.methods and \
                not _pure_helper(ctx, node.func.attr):
            return None, None, None
        if type(node) is ast.Attribute and type(node.ctx) is ast.Store and self_attr(node):
            return None, None, None
    reached, skipped = set(), {}
    units, skipped_names = [], {}  # reached code (statements, or a (targets, value) of an assignment); locals skipped code reads

    def skip(nodes, why):
        for node in (n for part in nodes for n in walk(part)):
            if type(node) is ast.Attribute and self_attr(node):
                skipped.setdefault(node.attr, why)
            elif type(node) is ast.Name and type(node.ctx) is ast.Load:
                skipped_names.setdefault(node.id, why)

    def visit(body, live):
        for statement in body:
            kind = type(statement)
            if kind is ast.If:
                test = configured._truth(configured._eval(statement.test, {}))
                why = f"under `if {ast.unparse(statement.test)}`, which they make False"
                if live:
                    units.append((None, statement.test))
                for branch, runs in ((statement.body, test is UNKNOWN or test), (statement.orelse,
                                                                               test is UNKNOWN or not test)):
                    if live and not runs:
                        skip(branch, why)
                    visit(branch, live and runs)
                continue
            if kind is ast.For and not statement.orelse and _empty_range(configured, statement.iter):
                if live:
                    skip(statement.body, f"in `{_loop_text(statement)}`, which they make run zero times")
                    units.append((None, statement.iter))
                    reached.update(n.attr for n in walk(statement.iter) if type(n) is ast.Attribute and self_attr(n))
                continue
            if live:
                for node in walk(statement):
                    if type(node) is ast.Attribute and self_attr(node):
                        reached.add(node.attr)
                units.extend(_assignment_units(statement))

    visit(call.body, True)
    return reached, skipped, _cut_reads(units, skipped_names, skipped) if skipped_names else {}


def _empty_range(configured, node) -> bool:
    """Is `node` a `range(...)` the configuration makes empty?"""
    positions = _range_of(node, lambda bound: configured._eval(bound, {}))
    return positions is not None and not positions


def _assignment_units(statement):
    """[(target names, value)] for an assignment of locals whose value calls nothing on self (a sublayer, a
    method, add_loss: it may act another way), one per pair of `a, b = f(x), g(y)`; else [(None, statement)]."""
    if type(statement) is ast.Assign and all(type(n) in (ast.Name, ast.Tuple, ast.List) and
                                             (type(n) is not ast.Name or type(n.ctx) is ast.Store)
                                             for t in statement.targets for n in walk(t)):
        value = statement.value
        if not any(type(n) in (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr) or
                   type(n) is ast.Call and _rooted_at_self(n.func) for n in walk(value)):
            target = statement.targets[0]
            if len(statement.targets) == 1 and type(target) in (ast.Tuple, ast.List) and \
                    type(value) in (ast.Tuple, ast.List) and len(target.elts) == len(value.elts) and \
                    not any(type(e) is ast.Starred for e in target.elts + value.elts):
                return [({n.id for n in walk(t) if type(n) is ast.Name}, v) for t, v in zip(target.elts, value.elts)]
            return [({n.id for t in statement.targets for n in walk(t) if type(n) is ast.Name}, value)]
    return [(None, statement)]


def _rooted_at_self(func) -> bool:
    while type(func) in (ast.Attribute, ast.Subscript, ast.Call):
        func = func.func if type(func) is ast.Call else func.value
    return type(func) is ast.Name and func.id == "self"


def _cut_reads(units, skipped_names, skipped):
    """{attr: why} for the attributes of self that reached code reads only in assignments of locals that
    nothing reached reads and skipped code does (`shift = ops.tanh(x + self.shift)` before a loop the
    configuration makes empty), through chains of such locals (flow-insensitive: a local read anywhere in
    reached code keeps every assignment of it)."""
    why_of, dead = dict(skipped_names), set()
    while True:
        loads = {n.id for i, (_, node) in enumerate(units) if i not in dead
                 for n in walk(node) if type(n) is ast.Name and type(n.ctx) is ast.Load}
        newly = [i for i, (names, _) in enumerate(units) if i not in dead and names and
                 not names & loads and names & why_of.keys()]
        if not newly:
            break
        for i in newly:
            names, value = units[i]
            why = why_of[min(names & why_of.keys())]
            dead.add(i)
            for n in walk(value):
                if type(n) is ast.Name and type(n.ctx) is ast.Load:
                    why_of.setdefault(n.id, why)
    live = {self_attr(n) for i, (_, node) in enumerate(units) if i not in dead for n in walk(node) if self_attr(n)}
    cut = {}
    for i in sorted(dead):
        names, value = units[i]
        for n in walk(value):
            attr = self_attr(n)
            if attr and attr not in live and type(n) is ast.Attribute:
                cut.setdefault(attr, why_of[min(names & why_of.keys())])
    cut.update((attr, why) for attr, why in skipped.items() if attr not in live and attr not in cut)
    return cut


def _pure_helper(ctx, method) -> bool:
    """A method of self that neither stores on self nor reads a sublayer or calls another method of
    self (`self.crop_shift_pad(images, mode)`): calling it cannot change which sublayers run."""
    for node in ctx.nodes(method):
        if type(node) is ast.Attribute and self_attr(node) and (
                type(node.ctx) is ast.Store or node.attr in ctx.methods or node.attr in ctx.cls.self_attr_counts
                and _is_sublayer_attr(ctx, node.attr)):
            return False
    return True


def _is_sublayer_attr(ctx, attr) -> bool:
    return any(a.attr == attr and ctx.value(a.value, ctx.env(ctx.methods[a.method])).kind == LAYER
               for a in ctx.self_assigns(("__init__", "build")))


def _built_in_build(ctx, attr):
    """True when build() builds self.<attr> (`self.<attr>.build(...)`, its weights exist), False when
    build() does not mention it, None when build() uses it otherwise."""
    if "build" not in ctx.methods:
        return False
    mentions = [n for n in ctx.nodes("build") if type(n) is ast.Attribute and self_attr(n) == attr]
    if not mentions:
        return False
    builds = [n for n in ctx.nodes("build") if type(n) is ast.Call and type(n.func) is ast.Attribute and
              n.func.attr == "build" and self_attr(n.func.value) == attr]
    return True if len(builds) == len(mentions) else None
