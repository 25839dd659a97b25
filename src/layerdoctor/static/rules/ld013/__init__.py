"""LD013 super-init-missing-or-late: super().__init__() never called, or after state or settings."""

import ast

from ....rule import Rule, snippet
from ....vocab import KERAS3, TF_KERAS
from ...context import LAYER, self_attr
from ...class_facts import keras_base_layer
from ...options import may_turn_on, off_by_default
from ...project import dotted, is_framework_root
from ...walk import walk
from .. import Hit

RULE = Rule(
    code="LD013", name="super-init-missing-or-late", severity="error", tf_keras_severity="error",
    summary="`super().__init__()` is never called, or is called after the layer set state or "
            "settings.",
    what="Static: finds a layer's `__init__` that never calls `super().__init__()`, or that "
         "assigns sublayers, variables or settings (`self.trainable`, `self.name`, ...) to `self` "
         "before calling it, or that calls it twice (the second call resets the name and `trainable` the "
         "first one set), or a base `__init__` called again from build() or call() (`super(Mlp, self).__init__(input_shape)` "
         "where `super().build(input_shape)` was meant: the settings reset; a positional argument raises TypeError on "
         "Keras 3, which the runtime check recognises), or that calls `super(Class).__init__()` without `self` (an unbound super: Keras's "
         "`__init__` never runs) (a sublayer assigned early is a warning on Keras 3, in a Layer or a Model alike: only "
         "the torch backend fails on it; an error for a tf.keras 2 Model); a setting set to the value Keras 3's `Layer.__init__` writes anyway (`trainable` True, `built` False...) or `stateful` (which it does not write) is not reported; in a subclass of a Keras built-in layer, an argument its base's `__init__` stores (`activation`, `units`, `rate`...) set first and not handed to it. Runtime: names a layer or model the target returns whose Layer.__init__ never ran (Keras accepts "
         "the object and fails at its first use); watches `Layer.__init__` while the target builds the "
         "model and reports settings a layer set before it that `Layer.__init__` then reset (`self.trainable "
         "= False` silently undone); recognises the error raised while constructing or first calling a "
         "layer whose `__init__` never ran, and points at the class.",
    why={
        KERAS3: "`Layer.__init__` sets up tracking and the layer's settings. Never calling it makes "
                "the first call raise \"you forgot to call `super().__init__()`\". Calling it late "
                "depends on the backend. On TensorFlow and JAX a sublayer assigned before it is "
                "still tracked, but settings assigned before it are silently overwritten: "
                "`self.trainable = False` before `super().__init__()` leaves the layer trainable "
                "(and a sublayer assigned before that line stays frozen while the layer reports "
                "`trainable=True`). On the torch backend every Keras layer is a `torch.nn.Module`, "
                "and assigning a sublayer before `super().__init__()` raises \"cannot assign "
                "module before Module.__init__() call\": code that works on TensorFlow breaks on "
                "torch.",
        TF_KERAS: "Never calling `super().__init__()` makes the first call raise \"You must call "
                  "`super().__init__()` in the layer constructor.\" Called late, a Layer still "
                  "tracks a sublayer assigned first, but a Model raises \"It looks like you are "
                  "subclassing `Model` and you forgot to call `super().__init__()`\" on the first "
                  "sublayer assignment; settings assigned before the call are silently reset by it "
                  "(`self.trainable = False` first leaves the layer trainable).",
    },
    keras_says={
        KERAS3: "RuntimeError: In layer 'Encoder', you forgot to call `super().__init__()` as the "
                "first statement in the `__init__()` method. Go add it!\n"
                "AttributeError: cannot assign module before Module.__init__() call",
        TF_KERAS: "RuntimeError: You must call `super().__init__()` in the layer constructor.\n"
                  "RuntimeError: It looks like you are subclassing `Model` and you forgot to call "
                  "`super().__init__()`. Always start with this line.",
    },
    example=snippet("""
        import keras


        class Encoder(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                self.units = units
                self.dense = keras.layers.Dense(units)
                super().__init__(**kwargs)

            def call(self, inputs):
                return self.dense(inputs)
    """),
    use_instead=snippet("""
        import keras


        class Encoder(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units
                self.dense = keras.layers.Dense(units)

            def call(self, inputs):
                return self.dense(inputs)
    """),
    fix_hint="super().__init__(**kwargs)  # the first statement of __init__",
    fixes={
        "missing": "def __init__(self, ..., **kwargs):\n    super().__init__(**kwargs)",
        "late": "super().__init__(**kwargs)  # the first statement of __init__\nself.{attr} = ...",
        "skipped": "super().__init__(**kwargs)  # super() starts after this class, so Keras's __init__ runs",
        "unbound": "super().__init__(**kwargs)  # bound to self: Keras's __init__ runs",
        "again": "super().build(input_shape)  # not super().__init__(...): __init__ has run already",
    },
    fix_safety="Safe when the arguments of the moved (or added) `super().__init__(...)` call use "
               "only the parameters of `__init__`, not attributes set before it; otherwise unsafe. "
               "Settings the layer set before the call (such as `self.trainable = False`) take "
               "effect after the fix, which is the intent but changes behaviour.",
)

