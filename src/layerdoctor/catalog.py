"""The finding catalog: the single source for codes, names, severities and explanations.

The CLI (`rules`, `explain`), the SARIF rule metadata and `docs/rules.md` are all generated
from RULES below. Codes, names and meanings follow ../shared/RULES.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .finding import KERAS3, TF_KERAS


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str  # on Keras 3
    tf_keras_severity: str | None  # None: not a bug on tf.keras 2, never reported there
    summary: str  # one line: the bug
    what: str  # What it does: what the check looks for
    why: dict[str, str]  # Why is this bad? per flavour: {KERAS3: ..., TF_KERAS: ...}
    keras_says: dict[str, str]  # what Keras itself prints, per flavour ("" = silent)
    example: str  # buggy code
    use_instead: str  # the corrected code
    fix_hint: str  # the short fix snippet attached to each finding
    fix_safety: str
    detectors: tuple[str, ...] = ("static", "runtime")
    help_uri: str = field(default="")

    def severity_for(self, target: str) -> str | None:
        return self.severity if target == KERAS3 else self.tf_keras_severity


def _rule(**kw) -> Rule:
    kw.setdefault("help_uri", f"docs/rules.md#{kw['code'].lower()}")
    return Rule(**kw)


RULES: dict[str, Rule] = {}


def _add(rule: Rule) -> None:
    RULES[rule.code] = rule


_add(_rule(
    code="LD001", name="raw-tensor-state", severity="error", tf_keras_severity="error",
    summary="A weight-like tensor or array is stored on self in __init__/build instead of a variable.",
    what="Finds `self.x = <tensor>` in `__init__` or `build` where the value is a random, "
         "zero/one-filled or NumPy array created with `tf.*`, `np.*`, `keras.ops.*` or `keras.random.*`.",
    why={
        KERAS3: "Keras tracks only `keras.Variable`s (made by `add_weight`). A tensor is a constant: "
                "it is not in `layer.weights`, the summary counts 0 parameters, the optimizer never "
                "updates it and it is not saved.",
        TF_KERAS: "tf.keras 2 tracks only `tf.Variable`s. A tensor is a constant: not in "
                  "`layer.weights`, not counted, never trained, not saved.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example="class Scale(keras.layers.Layer):\n"
            "    def build(self, input_shape):\n"
            "        self.kernel = keras.random.normal((input_shape[-1], self.units))\n",
    use_instead="class Scale(keras.layers.Layer):\n"
                "    def build(self, input_shape):\n"
                "        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),\n"
                "                                      initializer=\"random_normal\")\n",
    fix_hint="self.{attr} = self.add_weight(shape=..., initializer=...)",
    fix_safety="Unsafe: the initial values and trainability change; review the initializer.",
))

_add(_rule(
    code="LD002", name="state-created-in-call", severity="error", tf_keras_severity="error",
    summary="A variable, weight-like tensor or sublayer is created inside call().",
    what="Finds layers, variables (`add_weight`, `keras.Variable`, `tf.Variable`) and random "
         "weight tensors stored on self, created in `call()` or a method that `call()` uses.",
    why={
        KERAS3: "Everything created in `call()` is new on every call: it is never trained and "
                "never saved. Keras 3 raises only when `add_weight` or a sublayer is assigned to "
                "self after build, and is silent for locals, raw tensors and `tf.Variable`.",
        TF_KERAS: "Everything created in `call()` is new on every call; tf.keras 2 accepts "
                  "`self.add_weight` in `call` but each call makes a new variable, and `fit` fails "
                  "with 'tf.function only supports singleton tf.Variables'.",
    },
    keras_says={
        KERAS3: "ValueError: You cannot add new elements of state (variables or sub-layers) to a "
                "layer that is already built. (only for self.add_weight / self.sublayer)",
        TF_KERAS: "ValueError: tf.function only supports singleton tf.Variables created on the first call. (in fit)",
    },
    example="class Head(keras.layers.Layer):\n"
            "    def call(self, x):\n"
            "        return keras.layers.Dense(self.units)(x)\n",
    use_instead="class Head(keras.layers.Layer):\n"
                "    def __init__(self, units, **kwargs):\n"
                "        super().__init__(**kwargs)\n"
                "        self.dense = keras.layers.Dense(units)\n"
                "    def call(self, x):\n"
                "        return self.dense(x)\n",
    fix_hint="create it once in __init__ (sublayers) or build() (weights); only use it in call()",
    fix_safety="Unsafe: moves code between methods.",
))

_add(_rule(
    code="LD003", name="foreign-variable", severity="error", tf_keras_severity=None,
    summary="A backend-native variable (tf.Variable, torch.nn.Parameter, a JAX array) on a Keras 3 layer.",
    what="Finds `self.x = tf.Variable(...)`, `torch.nn.Parameter(...)` or a `jax.numpy`/`jax.random` "
         "array in a Keras 3 layer.",
    why={
        KERAS3: "Keras 3 tracks only `keras.Variable`s: a backend-native variable is not in "
                "`layer.weights`, the summary counts 0 parameters, `fit` never updates it and it is not saved.",
        TF_KERAS: "tf.keras 2 tracks `tf.Variable`s: this is not a bug there.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example="def build(self, input_shape):\n"
            "    self.w = tf.Variable(tf.random.normal((input_shape[-1], self.units)))\n",
    use_instead="def build(self, input_shape):\n"
                "    self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer=\"random_normal\")\n",
    fix_hint="self.{attr} = self.add_weight(shape=..., initializer=...)",
    fix_safety="Unsafe: the initial values change unless the initializer matches.",
))

_add(_rule(
    code="LD004", name="fixed-input-dim-in-init", severity="warning", tf_keras_severity="warning",
    summary="add_weight in __init__ with an input dimension passed in by hand.",
    what="Finds `add_weight` calls in `__init__` whose shape uses an input-size constructor argument.",
    why={
        KERAS3: "It works, but the layer only fits inputs of that size: reusing it on another shape "
                "fails far from the cause. Weights that depend on the input belong in `build(input_shape)`.",
        TF_KERAS: "Same as Keras 3.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example="def __init__(self, units, input_dim):\n"
            "    super().__init__()\n"
            "    self.w = self.add_weight(shape=(input_dim, units))\n",
    use_instead="def build(self, input_shape):\n"
                "    self.w = self.add_weight(shape=(input_shape[-1], self.units))\n",
    fix_hint="def build(self, input_shape):\n    self.{attr} = self.add_weight(shape=(input_shape[-1], ...))",
    fix_safety="Unsafe: changes the constructor's meaning.",
))

_add(_rule(
    code="LD005", name="unbuilt-sublayer", severity="error", tf_keras_severity="error",
    summary="A sublayer is never built: never called, and no build() builds it.",
    what="Finds sublayers created in `__init__` that neither `call()` nor `build()` ever uses.",
    why={
        KERAS3: "Its weights are never created: the summary shows `0 (unbuilt)`, saving and "
                "loading break, and `model.build(shape)` alone leaves every sublayer unbuilt.",
        TF_KERAS: "Its weights are never created: the summary shows `0 (unused)`, silently.",
    },
    keras_says={
        KERAS3: "UserWarning: `build()` was called on layer '...', however the layer does not have a "
                "`build()` method implemented and it looks like it has unbuilt state.",
        TF_KERAS: "",
    },
    example="def __init__(self):\n    super().__init__()\n    self.aux = keras.layers.Dense(5)  # never called\n",
    use_instead="remove the unused sublayer, call it in call(), or build it in build()",
    fix_hint="call self.{attr}(...) in call(), build it in build(), or delete it",
    fix_safety="Unsafe: deleting a sublayer changes saved-weight layouts.",
))

_add(_rule(
    code="LD006", name="private-weight-list", severity="error", tf_keras_severity="error",
    summary="Mutating _trainable_weights / _non_trainable_weights, or assigning trainable_weights.",
    what="Finds `self._trainable_weights.append/extend(...)` and `self.trainable_weights = ...`.",
    why={
        KERAS3: "Keras 3 has no `_trainable_weights` list and `trainable_weights` is a read-only "
                "property: AttributeError on every backend. Sublayers' weights are tracked already.",
        TF_KERAS: "A private API that works by accident (the list is de-duplicated); assigning "
                  "`trainable_weights` raises AttributeError.",
    },
    keras_says={
        KERAS3: "AttributeError: 'X' object has no attribute '_trainable_weights' / property "
                "'trainable_weights' of 'X' object has no setter",
        TF_KERAS: "AttributeError: Can't set the attribute \"trainable_weights\" (assignment only)",
    },
    example="def build(self, input_shape):\n"
            "    self.inner.build(input_shape)\n"
            "    self._trainable_weights.extend(self.inner.trainable_weights)\n",
    use_instead="def build(self, input_shape):\n    self.inner.build(input_shape)  # tracked already\n",
    fix_hint="delete the line: sublayer weights are tracked through the attribute",
    fix_safety="Safe: the weights are tracked through the sublayer attribute.",
))

_add(_rule(
    code="LD007", name="shared-layer", severity="info", tf_keras_severity="info",
    summary="One layer instance is called in several places: weights shared and counted once.",
    what="Finds a layer instance called more than once.",
    why={
        KERAS3: "Not a bug when intended: the weights are shared and counted once in the summary. "
                "It surprises authors who expect one set of weights per call.",
        TF_KERAS: "Same as Keras 3.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example="enc = keras.layers.Dense(8)\nout = enc(a) + enc(b)\n",
    use_instead="enc_a, enc_b = keras.layers.Dense(8), keras.layers.Dense(8)  # if not meant to share\n",
    fix_hint="use one instance per call site if the weights should not be shared",
    fix_safety="No automatic fix: sharing is often intended.",
))

_add(_rule(
    code="LD008", name="incompatible-reuse", severity="error", tf_keras_severity="error",
    summary="A shared layer is called on an input whose shape does not fit the weights of its first call.",
    what="Finds one layer instance called on inputs of different last dimensions.",
    why={
        KERAS3: "The weights were built for the first input's shape; the second call crashes with "
                "a shape error far from the cause.",
        TF_KERAS: "Same as Keras 3.",
    },
    keras_says={
        KERAS3: "ValueError: Input 0 ... is incompatible with the layer: expected axis -1 of input shape to have value N",
        TF_KERAS: "ValueError: Dimensions must be equal",
    },
    example="d = keras.layers.Dense(8)\nd(keras.Input((4,))); d(keras.Input((6,)))\n",
    use_instead="d4, d6 = keras.layers.Dense(8), keras.layers.Dense(8)\n",
    fix_hint="use a separate layer instance for the input of the other shape",
    fix_safety="Unsafe: changes which weights are shared.",
))

_add(_rule(
    code="LD009", name="no-gradient", severity="error", tf_keras_severity="error",
    summary="A trainable weight gets no gradient.",
    what="Finds trainable weights never read, or read only through `stop_gradient`, NumPy/Python "
         "conversion or non-differentiable ops (`round`, `argmax`, casts to int).",
    why={
        KERAS3: "The weight is counted as trainable but never trained. TF and torch give a `None` "
                "gradient; JAX gives zeros, so a zero gradient alone does not prove it.",
        TF_KERAS: "Counted as trainable but never trained; `fit` logs 'Gradients do not exist'.",
    },
    keras_says={
        KERAS3: "UserWarning: Gradients do not exist for variables [...] (TF/torch, during fit only)",
        TF_KERAS: "WARNING:tensorflow:Gradients do not exist for variables [...] (during fit only)",
    },
    example="def call(self, x):\n    return x @ self.kernel  # self.bias never used\n",
    use_instead="def call(self, x):\n    return x @ self.kernel + self.bias\n",
    fix_hint="use self.{attr} differentiably in call(), or create it with trainable=False",
    fix_safety="Unsafe: changes the model's output.",
))

_add(_rule(
    code="LD010", name="variable-shadowed", severity="error", tf_keras_severity="error",
    summary="A variable attribute is overwritten by a tensor derived from it.",
    what="Finds `self.w = f(self.w)` after `self.w = self.add_weight(...)`, and "
         "`self.w = self.add_weight(...) * k`.",
    why={
        KERAS3: "TF/JAX: the variable is still counted, but call() uses a stale constant and it gets "
                "no gradient. torch: a view may still train, or the second backward pass raises.",
        TF_KERAS: "The variable is dropped from `layer.weights`: not counted, not trained, not saved.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example="def build(self, input_shape):\n"
            "    self.kernel = self.add_weight(shape=(self.units, input_shape[-1]))\n"
            "    self.kernel = ops.transpose(self.kernel)\n",
    use_instead="def call(self, x):\n    return ops.matmul(x, ops.transpose(self.kernel))\n",
    fix_hint="keep the variable in self.{attr}; apply the transformation in call()",
    fix_safety="Unsafe: moves computation into call().",
))

_add(_rule(
    code="LD011", name="untracked-container", severity="error", tf_keras_severity="error",
    summary="Layers or variables held in a plain object, a closure, or a module-level global used by call().",
    what="Finds sublayers reachable only through a plain Python object, a closure stored on self, "
         "or a module-level global that a layer's `call()` uses.",
    why={
        KERAS3: "Keras tracks layers and variables only through attributes, lists and dicts of the "
                "layer. Anything else is not counted, not trained and not saved.",
        TF_KERAS: "Same as Keras 3.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example="class Heads:\n    def __init__(self):\n        self.cls = keras.layers.Dense(3)\n"
            "...\n    self.heads = Heads()\n",
    use_instead="self.cls_head = keras.layers.Dense(3)  # an attribute of the layer itself\n",
    fix_hint="assign the layer to an attribute of the layer (self.{attr} = ...)",
    fix_safety="Unsafe: changes saved-weight layouts.",
))

_add(_rule(
    code="LD012", name="lambda-captured-state", severity="error", tf_keras_severity="error",
    summary="A Lambda layer's function uses variables or layers defined outside it.",
    what="Finds `Lambda(fn)` where `fn` uses layers or variables from an enclosing scope.",
    why={
        KERAS3: "A Lambda layer tracks nothing: the captured layer's and variable's weights are "
                "not counted, not trained and not saved. Keras 3 says nothing.",
        TF_KERAS: "tf.keras 2 raises when the captured layer is built inside the Lambda and warns "
                  "for a captured variable; either way nothing is tracked.",
    },
    keras_says={
        KERAS3: "",
        TF_KERAS: "ValueError: The following Variables were created within a Lambda layer (lambda) "
                  "but are not tracked by said layer",
    },
    example="proj = keras.layers.Dense(4)\nout = keras.layers.Lambda(lambda t: proj(t))(inp)\n",
    use_instead="out = proj(inp)  # or a subclassed Layer holding proj\n",
    fix_hint="write a subclassed Layer that holds the layer/variable as an attribute",
    fix_safety="Unsafe: restructures the model.",
))

_add(_rule(
    code="LD013", name="super-init-missing-or-late", severity="error", tf_keras_severity="error",
    summary="super().__init__() never called, or called after the layer set state or settings.",
    what="Finds `__init__` without `super().__init__()`, or one that assigns sublayers, variables "
         "or settings (`self.trainable`, `self.name`, ...) before calling it.",
    why={
        KERAS3: "Never called: Keras raises. Called late: settings such as `trainable`/`name` are "
                "silently reset, and on the torch backend assigning a sublayer first raises.",
        TF_KERAS: "Never called: tf.keras raises. Called late: settings are reset; a Model raises "
                  "when a sublayer is assigned first.",
    },
    keras_says={
        KERAS3: "AttributeError: cannot assign module before Module.__init__() call (torch backend)",
        TF_KERAS: "RuntimeError: It looks like you are subclassing `Model` and you forgot to call "
                  "`super().__init__()`.",
    },
    example="def __init__(self, units, **kwargs):\n"
            "    self.dense = keras.layers.Dense(units)\n"
            "    super().__init__(**kwargs)\n",
    use_instead="def __init__(self, units, **kwargs):\n"
                "    super().__init__(**kwargs)\n"
                "    self.dense = keras.layers.Dense(units)\n",
    fix_hint="call super().__init__(**kwargs) first in __init__",
    fix_safety="Safe when the moved call's arguments do not depend on the statements before it.",
))


def get(code: str) -> Rule:
    return RULES[code.upper()]
