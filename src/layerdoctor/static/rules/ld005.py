"""LD005 unbuilt-sublayer: a sublayer created in __init__ that nothing ever calls or builds."""

import ast
import re

from ... import keras_messages as msg
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import LAYER, STATELESS_LAYERS
from ..triggers import name_before
from ..walk import walk
from ...finding import TF_KERAS as TF_KERAS_TARGET
from . import Hit

RULE = Rule(
    code="LD005", name="unbuilt-sublayer", severity="error", tf_keras_severity="error",
    summary="A sublayer is never built: nothing calls it and no `build()` builds it.",
    what="Static: finds sublayers assigned to `self` in `__init__` that no other method of the "
         "class uses; and an explicit `.build(shape)` (in module code, a factory, or `self.build(...)` "
         "in `__init__`) on an instance of a project layer or model whose sublayers that build "
         "leaves unbuilt (created in `__init__` with no `build()`, or created in `build()` without "
         "being built there), when the instance is not called on data in the same function (Keras 3 "
         "only: tf.keras 2's `Model.build` runs `call()`). Runtime: looks at the model exactly as the target returned it "
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
        "explicit_build": "# call it on data instead of build(), or give the class a build() doing self.{attr}.build(...):\n"
                          "model(keras.ops.zeros((1, *input_shape[1:])))",
    },
    fix_safety="No automatic fix: whether the sublayer should be used, built for later use, or "
               "deleted is a design decision, and each choice changes the saved weights.",
)

CODE = RULE.code


def check_class(ctx):
    if not ctx.has_method("call"):
        return  # functional-API subclasses wire their layers in __init__; no call() to check
    yield from _self_build_in_init(ctx)
    seen = set()
    for assign in ctx.self_assigns(("__init__",)):
        if assign.attr in seen:
            continue
        func = ctx.methods[assign.method]
        value = ctx.value(assign.value, ctx.env(func))
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            continue  # a weightless layer has nothing to build
        if not ctx.is_unused(assign.attr) or _local_used_elsewhere(assign, func):
            continue
        seen.add(assign.attr)
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} ({value.layer_class}) is created in __init__ but neither "
            f"call() nor build() ever uses it: it stays unbuilt, with no weights "
            f"(the summary shows 0 (unbuilt))",
            attribute=assign.attr,
        )


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


def build_leaves(project, qualname, _depth=0):
    """Sublayers (dotted path, class name) that `instance.build(shape)` leaves unbuilt, with
    weights of their own; [] when none or when that cannot be told."""
    found = project.classes.get(qualname)
    if found is None or _depth > 4 or project.user_ancestors(qualname) or qualname.startswith(("keras.", "tf_keras.")):
        # (Keras's own classes, when the checked tree is Keras: their build() is not the user's)
        return []
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


def _describe(leaves):
    shown = ", ".join(f"{a} ({c})" for a, c in leaves[:4])
    shown += f" and {len(leaves) - 4} more" if len(leaves) > 4 else ""
    return shown + (" stays" if len(leaves) == 1 else " stay")


def TRIGGER(text: str) -> bool:
    """`name.build(...)` on a plain name (not `self.x.build(`, not `super().build(`)."""
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