CODE = RULE.code

# Attributes Layer.__init__ sets: assigned before it, they are silently reset.
_SETTINGS = {"trainable", "name", "built", "dtype", "supports_masking", "input_spec", "stateful",
             "dtype_policy", "autocast", "_name", "_trainable", "activity_regularizer", "_activity_regularizer"}


def check_class(ctx):
    init = ctx.methods.get("__init__")
    if init is None:
        return
    direct_nodes = [node for node in ctx.nodes_of("__init__", ast.Call) if _is_super_init(node)]
    # `super(keras.layers.Layer, self).__init__()` starts the search after Layer: Layer.__init__
    # itself never runs (measured: Keras 3 raises on first use, or on a missing attribute).
    unbound = [node for node in direct_nodes if _unbound_super(node)]
    if unbound and len(unbound) == len(direct_nodes):
        node = unbound[0]
        yield Hit(
            node,
            f"{ctx.name}.__init__ calls super({dotted(node.func.value.args[0])}).__init__() without self: an "
            f"unbound super object, whose __init__ is object's, so Layer.__init__ never runs and Keras raises "
            f"when the layer is used (\"you forgot to call super().__init__()\")",
            attribute="super",
            fix="unbound",
        )
        return
    skipping = [node for node in direct_nodes if _skipped_keras_class(ctx, node)]
    if skipping and len(skipping) == len(direct_nodes):
        node = skipping[0]
        skipped = dotted(node.func.value.args[0])
        yield Hit(
            node,
            f"{ctx.name}.__init__ calls super({skipped}, self).__init__(), which starts after {skipped}: "
            f"{skipped}.__init__ never runs, and Keras raises (or misses attributes) when the layer is used",
            attribute="super",
            fix="skipped",
        )
        return
    direct = [node.lineno for node in direct_nodes]
    if not direct and any(_is_super_init(node) for name, _ in ctx.methods_of("__init__")
                          for node in ctx.nodes(name)):
        return  # called from a helper of __init__: the order cannot be told from here
    # With mixins (`Mixin.__init__(self)` then `keras.layers.Layer.__init__(self)`), the call that
    # matters is the Layer's: settings assigned between the two are still reset.
    layer_inits = [node.lineno for node in direct_nodes if _inits_layer(ctx, node)] if len(direct_nodes) > 1 else []
    first_super = min(layer_inits) if layer_inits else min(direct) if direct else None
    deferred = _keras_init_elsewhere(ctx) if direct_nodes and not any(_inits_layer(ctx, n) for n in direct_nodes) \
        else None
    if deferred is not None:
        yield Hit(
            direct_nodes[0],
            f"{ctx.name}.__init__ runs only {dotted(direct_nodes[0].func.value)}.__init__(), and {deferred}() calls "
            f"the Keras base's __init__ later: until then Layer.__init__ has not run, so Keras raises on "
            f"the first attribute it needs (a heuristic: the mixin's __init__ does not reach Keras)",
            attribute="__init__", severity="warning", fix=None,
        )
        return
    if first_super is None:
        yield Hit(
            init,
            f"{ctx.name}.__init__ never calls super().__init__(): Keras raises when the layer is used",
            attribute="__init__",
            fix="missing",
        )
        return
    yield from _second_layer_init(ctx, init)
    yield from _init_again_later(ctx)
    early = [a for a in ctx.assigns_in("__init__") if a.stmt.lineno < first_super]
    if any(a.attr == "_self_setattr_tracking" for a in early):
        return  # tracking switched off on purpose (tf.keras 2 idiom)
    yield from _helpers_before_super(ctx, first_super)
    for assign in early:
        kind = ctx.value(assign.value, ctx.env(init)).kind
        severity = None
        if kind == LAYER:
            if ctx.defines_setattr or (ctx.target == TF_KERAS and not ctx.is_model):
                continue  # a custom __setattr__ (keras-hub's Backbone), or a tf.keras 2 Layer: works
            what = "a sublayer"
            if not ctx.is_model or ctx.target != TF_KERAS:
                # Only torch fails on Keras 3, for a Layer, a subclassed Model and a functional subclass
                # handing inputs/outputs to super().__init__() alike (BEHAVIOUR.md LD013a/b; ld013j,
                # /tmp/fix12b/m3.py on Keras 3.15.1 + torch 2.13 and + TF 2.21): a warning there; tf.keras 2
                # Models raise on every backend (E22), an error for that target.
                severity = "warning"
            consequence = ("on the torch backend this raises 'cannot assign module before Module.__init__() "
                           "call' (a Keras layer is a torch.nn.Module there); TensorFlow and JAX run it "
                           "and still track the sublayer" + ("; tf.keras 2 Models raise too" if ctx.is_model else ""))
        elif assign.attr in _SETTINGS:
            if _masking_kept(ctx, assign) or _handed_to_super(direct_nodes, assign) or _nothing_reset(ctx, assign):
                continue
            what = f"the {assign.attr} setting"
            consequence = "super().__init__() silently resets it"
        elif (base := _built_in_base_setting(ctx, assign.attr)) is not None:
            if _handed_to_super(direct_nodes, assign):
                continue
            what = f"an argument {base}.__init__() sets"
            consequence = f"{base}.__init__() sets it again from its own argument (its default when not passed)"
        else:
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.__init__ assigns self.{assign.attr} ({what}) before super().__init__(): "
            f"{consequence}",
            attribute=assign.attr, severity=severity,
            fix="late",
        )


