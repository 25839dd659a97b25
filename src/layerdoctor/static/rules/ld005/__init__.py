"""LD005 unbuilt-sublayer: a sublayer created in __init__ that nothing ever calls or builds.

This module holds the rule's catalog text, the class check that runs every family, and the plain
cases (never used, replaced before use, left out of a functional graph); each other family has a
module of its own here."""

import ast

from .... import keras_messages as msg
from ....finding import TF_KERAS as TF_KERAS_TARGET
from ....rule import Rule, snippet
from ....vocab import KERAS3, TF_KERAS
from ...context import LAYER, STATELESS_LAYERS
from ...walk import hands_over_a_graph, self_attr, walk
from .. import Hit
from .call_flags import flag_only_sublayers
from .call_outside import call_outside_the_class
from .uncalled_build import sublayers_never_given_weights
from .data_dependent import run_only_on_data
from .direct_call import run_through_call_method
from .dropped_in_build import sublayers_dropped_in_build
from .made import made_layer as _made_layer
from .built_without_call import (inherited_build_without_data, self_build_in_a_method, self_build_in_init,
                                 untraceable_call_behind_output_spec,
                                 wired_by_output_shape)
from .configured import configured_dead_sublayers
from .copied_by_bidirectional import copied_by_bidirectional
from .held_parts import held_layer_reached_through_one_part, run_from_outside
from .lists import is_call_of, positions_never_reached, skipped_in_loop
from .rebound import sublayers_rebound_from_outside
from .training_steps import run_only_by_training_steps
from .module_build import TRIGGER as TRIGGER  # (the catalog reads them)
from .module_build import check_module as check_module

