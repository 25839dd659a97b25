"""LD003 foreign-variable: tf.Variable / torch.nn.Parameter / JAX arrays on a Keras 3 layer."""

import ast

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..class_facts import file_function
from ..context import FOREIGN, Value, bindings, self_attr
from ..walk import is_dunder, walk
from . import Hit

RULE = Rule(
    code="LD003", name="foreign-variable", severity="error", tf_keras_severity=None,
    summary="A backend-native variable (`tf.Variable`, `torch.nn.Parameter`, a JAX array) is "
            "stored on a Keras 3 layer.",
    what="Static: finds `self.x = tf.Variable(...)` (also TF1's `tf.compat.v1.get_variable(...)`), "
         "`torch.nn.Parameter(...)` or a "
         "`jax.numpy`/`jax.random` array assigned in a layer of a project that uses Keras 3, "
         "also inside a list, dict or comprehension (`self.vs = [tf.Variable(...) for ...]`), "
         "added to a container attribute (`self.vs.append(tf.Variable(...))`, `self.d[k] = "
         "tf.Variable(...)`) or returned by a helper method it calls or a function of the file "
         "(also unpacked: `left, right = make_pair(...)`; also from a module-level cache the function fills: "
         "`_cache['scale'] = tf.Variable(...)`, then `return _cache['scale']`), and `self.x = tf.Variable(...)` in a "
         "method Keras never runs itself and no entry method reaches (`initialize()`, `set_mask()`: the owner calls it). "
         "Runtime: reports backend variables and parameters reachable from a layer's attributes "
         "that are not among `layer.weights` (on torch, the `nn.Parameter`s torch registers on the "
         "layer; on JAX, arrays that the assigning line makes with `jax.numpy`/`jax.random`), and "
         "recognises the errors such state causes in a nested `build()`: \"could not be lifted out of "
         "a `tf.function`\" on TensorFlow, `UnexpectedTracerError` on JAX.",
    why={
        KERAS3: "Keras 3 tracks only `keras.Variable`s. A `tf.Variable`, `torch.nn.Parameter` or "
                "JAX array stored on a layer is invisible to it: not in `layer.weights`, 0 "
                "parameters in the summary, never updated by `fit`, not in a `.keras` file. The "
                "backend may still see it, which makes the bug confusing: on TensorFlow a "
                "`tf.GradientTape` differentiates it and `tf.train.Checkpoint` writes it, and on "
                "torch the `nn.Parameter` is registered in `layer.parameters()` and gets a `.grad`, "
                "yet Keras' optimizer skips both. A JAX array is simply a constant. Created in the "
                "`build()` of a nested layer that Keras builds by tracing, it fails loudly instead: "
                "TensorFlow raises \"could not be lifted out of a `tf.function`\" and JAX raises "
                "`UnexpectedTracerError`. Otherwise Keras says nothing.",
        TF_KERAS: "Not a bug on tf.keras 2, and never reported there: tf.keras 2 is built on "
                  "TensorFlow and tracks a `tf.Variable` assigned to a layer like one made by "
                  "`add_weight` (counted, trained, saved). `add_weight` is still the portable "
                  "spelling: the same code loses its weights when the project moves to Keras 3.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=snippet("""
        import tensorflow as tf
        import keras


        class NativeDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = tf.Variable(tf.random.normal((input_shape[-1], self.units)))
                self.bias = tf.Variable(tf.zeros((self.units,)))

            def call(self, inputs):
                return tf.matmul(inputs, self.kernel) + self.bias
    """),
    use_instead=snippet("""
        import tensorflow as tf
        import keras


        class NativeDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(
                    shape=(input_shape[-1], self.units),
                    initializer=keras.initializers.RandomNormal(stddev=1.0),
                )
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros")

            def call(self, inputs):
                return tf.matmul(inputs, self.kernel) + self.bias
    """),
    fix_hint="self.{attr} = self.add_weight(shape={shape}, initializer={initializer}{dtype_arg}, trainable=True)",
    fixes={
        "container": "# create each one with add_weight (a list or dict of keras.Variables is tracked):\n"
                     "self.{attr} = [self.add_weight(shape=..., initializer=...) for _ in ...]",
    },
    fix_safety="Unsafe: the shape and an initializer matching the old initial value must be "
               "given to `add_weight`, and `trainable=False` when the native variable was not "
               "trainable; checkpoints written with `tf.train.Checkpoint` use other names.",
)

CODE = RULE.code

_WHAT = {"tensorflow": "a tf.Variable", "torch": "a torch.nn.Parameter", "jax": "a JAX array"}
_WHATS = {"tensorflow": "tf.Variables", "torch": "torch.nn.Parameters", "jax": "JAX arrays"}


def check_class(ctx):
    if ctx.target != KERAS3:
        return  # tf.keras 2 tracks tf.Variable
    reported = set()
    for assign in ctx.self_assigns(("__init__", "build")):
        if ctx.in_phase(assign.method, "call"):
            continue
        func = ctx.methods[assign.method]
        value = _value(ctx, assign.value, ctx.env(func))
        if value.kind != FOREIGN:
            value = _foreign_in(ctx, assign.value, ctx.env(func))
            if value is None:
                continue
            reported.add(assign.attr)
            if isinstance(assign.value, ast.Subscript):  # one item of a tuple a helper returns
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is {_WHAT[value.backend]} ({value.qualname}) returned by "
                    f"a helper called in {assign.method}(): Keras 3 tracks only keras.Variable, so it is "
                    f"not counted, trained or saved (tf.keras 2 would track a tf.Variable)",
                    attribute=assign.attr,
                )
                continue
            if _how(assign.value) == "helper" and not _returns_a_container(ctx, assign.value):
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is {_WHAT[value.backend]} ({value.qualname}) returned by "
                    f"{ast.unparse(assign.value.func)}(), called in {assign.method}(): Keras 3 tracks only "
                    f"keras.Variable, so it is not counted, trained or saved (tf.keras 2 would track a tf.Variable)",
                    attribute=assign.attr,
                )
                continue
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{assign.attr} holds {_WHATS[value.backend]} ({value.qualname}) made in "
                f"{assign.method}(){_HOW.get(_how(assign.value), '')}: Keras 3 tracks only "
                f"keras.Variable, so they are not counted, trained or saved (tf.keras 2 would "
                f"track tf.Variables)",
                attribute=assign.attr, fix="container",
            )
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is {_WHAT[value.backend]} ({value.qualname}) set in "
            f"{assign.method}(): Keras 3 tracks only keras.Variable, so it is not counted, "
            f"trained or saved (tf.keras 2 would track a tf.Variable)",
            attribute=assign.attr,
        )
    yield from _stored_into_containers(ctx, reported)
    yield from _made_in_other_methods(ctx, reported)


# A method Keras never runs itself (`initialize()`, `setup()`, `reset()`), called by the code that owns the
# layer: the tf.Variable it stores is untracked all the same (held-out 43's tonic policy head, made by
# `initialize(action_size)` that its Actor calls; measured: not in trainable_variables, never trained).
_FOREIGN_MAKER_WORDS = ("Variable(", "Parameter(", "get_variable(", "get_local_variable(")


def _made_in_other_methods(ctx, reported):
    text = ctx.cls.text()
    if text is None or not any(word in text for word in _FOREIGN_MAKER_WORDS):
        return  # (cut from the text: the class makes no backend variable anywhere)
    for name in sorted(ctx.cls.method_names - set(ctx.cls.methods)):  # (parsed: __init__/build/call and their helpers)
        if is_dunder(name) or name == "call":
            continue  # (Python runs those itself: __call__ per call is LD002's; `call` unparsed is a nested def)
        func = ctx.cls.method_alone(name)
        if func is None:
            continue
        env = ctx.env(func)
        for node in walk(func):
            if type(node) is not ast.Assign or len(node.targets) != 1:
                continue
            attr = self_attr(node.targets[0])
            if attr is None or attr in reported:
                continue
            value = _value(ctx, node.value, env)
            if value.kind != FOREIGN:
                continue
            reported.add(attr)
            yield Hit(
                node,
                f"{ctx.name}.{attr} is {_WHAT[value.backend]} ({value.qualname}) set in {name}(), a method Keras "
                f"never runs itself: Keras 3 tracks only keras.Variable, so it is not counted, trained or saved "
                f"(tf.keras 2 would track a tf.Variable)",
                attribute=attr,
            )


# TF1's variable makers still work eagerly on TF 2 and return a plain tf.Variable (measured on Keras 3.15.1
# + TF 2.21: `tf.compat.v1.get_variable(...)` / `get_local_variable(...)` in build(), also inside a
# variable_scope, give a layer with 0 weights while call() reads them; ld003f).
_TF1_MAKERS = {"tensorflow.compat.v1.get_variable", "tensorflow.compat.v1.get_local_variable"}


def _value(ctx, expr, env):
    """ctx.value, with TF1's get_variable/get_local_variable read as the tf.Variables they return."""
    if type(expr) is ast.Call and type(expr.func) is ast.Attribute and expr.func.attr in ("get_variable", "get_local_variable") \
            and (name := ctx.qualify(expr.func)) in _TF1_MAKERS:
        return Value(FOREIGN, name, backend="tensorflow")
    return ctx.value(expr, env)


# ------------------------------------------------------------------ containers and helpers
# `self.vs = [tf.Variable(...) for _ in range(n)]`, `self.vs.append(tf.Variable(...))`,
# `self.d[k] = tf.Variable(...)`, `self.v = self._make_var(...)`: the same foreign variables, one step away.

_HOW = {"comprehension": " by a comprehension", "list": " in a list", "helper": " by a helper"}


def _how(expr):
    if isinstance(expr, (ast.ListComp, ast.DictComp, ast.GeneratorExp, ast.SetComp)):
        return "comprehension"
    if isinstance(expr, (ast.List, ast.Tuple, ast.Dict)):
        return "list"
    if isinstance(expr, ast.Call):
        return "helper"
    return ""


def _foreign_in(ctx, expr, env, depth=0):
    """The foreign Value inside a container display/comprehension, or returned by a helper."""
    if depth > 3:
        return None
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        items = expr.elts
    elif isinstance(expr, ast.Dict):
        items = expr.values
    elif isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        items = [expr.elt]
    elif isinstance(expr, ast.DictComp):
        items = [expr.value]
    elif isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Call) \
            and isinstance(expr.slice, ast.Constant) and type(expr.slice.value) is int:
        return _returned_item(ctx, expr.value, expr.slice.value, depth)
    elif isinstance(expr, ast.Call) and (returned := _helper_returns(ctx, expr)) is not None:
        # `Z, H = init_weights(...)` with `def init_weights(...): ...; return Z, H` (module level or a method)
        items, env = returned
    else:
        return None
    for item in items:
        found = _foreign_value(ctx, item, env, depth + 1)
        if found is not None:
            return found
    return None


def _helper_returns(ctx, call):
    """(what each `return` gives, the helper's bindings) when `call` calls a method of the class or a
    function of the file; else None."""
    if self_attr(call.func) in ctx.methods:
        helper = ctx.methods[self_attr(call.func)]
        body, env = ctx.nodes(helper.name), ctx.env(helper)
    elif (helper := file_function(ctx.file, call.func)) is not None:
        body = walk(helper)
        env = bindings(body)
    else:
        return None
    return [n.value for n in body if isinstance(n, ast.Return) and n.value is not None], _with_stored_items(env, body)


def _with_stored_items(env, nodes):
    """`env` plus the items and attributes the helper stores into (`_cache['scale'] = tf.Variable(...)`, then
    `return _cache['scale']`: a variable made once and cached, held-out 43's PtychoPINN), keyed by their source
    text (brackets and quotes: never a name)."""
    extra = {}
    for node in nodes:
        if type(node) is ast.Assign:
            for target in node.targets:
                if type(target) in (ast.Subscript, ast.Attribute) and self_attr(target) is None:
                    extra.setdefault(ast.unparse(target), []).append(node.value)
    return {**env, **extra} if extra else env


def _returns_a_container(ctx, call) -> bool:
    """Does the helper `call` runs return a list, tuple, dict or comprehension (variables, plural)?"""
    returned = _helper_returns(ctx, call)
    return returned is None or any(_how(value) in ("comprehension", "list") for value in returned[0])


def _returned_item(ctx, call, index, depth):
    """The foreign Value at `index` of the tuples a helper returns (`self.a, self.b = make(...)`)."""
    returned = _helper_returns(ctx, call)
    if returned is None:
        return None
    values, env = returned
    for value in values:
        if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) > index:
            found = _foreign_value(ctx, value.elts[index], env, depth + 1)
            if found is not None:
                return found
    return None