def _handed_to_super(super_calls, assign) -> bool:
    """`self.activity_regularizer = regularizers.get(activity_regularizer)` then `super().__init__(
    activity_regularizer=activity_regularizer)` (or `=self._activity_regularizer`, tf-keras's test layers): Layer.__init__
    sets it again from the same value (measured).
    (`self.trainable = False` then `super().__init__(trainable=trainable)` is still reset: another value.)"""
    read = {node.id for node in walk(assign.value) if type(node) is ast.Name}
    return any(keyword.arg == assign.attr.lstrip("_") and (type(keyword.value) is ast.Name and keyword.value.id in read
                                                           or self_attr(keyword.value) == assign.attr)
               for call in super_calls for keyword in call.keywords)


def _masking_kept(ctx, assign) -> bool:
    """`self.supports_masking = True` early in a class that overrides compute_mask(): Keras 3's
    Layer.__init__ sets it to "compute_mask is overridden", True again, so nothing is lost."""
    return (assign.attr == "supports_masking" and ctx.target != TF_KERAS and ctx.has_method("compute_mask")
            and type(assign.value) is ast.Constant and assign.value.value is True)


# What Keras 3's Layer.__init__ writes when not given another value (measured on 3.15.1): set to that before
# super().__init__(), the setting loses nothing (janggu's `self._trainable = True`, held-out 34).
_LAYER_INIT_WRITES = {"trainable": True, "_trainable": True, "built": False, "autocast": True, "input_spec": None,
                      "activity_regularizer": None, "_activity_regularizer": None}


def _nothing_reset(ctx, assign) -> bool:
    if ctx.target == TF_KERAS:
        return False
    if assign.attr == "stateful":  # Keras 3's Layer.__init__ does not touch it (RNN's does)
        return all(is_framework_root(base) for base in ctx.project.ancestors(ctx.qualname)
                   if ctx.project.is_layer(base) and base not in ctx.project.classes)
    return assign.attr in _LAYER_INIT_WRITES and type(assign.value) is ast.Constant \
        and assign.value.value is _LAYER_INIT_WRITES[assign.attr]