RULE = Rule(
    code="LD005", name="unbuilt-sublayer", severity="error", tf_keras_severity="error",
    summary="A sublayer is never built: nothing calls it and no `build()` builds it.",
    what="Static: finds a sublayer whose class makes its weights only in a method Keras never runs "
         "(`build_model()`, where build(self, input_shape) was meant) that its holder does not call on it; "
         "on Keras 3, a sublayer rebound from outside its layer to tie weights (`block.fn.q = first.fn.q` in "
         "__init__/build()): the layer the block made for that attribute stays tracked, never called, unbuilt "
         "(a warning: the block's class is known by the attribute's name only); "
         "sublayers run only as `self.x.call(...)`, which skips the `__call__` that builds "
         "them (an error when the sublayer makes weights in its own build(), a warning for a container); "
         "sublayers with weights (or lists of them) assigned to `self` in `__init__` or "
         "`build()` (or a helper either calls) that no other method of the class, its subclasses or its "
         "project bases uses and that no code of its file calls or builds through an instance "
         "(`model.encoder(x)`, `net.tower.build(shape)`); a layer with weights kept on self whose only use "
         "is to be handed to `Bidirectional(...)` (also the cells of an RNN so handed): Bidirectional builds "
         "copies made from its config, so the layer kept is never called (Keras 3 only); a sublayer with weights that `__init__`/`build()` replaces, unconditionally "
         "in the same block and before anything reads it, with another value (Keras 3 only: its tracker "
         "keeps the first layer, unbuilt; tf.keras 2 untracks it); lists of layers that call()'s only loop over them never reaches in full (an "
         "`if i < 2: continue` at the top of the loop, `self.blocks[1:]`, `self.blocks[:-1]`, "
         "`range(1, len(self.blocks))`, with nothing else using the list); and an explicit `.build(shape)` (in module code, a factory, `self.build(...)` "
         "in `__init__`, or `self.build(shape)` in another method of a class with Keras's default `build()` "
         "that does not then call the model on data) on an instance of a project layer or model whose sublayers that build "
         "leaves unbuilt (created in `__init__` with no `build()`, or created in `build()` without "
         "being built there), when the instance is not called on data in the same function (Keras 3 "
         "only: tf.keras 2's `Model.build` runs `call()`); the same for a class with no `build()` of its own "
         "that inherits a project base's `build()` which builds only the sublayers it names (`self.backbone`, "
         "`getattr(self, self.base_model_prefix)`), reported also when a method of the class's chain builds "
         "it with `self.build(...)` and something calls that method (transformers' `build_in_name_scope()`: "
         "a warning, since a call on data may come first); a sublayer with weights that `call()` (or a layer's own "
         "`__call__`) runs only under a flag of its signature that defaults to off (`if use_gate:`, `if prev is "
         "not None:`), when every call of the class's instances in the checked files leaves the flag off (a "
         "warning when an instance is returned, so code outside may still turn it on; `training` and `mask` "
         "are Keras's own); a project layer held in `__init__` that the class "
         "never calls, builds or hands on, only reaching `self.x.<sublayer>` or its lists of layers (also through a property "
         "returning `self.x`), whose other sublayers with weights are then never called (a warning: read "
         "from the class's file only); Keras layers that `call()` uses (also one handed in to "
         "the constructor at a call site of the project: `self.cell = cell`) but `build()` "
         "neither builds nor calls, in a layer that defines both `build()` and `compute_output_shape()` "
         "(its own or a project base class's; Keras 3 wires such a layer, and rebuilds it when loading, without "
         "running `call()`); sublayers made in `__init__` of a layer with no `build()` whose "
         "`compute_output_spec()`/`compute_output_shape()` answers without `call()` while `call()` turns an "
         "input into concrete values (`ops.convert_to_numpy(x)`, `x.numpy()`, `np.asarray(x)`): Keras 3's "
         "build-by-tracing fails on the symbolic inputs and those not reached before the conversion stay "
         "unbuilt; (a warning) a sublayer with weights made in `__init__` of a Model with no `build()` that only "
         "`train_step()`/`test_step()` run, never `call()`: unbuilt until `fit`, and unbuilt again, its trained "
         "weights dropped, in a model `load_model` rebuilds by running `call()`; a custom RNN cell handed to `keras.layers.RNN` or `StackedRNNCells` in code "
         "that wires a model from `keras.Input`, whose sublayers its `build()` leaves unbuilt (the RNN builds "
         "the cell without running its `call()`); a sublayer that `__init__` creates for an instance the "
         "file makes with literal arguments (`Block(16, 16, (3, 1))`, `Residual(8, project=False)`) but "
         "that `call()` runs only under an `if` those arguments make False (read by evaluating `__init__` "
         "and the tests on the literals; anything it cannot evaluate counts as reached); and a layer "
         "with weights that a functional-API Model subclass stores but its graph and methods never use "
         "(a warning when only a public method nothing in the class calls uses it, one that re-runs the "
         "model's layers: `self.score_head(self.backbone(x))` in a Task's `score()`); and (a warning) sublayers "
         "made without being built that `call()` runs only after a test on tensor values (`if tf.shape(rows)[0] "
         "== 0: continue` before `self.experts[i](x)`: an expert no batch reaches stays unbuilt). Runtime: names a weight call() reads that the layer makes in a method Keras never runs and "
         "nothing ran on the instance (the AttributeError of the first call); looks at the model exactly as the target returned it "
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
        "optional_input": "# make it only for instances that will be given {param} (a flag in __init__):\n"
                          "self.{attr} = Dense(...) if uses_{param} else None",
        "nested_call": "# dedent call() out of __init__, to the level of the class's other methods:\n"
                       "def call(self, inputs): ...",
        "loop_skip": "# call every layer of the list, or create only the ones call() runs:\n"
                     "for layer in self.{attr}: x = layer(x)",
        "output_shape": "# in build(), build it with the shape call() gives it:\n"
                        "self.{attr}.build(input_shape)",
        "output_shape_each": "# in build(), build each layer it holds with the shape call() gives it:\n"
                             "for layer in {layers}: layer.build(input_shape)",
        "overwritten": "# delete the first assignment: Keras 3 keeps tracking the layer it made\n"
                       "self.{attr} = ...  # (one assignment)",
        "dropped_in_build": "# in build(), not __init__ (Keras 3 keeps tracking a layer after self.{attr} = None):\n"
                            "if <the input needs it>: self.{attr} = layers.Conv2D(...)",
        "inherited_build": "# in a build() of the subclass, after super().build(input_shape):\n"
                           "self.{attr}.build(...)  # with the shape call() gives it",
        "training_steps": "# build it in build() with the shape train_step gives it (or run it in call()):\n"
                          "def build(self, input_shape): self.{attr}.build(...)",
        "rebound": "# make the shared layer once and hand it to each block's constructor (no block makes its own):\n"
                   "blocks = [Block(..., {attr}=shared) for _ in range(depth)]",
        "explicit_build": "# call it on data instead of build(), or give the class a build() doing self.{attr}.build(...):\n"
                          "model(keras.ops.zeros((1, *input_shape[1:])))",
    },
    fix_safety="No automatic fix: whether the sublayer should be used, built for later use, or "
               "deleted is a design decision, and each choice changes the saved weights.",
)