def _foreign_value(ctx, expr, env, depth):
    value = _value(ctx, expr, env)
    if value.kind == FOREIGN:
        return value
    key = expr.id if isinstance(expr, ast.Name) else \
        ast.unparse(expr) if isinstance(expr, (ast.Subscript, ast.Attribute)) and self_attr(expr) is None else None
    if key is not None and env.get(key):
        # flow-insensitive bindings: the value a use sees is the last one bound above it
        # (`m = tf.linalg.lu(...)`, then `m = tf.Variable(m)`, then `return m`)
        above = [v for v in env[key] if v.lineno < expr.lineno] or env[key]
        last = max(above, key=lambda v: (v.lineno, v.col_offset))
        return _foreign_value(ctx, last, env, depth + 1) if depth < 3 and last is not expr else None
    return _foreign_in(ctx, expr, env, depth)


def _stored_into_containers(ctx, reported):
    """`self.xs.append(V)`, `self.xs.extend([...])`, `self.xs.insert(i, V)`, `self.d[k] = V`."""
    for method, func in ctx.methods_of("__init__", "build"):
        if ctx.in_phase(method, "call"):
            continue
        candidates = [*ctx.nodes_of(method, ast.Call), *ctx.nodes_of(method, ast.Assign)]  # (sorted below)
        stores = [store for store in map(_container_store, candidates) if store is not None]
        if not stores:
            continue  # most methods store into no container: skip the env and the sort
        env = _with_unpacked(ctx.env(func), ctx.nodes(method))
        for node, attr, stored in sorted(stores, key=lambda s: s[0].lineno):  # the first store is shown
            if attr in reported:
                continue
            for item in stored:
                value = _foreign_value(ctx, item, env, 0)
                if value is None:
                    continue
                reported.add(attr)
                yield Hit(
                    node,
                    f"{ctx.name}.{attr} is a container that receives {_WHAT[value.backend]} "
                    f"({value.qualname}) in {method}(): Keras 3 tracks the container but only "
                    f"keras.Variables inside it, so the variable is not counted, trained or saved "
                    f"(tf.keras 2 would track a tf.Variable)",
                    attribute=attr, fix="container",
                )
                break


def _container_store(node):
    """(node, attr, stored values) for a store into `self.<attr>` as a container, else None."""
    attr, stored = None, ()
    if type(node) is ast.Call and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("append", "extend", "insert", "add", "update", "setdefault"):
        attr = self_attr(node.func.value)
        stored = node.args[-1:] if node.func.attr in ("insert", "setdefault") else node.args
    elif type(node) is ast.Assign:
        for target in node.targets:
            if isinstance(target, ast.Subscript) and self_attr(target.value):
                attr, stored = self_attr(target.value), (node.value,)
    return None if attr is None else (node, attr, stored)


def _with_unpacked(env, nodes):
    """`env` plus names bound by unpacking a call (`Z, H = make(...)`), each bound to that call."""
    extra = {}
    for node in nodes:
        if type(node) is ast.Assign and type(node.value) is ast.Call:
            for target in node.targets:
                if type(target) in (ast.Tuple, ast.List):
                    for item in target.elts:
                        if type(item) is ast.Name and item.id not in env:
                            extra.setdefault(item.id, []).append(node.value)
    return {**env, **extra} if extra else env