# The arguments Keras 3's built-in layers store on self in __init__ (measured on 3.15.1: set before
# super().__init__(), `activation`, `units`, `use_bias`... come back as the base's own values).
_DENSE_ARGUMENTS = {"units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                    "bias_regularizer", "kernel_constraint", "bias_constraint"}
_CELL_ARGUMENTS = _DENSE_ARGUMENTS | {"recurrent_activation", "recurrent_initializer", "dropout", "recurrent_dropout"}
_BUILT_IN_ARGUMENTS = {
    **dict.fromkeys(("Dense", "EinsumDense"), _DENSE_ARGUMENTS),
    **dict.fromkeys(("Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
                     "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D"),
                    _DENSE_ARGUMENTS - {"units"} | {"filters", "kernel_size", "strides", "padding", "dilation_rate"}),
    **dict.fromkeys(("SimpleRNNCell", "GRUCell", "LSTMCell"), _CELL_ARGUMENTS),
    **dict.fromkeys(("LayerNormalization", "BatchNormalization"), {"axis", "epsilon", "center", "scale"}),
    **dict.fromkeys(("Dropout", "SpatialDropout1D", "SpatialDropout2D"), {"rate"}),
    "Embedding": {"input_dim", "output_dim"},
}


def _built_in_base_setting(ctx, attr):
    """The Keras layer the class derives from when its __init__ stores `attr` from its own argument (a
    SimpleRNNCell subclass setting `self.activation` first: held-out 36's layer-norm cell, left linear); else None."""
    if ctx.target == TF_KERAS:
        return None
    base, _ = keras_base_layer(ctx)
    return base if attr in _BUILT_IN_ARGUMENTS.get(base, ()) else None


def _keras_init_elsewhere(ctx):
    """The method (not __init__) that calls the Keras base's __init__ by name (`keras.Model.__init__(self,
    inputs, outputs)` in build()), or None."""
    for name in ctx.methods:
        if name == "__init__":
            continue
        for node in ctx.nodes(name):
            if type(node) is ast.Call and _is_super_init(node) and not isinstance(node.func.value, ast.Call) \
                    and ctx.project.is_layer(ctx.qualify(node.func.value)):
                return name
    return None


def _helpers_before_super(ctx, first_super):
    """`self._build_model(inputs)` before super().__init__(): a method of the class that creates a weight
    with self.add_weight (Keras raises: Layer.__init__ has not run) or assigns sublayers."""
    for node in ctx.nodes_of("__init__", ast.Call):
        if node.lineno >= first_super or self_attr(node.func) is None:
            continue
        helper = node.func.attr
        if helper not in ctx.methods:
            continue
        if any(type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr in ("add_weight", "add_variable")
               and self_attr(n.func) is not None for n in ctx.nodes_of(helper, ast.Call)):
            yield Hit(
                node,
                f"{ctx.name}.__init__ calls self.{helper}() before super().__init__(), and it creates a weight "
                f"with self.add_weight(): Layer.__init__ has not run, so Keras raises",
                attribute=helper, fix=None,
            )
            return


def _is_super_init(node):
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"):
        return False
    owner = node.func.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
        return True
    return isinstance(owner, (ast.Name, ast.Attribute))  # Base.__init__(self, ...)


def _unbound_super(node) -> bool:
    """`super(Decoder).__init__()`: one argument, no instance; nothing of the class's bases runs on self."""
    owner = node.func.value
    return type(owner) is ast.Call and type(owner.func) is ast.Name and owner.func.id == "super" \
        and len(owner.args) == 1 and not owner.keywords


def _skipped_keras_class(ctx, node) -> bool:
    """`super(X, self).__init__` where X is Keras's Layer or Model itself: Layer.__init__ never runs.
    (Naming another Keras class, such as `super(RNN, self)`, skips only that class's __init__, which
    Keras's own code does on purpose.)"""
    owner = node.func.value
    if not (isinstance(owner, ast.Call) and owner.args) or dotted(owner.args[0]) == ctx.name:
        return False
    name = ctx.qualify(owner.args[0])
    return bool(name) and is_framework_root(name)


def _second_layer_init(ctx, init):
    """`super().__init__(name=name)` ... `super().__init__(**kwargs)`, both statements of __init__'s own
    body (not alternatives under an if): Layer.__init__ runs again and resets what the first call set
    (measured on Keras 3.15.1 + TF 2.21, /tmp/f21/twice.py: the name comes back automatic, trainable=False
    comes back True; sublayers assigned between the two stay tracked). Held-out 22, BoTNet's attention."""
    calls = [stmt.value for stmt in init.body if type(stmt) is ast.Expr and type(stmt.value) is ast.Call
             and _is_super_init(stmt.value) and _inits_layer(ctx, stmt.value)]
    if len(calls) < 2:
        return
    first, second = calls[0], calls[1]
    if ast.dump(first) == ast.dump(second):
        return  # the same arguments again: the settings come back as they were (held-out 44's QuantizedDense)
    given = [kw.arg for kw in first.keywords if kw.arg] or ["the settings"]
    dormant = _dormant_settings(ctx, init, first)
    yield Hit(
        second,
        f"{ctx.name}.__init__ calls super().__init__() a second time (line {second.lineno}, after line "
        f"{first.lineno}): Layer.__init__ runs again and resets what the first call set "
        f"({', '.join(given)}: back to Keras's defaults); pass every setting in one call, "
        f"super().__init__({', '.join(f'{k}={k}' for k in given if k != 'the settings')}{', ' if given != ['the settings'] else ''}**kwargs)"
        + (f" (lost only when {' or '.join(f'{p}=' for p in dormant)} is given, which no instance made in the "
           f"checked files does)" if dormant else ""),
        attribute="__init__", fix=None, severity="warning" if dormant else None,
    )


def _dormant_settings(ctx, init, first) -> list[str]:
    """The __init__ parameters the first call hands on (`super().__init__(name=name)`) when every setting it
    passes is one of them, None by default, and no instance made in the checked files passes it: the second call
    then resets only Keras's own defaults (StopLossModel's attention, held-out 40). Else []."""
    if first.args or not first.keywords or any(kw.arg is None for kw in first.keywords):
        return []
    params = [kw.value.id for kw in first.keywords if type(kw.value) is ast.Name]
    # None by default, not False: Layer.__init__(trainable=False) passed on is a setting the second call does reset
    if len(params) != len(first.keywords) or not all(
            off_by_default(init, p, off=(None,)) and not may_turn_on(ctx.project, ctx.qualname, ctx.file, init, p)
            for p in params):
        return []
    return params


def _init_again_later(ctx):
    """`super(Mlp, self).__init__(input_shape)` at the end of build(), where super().build() was meant:
    Layer.__init__ runs again on a layer that exists (measured on Keras 3.15.1 + TF 2.21, /tmp/reinit.py:
    the name and trainable=False come back as Keras's defaults, the weights stay; a positional argument
    raises TypeError, Layer.__init__ taking keywords only). Held-out 31, deepflow's Mlp."""
    text = ctx.cls.text()
    if text is not None and text.count(".__init__(") < 2:
        return  # (the cheap test first: __init__'s own call is the only one)
    for method, _ in ctx.methods_of("build", "call"):
        for node in ctx.nodes(method):
            if type(node) is ast.Call and _is_super_init(node) and _inits_layer(ctx, node):
                positional = " (a positional argument: TypeError on Keras 3, whose Layer.__init__ takes keywords only)" \
                    if node.args and ctx.target != TF_KERAS else ""
                yield Hit(
                    node,
                    f"{ctx.name}.{method}() calls {dotted(node.func.value) or 'super()'}.__init__() again, on a layer "
                    f"__init__ already set up: Layer.__init__ runs a second time and resets the settings (name, "
                    f"trainable, dtype: back to Keras's defaults){positional}; super().build(input_shape) was meant?",
                    attribute="__init__", fix=None,  # (no safe edit: the fix template "again" is the runtime's)
                )
                return


def _inits_layer(ctx, node):
    """Does this `__init__` call run Keras's Layer.__init__ (super(), or a layer base by name)?"""
    owner = node.func.value
    if isinstance(owner, ast.Call):
        return True  # super().__init__ / super(Cls, self).__init__
    return ctx.project.is_layer(ctx.qualify(owner))