CODE = RULE.code


def check_class(ctx):
    yield from flag_only_sublayers(ctx)
    yield from sublayers_rebound_from_outside(ctx)
    if not ctx.has_method("call"):
        nested = _call_nested_in_init(ctx)
        if nested is not None:
            yield nested
            return
        # functional-API subclasses wire their layers in __init__: only a layer nothing mentions again
        yield from _unwired_in_functional_init(ctx)
        if ctx.has_method("__call__"):  # a forward pass written as an override of __call__, not call()
            yield from _never_used(ctx)
        else:
            yield from call_outside_the_class(ctx)
        return
    yield from self_build_in_init(ctx)
    yield from self_build_in_a_method(ctx)
    yield from run_through_call_method(ctx)
    yield from run_only_on_data(ctx)
    yield from inherited_build_without_data(ctx)
    yield from held_layer_reached_through_one_part(ctx)
    yield from wired_by_output_shape(ctx)
    yield from untraceable_call_behind_output_spec(ctx)
    yield from run_only_by_training_steps(ctx)
    yield from copied_by_bidirectional(ctx)
    yield from skipped_in_loop(ctx)
    yield from positions_never_reached(ctx)
    yield from sublayers_never_given_weights(ctx)
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
    yield from _never_used(ctx)
    yield from _overwritten_before_use(ctx)
    yield from sublayers_dropped_in_build(ctx)


def _call_nested_in_init(ctx):
    """`def call(...)` written inside __init__ (indented one level too deep, common in notebooks): the class has
    no call(), Keras's Layer.call() raises NotImplementedError, and the sublayers that nested function uses
    are never built (measured, heldout33 aq_chevron9: 0 weights, 6 unbuilt sublayers)."""
    init, text = ctx.methods.get("__init__"), ctx.cls.text()
    if init is None or text is not None and "def call" not in text:
        return None
    nested = next((node for node in ctx.nodes("__init__") if type(node) is ast.FunctionDef and node.name == "call"),
                  None)
    if nested is None or ctx.project.subclasses(ctx.qualname) or \
            any(hands_over_a_graph(node) for node in ctx.nodes("__init__")):
        return None
    for ancestor in ctx.project.user_ancestors(ctx.qualname):  # (up to Keras's Layer/Model, not into them)
        summary = ctx.project.class_summary(ancestor)
        if summary is None or "call" in summary.method_names:
            return None  # an outside base (Dense, a library's layer) or a project base that defines call()
    made = []
    for assign in ctx.self_assigns(("__init__",)):
        if assign.attr not in made and _made_layer(ctx, assign.value, ctx.env(init)) is not None:
            made.append(assign.attr)
    if not made:
        return None
    return Hit(
        nested,
        f"{ctx.name}.call is defined inside __init__ (indented one level too deep), so {ctx.name} has no call() "
        f"method: calling the layer raises NotImplementedError, and the sublayers it would run "
        f"({', '.join(made[:4])}{', ...' if len(made) > 4 else ''}) are never called or built, with no weights; "
        f"dedent call() to the class's level",
        attribute="call", fix="nested_call",
    )


def _never_used(ctx):
    """A sublayer with weights made in __init__/build() that no method calls, builds or reads."""
    seen = set()
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr in seen:
            continue
        func = ctx.methods[assign.method]
        made = _made_layer(ctx, assign.value, ctx.env(func))
        if made is None:
            continue  # not a layer with weights (or a list of them): nothing to build
        if not ctx.is_unused(assign.attr) or _local_used_elsewhere(assign, func) or \
                used_by_bases(ctx, assign.attr, strict=assign.method != "__init__" or made.startswith("a list")) or \
                run_from_outside(ctx, assign.attr):
            continue
        seen.add(assign.attr)
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} ({made}) is created in {_made_in(ctx, assign.method)} but no method "
            f"ever calls, builds or reads it: it stays unbuilt, with no weights "
            f"(the summary shows 0 (unbuilt))",
            attribute=assign.attr,
        )


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
                                                                   is_call_of(node.func.value, "super")) or
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


def _local_used_elsewhere(assign, func):
    """`self.x = x` where the local `x` was also called or passed on: it gets built that way."""
    if not isinstance(assign.value, ast.Name):
        return False
    name = assign.value.id
    loads = sum(1 for n in walk(func) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load))
    return loads > 1
