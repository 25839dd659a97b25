"""The finding catalog: the single source for codes, names, severities and explanations.

The CLI (`rules`, `explain`), the SARIF rule metadata and `docs/rules.md` are all generated
from RULES below (`python -m layerdoctor.docs` regenerates the document). Codes, names and
meanings follow the project's RULES.md (a copy lives in tests/data/RULES.md); the behaviour
described here was measured on Keras 3.15.1 (TensorFlow 2.21, JAX 0.10.2 and torch 2.13
backends) and tf-keras 2.21.

Text conventions: `why` and `keras_says` are keyed by flavour (KERAS3, TF_KERAS);
`keras_says` holds only the exact lines Keras prints (one per line, "" when Keras is silent),
the circumstances are explained in `why`. `example` and `use_instead` are complete, parseable
Python. `fix_hint` may contain `{attr}`, replaced by the attribute name of the finding (no other
braces appear in it, so `str.format(attr=...)` is safe).
"""

from __future__ import annotations

import textwrap
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


def _py(src: str) -> str:
    """A code snippet written indented inside a call: dedented, one trailing newline."""
    return textwrap.dedent(src).strip("\n") + "\n"


RULES: dict[str, Rule] = {}


def _add(rule: Rule) -> None:
    RULES[rule.code] = rule


# Messages Keras prints, verbatim (BEHAVIOUR.md section 4; layer names are those of the examples).
_NO_TRAINABLE = "UserWarning: The model does not have any trainable weights."
_CANNOT_ADD_STATE = (
    "ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that "
    "is already built. All state must be created in the `__init__()` method or in the `build()` method."
)
_SINGLETON = (
    "ValueError: tf.function only supports singleton tf.Variables created on the first call. Make "
    "sure the tf.Variable is only created once or created outside tf.function. See "
    "https://www.tensorflow.org/guide/function#creating_tfvariables for more information."
)
_NOT_LIFTED = (
    "ValueError: Argument `initial_value` (Tensor(\"random_normal:0\", shape=(4, 3), dtype=float32)) "
    "could not be lifted out of a `tf.function`. (Tried to create variable with name='None'). "
    "To avoid this error, when constructing `tf.Variable`s inside of `tf.function` you can create "
    "the `initial_value` tensor in a `tf.init_scope` or pass a callable `initial_value` (e.g., "
    "`tf.Variable(lambda : tf.truncated_normal([10, 40]))`). Please file a feature request if this "
    "restriction inconveniences you."
)
_GRADS_K3 = (
    "UserWarning: Gradients do not exist for variables ['linear/bias'] when minimizing the loss. "
    "If using `model.compile()`, did you forget to provide a `loss` argument?"
)
_GRADS_TFK = (
    "WARNING:tensorflow:Gradients do not exist for variables ['linear/bias:0'] when minimizing the "
    "loss. If you're using `model.compile()`, did you forget to provide a `loss` argument?"
)
_NO_GRADIENTS = "ValueError: No gradients provided for any variable."
_UNBUILT_K3 = (
    "UserWarning: `build()` was called on layer 'classifier', however the layer does not have a "
    "`build()` method implemented and it looks like it has unbuilt state. This will cause the layer "
    "to be marked as built, despite not being actually built, which may cause failures down the "
    "line. Make sure to implement a proper `build()` method."
)


# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD001", name="raw-tensor-state", severity="error", tf_keras_severity="error",
    summary="A weight-like tensor or NumPy array is stored on `self` in `__init__`/`build` "
            "instead of a variable.",
    what="Static: finds `self.x = ...` in `__init__` or `build` whose value is made by a tensor or "
         "array factory (`tf.random.*`, `tf.zeros`, `tf.ones`, `tf.constant`, `np.*`, "
         "`keras.ops.*`, `keras.random.*`) rather than by `add_weight`; constant-filled values count "
         "only under a weight-like name (`kernel`, `bias`, `scale`, ...), since masks and lookup "
         "tables are legitimately plain tensors. Runtime: walks the attributes of every "
         "user-written layer and reports weight-like tensors and arrays that are not tracked "
         "variables.",
    why={
        KERAS3: "Keras 3 tracks only `keras.Variable`s, which `add_weight` creates. A tensor or "
                "NumPy array stored on the layer is a constant: it is not in `layer.weights`, the "
                "summary counts 0 parameters for it, `fit` never updates it and it is not saved "
                "with the model. A random initial value hides the bug well: the layer computes "
                "with a fixed random matrix that looks like a working kernel. Keras says nothing "
                "on any backend; `fit` on the TensorFlow and torch backends warns \"The model does "
                "not have any trainable weights.\" only when nothing at all in the model is "
                "trainable, and on JAX not even then.",
        TF_KERAS: "tf.keras 2 tracks only `tf.Variable`s (created by `add_weight` or assigned to "
                  "the layer). A tensor or NumPy array is a constant: not in `layer.weights`, "
                  "0 parameters in the summary, never trained, not saved. tf.keras 2 prints "
                  "nothing, even when the model has no trainable weight left.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=_py("""
        import keras
        from keras import ops


        class ScaledDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = keras.random.normal((input_shape[-1], self.units), stddev=0.05)
                self.bias = ops.zeros((self.units,))

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    use_instead=_py("""
        import keras
        from keras import ops


        class ScaledDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(
                    shape=(input_shape[-1], self.units),
                    initializer=keras.initializers.RandomNormal(stddev=0.05),
                )
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    fix_hint="self.{attr} = self.add_weight(shape=..., initializer=...)  "
             "# trainable=False for a fixed buffer",
    fix_safety="Unsafe: `add_weight` needs the shape and an initializer that reproduces the old "
               "value (a NumPy array needs `keras.initializers.Constant`), the new variable is "
               "trainable unless `trainable=False` is passed, and it adds entries to saved weights. "
               "Review the initializer and whether the value should be trained.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD002", name="state-created-in-call", severity="error", tf_keras_severity="error",
    summary="A variable, weight-like tensor or sublayer is created inside `call()`.",
    what="Static: finds layers (`keras.layers.*`, custom layer classes), variables "
         "(`self.add_weight`, `keras.Variable`, `tf.Variable`) and random or filled weight "
         "tensors created in `call()` or in a method that `call()` uses. Runtime: calls the model "
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
        KERAS3: "\n".join([_CANNOT_ADD_STATE, _SINGLETON]),
        TF_KERAS: "\n".join([_SINGLETON, _NOT_LIFTED]),
    },
    example=_py("""
        import keras


        class ProjectionHead(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def call(self, inputs):
                dense = keras.layers.Dense(self.units)  # new weights on every call
                return dense(inputs)
    """),
    use_instead=_py("""
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
             "self.{attr} = ...",
    fix_safety="No automatic fix: the created object's arguments often depend on values that "
               "exist only in `call()` (the input's shape, `training`), so where and how to "
               "create it once is a decision for the author.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD003", name="foreign-variable", severity="error", tf_keras_severity=None,
    summary="A backend-native variable (`tf.Variable`, `torch.nn.Parameter`, a JAX array) is "
            "stored on a Keras 3 layer.",
    what="Static: finds `self.x = tf.Variable(...)`, `torch.nn.Parameter(...)` or a "
         "`jax.numpy`/`jax.random` array assigned in a layer of a project that uses Keras 3. "
         "Runtime: reports backend variables and parameters reachable from a layer's attributes "
         "that are not among `layer.weights`, and recognises the \"could not be lifted out of a "
         "`tf.function`\" error such a variable causes in a nested `build()`.",
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
    example=_py("""
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
    use_instead=_py("""
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
    fix_hint="self.{attr} = self.add_weight(shape=..., initializer=..., trainable=True)",
    fix_safety="Unsafe: the shape and an initializer matching the old initial value must be "
               "given to `add_weight`, and `trainable=False` when the native variable was not "
               "trainable; checkpoints written with `tf.train.Checkpoint` use other names.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD004", name="fixed-input-dim-in-init", severity="warning", tf_keras_severity="warning",
    summary="`add_weight` in `__init__` uses an input dimension passed in by hand.",
    what="Static: finds `self.add_weight(...)` calls in `__init__` whose `shape` uses a "
         "constructor argument that describes the input (`input_dim`, `in_features`, ...). "
         "Static only: at runtime the layer works.",
    detectors=("static",),
    why={
        KERAS3: "It works, and nothing warns: the layer computes correctly as long as every input "
                "has exactly `input_dim` features. But the weight's shape is fixed before Keras has "
                "seen any input, so a wrong `input_dim`, a change in the preceding layer, or reuse "
                "on another input fails at the matrix product, far from the constructor, with a "
                "backend-specific message (TensorFlow \"Matrix size-incompatible\" / \"Dimensions "
                "must be equal\", JAX \"dot_general requires contracting dimensions to have the "
                "same shape\", torch \"mat1 and mat2 shapes cannot be multiplied\"). Weights whose "
                "shape depends on the input belong in `build(input_shape)`, where Keras passes the "
                "real shape and the argument disappears.",
        TF_KERAS: "Same as Keras 3: it works for inputs of exactly `input_dim` features and fails "
                  "with a TensorFlow shape error (\"Dimensions must be equal\") on any other.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=_py("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, input_dim, **kwargs):
                super().__init__(**kwargs)
                self.w = self.add_weight(shape=(input_dim, units), initializer="glorot_uniform")
                self.b = self.add_weight(shape=(units,), initializer="zeros")

            def call(self, inputs):
                return ops.matmul(inputs, self.w) + self.b
    """),
    use_instead=_py("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")
                self.b = self.add_weight(shape=(self.units,), initializer="zeros")

            def call(self, inputs):
                return ops.matmul(inputs, self.w) + self.b
    """),
    fix_hint="def build(self, input_shape):\n"
             "    self.{attr} = self.add_weight(shape=(input_shape[-1], ...), initializer=...)",
    fix_safety="No automatic fix: moving the weight to `build()` removes a constructor argument, "
               "which breaks callers and saved configs (`get_config`), and the weight no longer "
               "exists before the first call.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD005", name="unbuilt-sublayer", severity="error", tf_keras_severity="error",
    summary="A sublayer is never built: nothing calls it and no `build()` builds it.",
    what="Static: finds sublayers assigned to `self` in `__init__` that no other method of the "
         "class uses. Runtime: after the model has been called on data, reports "
         "sublayers that are still unbuilt or own no weights although their class creates some.",
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
    keras_says={KERAS3: _UNBUILT_K3, TF_KERAS: ""},
    example=_py("""
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
    use_instead=_py("""
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
    fix_safety="No automatic fix: whether the sublayer should be used, built for later use, or "
               "deleted is a design decision, and each choice changes the saved weights.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD006", name="private-weight-list", severity="error", tf_keras_severity="error",
    summary="`_trainable_weights`/`_non_trainable_weights` are mutated, or `trainable_weights` "
            "is assigned.",
    what="Static: finds `self._trainable_weights.append/extend(...)`, the same on "
         "`_non_trainable_weights`, and assignments to `self.trainable_weights` or "
         "`self.non_trainable_weights`. Runtime: reports the AttributeError this raises while "
         "building, pointing at the offending line.",
    why={
        KERAS3: "Keras 3 layers have no `_trainable_weights` or `_non_trainable_weights` list (the "
                "weight lists are computed from tracked attributes), and `trainable_weights` is a "
                "read-only property. The line raises AttributeError on every backend the first "
                "time `build()` runs. It is never needed: the weights of a sublayer stored as an "
                "attribute and variables made with `add_weight` are tracked already. Old "
                "tutorials written for tf.keras 2 still recommend it.",
        TF_KERAS: "`_trainable_weights` is a private list of tf.keras 2 layers. Extending it with "
                  "weights the layer tracks anyway works by accident: tf.keras 2 de-duplicates the "
                  "list, so nothing is double counted, and the code breaks with AttributeError as "
                  "soon as it runs on Keras 3. Assigning `self.trainable_weights = [...]` raises "
                  "AttributeError on tf.keras 2 too.",
    },
    keras_says={
        KERAS3: "AttributeError: 'Wrapper' object has no attribute '_trainable_weights'\n"
                "AttributeError: property 'trainable_weights' of 'Wrapper' object has no setter",
        TF_KERAS: "AttributeError: Can't set the attribute \"trainable_weights\", likely because it "
                  "conflicts with an existing read-only @property of the object. Please choose a "
                  "different name.",
    },
    example=_py("""
        import keras


        class Wrapper(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.inner = keras.layers.Dense(units)

            def build(self, input_shape):
                self.inner.build(input_shape)
                self._trainable_weights.extend(self.inner.trainable_weights)

            def call(self, inputs):
                return self.inner(inputs)
    """),
    use_instead=_py("""
        import keras


        class Wrapper(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.inner = keras.layers.Dense(units)

            def build(self, input_shape):
                self.inner.build(input_shape)  # its weights are tracked through self.inner

            def call(self, inputs):
                return self.inner(inputs)
    """),
    fix_hint="# delete the line: weights of sublayers and add_weight variables are tracked already",
    fix_safety="Safe when every listed weight belongs to a sublayer stored on `self` or was made "
               "by `add_weight` on this layer (the usual case): deleting the line changes nothing "
               "on tf.keras 2 and removes the crash on Keras 3. Otherwise no automatic fix: state "
               "that is only reachable through the list must first become an `add_weight` variable.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD007", name="shared-layer", severity="info", tf_keras_severity="info",
    summary="One layer instance is called in several places: its weights are shared and counted once.",
    what="Static: finds a layer instance (a variable or a `self` attribute) that is called more "
         "than once, and lists the call sites. Runtime: reports layers with more than one inbound "
         "node or call, and variables owned by more than one layer.",
    why={
        KERAS3: "Not a bug when intended. Calling one layer instance on several inputs shares its "
                "weights: the model has one set of weights, trained by the gradients of every "
                "call, and the summary counts it once (functional summaries list each call site in "
                "\"Connected to\"; a subclassed Model shows nothing at all). That is what siamese "
                "encoders and tied embeddings need. It is a bug when each call was meant to have "
                "its own weights, for example an encoder defined once and applied to two different "
                "inputs, and the parameter count looks too small. This finding makes the sharing "
                "visible and shows where the instance is called.",
        TF_KERAS: "Same as Keras 3: shared weights, counted once, no message.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=_py("""
        import keras

        question = keras.Input((16,))
        answer = keras.Input((16,))
        encoder = keras.layers.Dense(8)
        score = keras.layers.Dot(axes=-1)([encoder(question), encoder(answer)])
        model = keras.Model([question, answer], score)
    """),
    use_instead=_py("""
        import keras

        question = keras.Input((16,))
        answer = keras.Input((16,))
        question_encoder = keras.layers.Dense(8)  # one instance per input,
        answer_encoder = keras.layers.Dense(8)  # if the weights should not be shared
        score = keras.layers.Dot(axes=-1)([question_encoder(question), answer_encoder(answer)])
        model = keras.Model([question, answer], score)
    """),
    fix_hint="# if the weights should not be shared, one instance per call site:\n"
             "{attr}_a, {attr}_b = <the constructor call>, <the constructor call>",
    fix_safety="No automatic fix: sharing is often intended, and un-sharing doubles the "
               "parameters and changes the saved weights.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD008", name="incompatible-reuse", severity="error", tf_keras_severity="error",
    summary="A shared layer is called on an input whose shape does not fit the weights built "
            "on its first call.",
    what="Static: finds one layer instance called on inputs whose last dimensions are known and "
         "differ (for example `keras.Input((4,))` and `keras.Input((6,))`). Runtime: catches the "
         "shape error raised while wiring or calling the model and points at the layer's first "
         "call, where the weights got their shape.",
    why={
        KERAS3: "A layer creates its weights on the first call, for that input's shape. Calling "
                "the same instance on an input with another last dimension cannot work. Keras 3 "
                "catches it when the model is wired if the layer declares an input spec (built-in "
                "layers such as `Dense`): \"expected axis -1 of input shape to have value 4\". For "
                "custom layers the error comes from the backend's matrix product, far from the "
                "cause, and its type depends on the backend (TensorFlow `ValueError: Dimensions "
                "must be equal`, JAX `TypeError: dot_general requires contracting dimensions to "
                "have the same shape`, torch `RuntimeError: mat1 and mat2 shapes cannot be "
                "multiplied`); with `keras.ops.matmul` on TensorFlow the model even builds and the "
                "first call on data raises `InvalidArgumentError: Matrix size-incompatible`.",
        TF_KERAS: "Same bug; tf.keras 2 reports it as a TensorFlow shape error (\"Dimensions must be "
                  "equal, but are 6 and 4\") inside the layer's call when the model is wired.",
    },
    keras_says={
        KERAS3: "ValueError: Input 0 with name 'None' of layer 'dense' is incompatible with the "
                "layer: expected axis -1 of input shape to have value 4, but received input with "
                "shape (None, 6)",
        TF_KERAS: "ValueError: Dimensions must be equal, but are 6 and 4 for '{{node dense/MatMul}} "
                  "= MatMul[T=DT_FLOAT, grad_a=false, grad_b=false, transpose_a=false, "
                  "transpose_b=false](Placeholder, dense/MatMul/ReadVariableOp)' with input "
                  "shapes: [?,6], [4,8].",
    },
    example=_py("""
        import keras

        short = keras.Input((4,))
        long = keras.Input((6,))
        proj = keras.layers.Dense(8)
        merged = keras.layers.Concatenate()([proj(short), proj(long)])
        model = keras.Model([short, long], merged)
    """),
    use_instead=_py("""
        import keras

        short = keras.Input((4,))
        long = keras.Input((6,))
        proj_short = keras.layers.Dense(8)
        proj_long = keras.layers.Dense(8)
        merged = keras.layers.Concatenate()([proj_short(short), proj_long(long)])
        model = keras.Model([short, long], merged)
    """),
    fix_hint="# a separate instance for the input of the other shape:\n"
             "{attr}_2 = <the same constructor call>",
    fix_safety="No automatic fix: it is a design decision whether the inputs need their own "
               "layers or the second input needs a projection to the first one's size.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD009", name="no-gradient", severity="error", tf_keras_severity="error",
    summary="A trainable weight gets no gradient, so training never changes it.",
    what="Static: finds trainable weights created with `add_weight` that the class never reads, "
         "or reads only inside `stop_gradient(...)`, through NumPy or Python conversions "
         "(`.numpy()`, `np.asarray`, `float`), or through non-differentiable ops (`round`, "
         "`argmax`, casts to integers). Runtime: computes the gradient of the summed outputs "
         "with respect to every trainable weight and reports the weights that are "
         "disconnected (`None` on TensorFlow; JAX would return zeros, so a zero is not evidence), "
         "and recognises the error a NumPy conversion raises while the model is built.",
    why={
        KERAS3: "The weight is listed as trainable and counted in the summary, but no gradient "
                "reaches it, so training never changes it: it keeps its initial value (zeros for a "
                "bias, random numbers for a kernel). How it shows depends on the backend. "
                "TensorFlow and torch return a `None` gradient, and `fit` warns \"Gradients do not "
                "exist for variables [...]\" with a misleading hint about a missing `loss` (when no "
                "weight of the model has a gradient, TensorFlow's `fit` raises \"No gradients "
                "provided for any variable.\"). JAX "
                "returns an all-zero gradient, never `None`, and `fit` prints nothing, so a zero "
                "gradient alone does not prove the bug; `round` on torch also gives zeros without a "
                "warning. Converting the weight to NumPy in `call()` fails instead of training: on "
                "TensorFlow when the model is built (\"numpy() is only available when eager "
                "execution is enabled.\"), on JAX at gradient time, while torch only warns in `fit`.",
        TF_KERAS: "As on Keras 3 with TensorFlow: counted as trainable, `None` gradient, never "
                  "trained; `fit` logs \"Gradients do not exist for variables [...]\" through the "
                  "TensorFlow logger, which is easy to miss. A NumPy conversion in `call()` raises "
                  "\"numpy() is only available when eager execution is enabled.\" when the model "
                  "is built.",
    },
    keras_says={
        KERAS3: _GRADS_K3 + "\n" + _NO_GRADIENTS + "\n"
                "NotImplementedError: numpy() is only available when eager execution is enabled.",
        TF_KERAS: _GRADS_TFK + "\n"
                  "NotImplementedError: numpy() is only available when eager execution is enabled.",
    },
    example=_py("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel)  # self.bias is never used
    """),
    use_instead=_py("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    fix_hint="# read it differentiably in call(), or make it a constant:\n"
             "self.{attr} = self.add_weight(..., trainable=False)",
    fix_safety="No automatic fix: using the weight changes the model's output, and marking it "
               "`trainable=False` changes what the optimizer and the summary see; only the author "
               "knows which was meant.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD010", name="variable-shadowed", severity="error", tf_keras_severity="error",
    summary="A variable attribute is overwritten by a tensor computed from it.",
    what="Static: finds `self.w = f(self.w)` after `self.w = self.add_weight(...)` (typically "
         "in `build()`), and `self.w = self.add_weight(...) * k` or similar arithmetic on a fresh "
         "weight. Runtime: reports layers whose output does not change when one of their "
         "variables is assigned a new value (the call reads a stale copy).",
    why={
        KERAS3: "After `self.kernel = ops.transpose(self.kernel)` the attribute holds a tensor "
                "computed once, in `build()`, from the variable's initial value. On TensorFlow and "
                "JAX the variable stays tracked (in `layer.weights` and counted) but `call()` reads "
                "the stale copy: the variable gets no gradient (`None` on TensorFlow, zeros on "
                "JAX), `fit` never changes the output, and the saved model stores a variable the "
                "layer does not use. TensorFlow's `fit` warns \"Gradients do not exist\"; JAX says "
                "nothing. torch differs: `ops.transpose` returns a view of the parameter, so that "
                "form happens to train; `self.w = self.add_weight(...) * 2.0` records a graph once "
                "in `build()`, and the second backward pass in `fit` raises \"Trying to backward "
                "through the graph a second time\". The same code thus trains on one backend and "
                "silently freezes on another.",
        TF_KERAS: "tf.keras 2 stops tracking a variable when its attribute is re-assigned: after "
                  "`self.kernel = tf.transpose(self.kernel)` the layer lists only its other weights, "
                  "and the kernel is not counted, not trained and not saved, silently. "
                  "`self.w = self.add_weight(...) * 2.0` keeps the variable counted but stale, and "
                  "`fit` logs \"Gradients do not exist for variables [...]\".",
    },
    keras_says={
        KERAS3: _GRADS_K3.replace("linear/bias", "transposed_dense/kernel") + "\n"
                "RuntimeError: Trying to backward through the graph a second time (or directly "
                "access saved tensors after they have already been freed). Saved intermediate "
                "values of the graph are freed when you call .backward() or autograd.grad(). "
                "Specify retain_graph=True if you need to backward through the graph a second time "
                "or if you need to access saved tensors after calling backward.",
        TF_KERAS: _GRADS_TFK.replace("linear/bias", "scaled/scale"),
    },
    example=_py("""
        import keras
        from keras import ops


        class TransposedDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(self.units, input_shape[-1]), name="kernel")
                self.kernel = ops.transpose(self.kernel)  # now a constant tensor
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    use_instead=_py("""
        import keras
        from keras import ops


        class TransposedDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(self.units, input_shape[-1]), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, ops.transpose(self.kernel)) + self.bias
    """),
    fix_hint="# keep the variable in self.{attr}; transform it where it is used, in call():\n"
             "ops.transpose(self.{attr})",
    fix_safety="Unsafe: the fix deletes the re-assignment and applies the expression in `call()`; "
               "the expression may refer to names that exist only in `build()`, and on torch (where "
               "a transpose view already trained) results can change.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD011", name="untracked-container", severity="error", tf_keras_severity="error",
    summary="Layers or variables are held in a plain object, a closure, or a module-level global "
            "that `call()` uses.",
    what="Static: finds `self.x = C()` where `C` is a plain class (not a Layer) whose instances "
         "hold layers or variables, closures stored on `self` that capture layers, and module-level "
         "layers or variables read inside a layer's `call()`. Runtime: walks the Python objects "
         "reachable from each layer (attributes, plain objects, closure cells) and the layers a "
         "forward pass calls, and reports layers and variables that Keras does not track.",
    why={
        KERAS3: "Keras tracks the sublayers and variables stored directly on a layer: as "
                "attributes, or inside lists, dicts and tuples assigned to attributes. It does not "
                "look inside other Python objects. Layers held by a plain class instance, captured "
                "in a closure, or read from a module-level global inside `call()` still compute, "
                "but Keras does not see them: they are not in `layer.weights`, not counted, not "
                "trained by `fit`, not saved. A global is the subtlest case: the layer's own "
                "weights are counted and only the global's are missing. Keras says nothing on any "
                "backend (TensorFlow and torch warn \"The model does not have any trainable "
                "weights.\" only when nothing at all is tracked). A global layer wired into a "
                "functional model (called on a `keras.Input`) is tracked and fine.",
        TF_KERAS: "Same as Keras 3: tf.keras 2 tracks only attributes, lists and dicts of the "
                  "layer, does not see layers inside plain objects, closures or globals, and says "
                  "nothing.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=_py("""
        import keras
        from keras import ops


        class Heads:  # a plain class, not a Layer
            def __init__(self):
                self.classifier = keras.layers.Dense(3)
                self.regressor = keras.layers.Dense(1)


        class MultiHead(keras.layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.heads = Heads()

            def call(self, inputs):
                return ops.concatenate(
                    [self.heads.classifier(inputs), self.heads.regressor(inputs)], axis=-1
                )
    """),
    use_instead=_py("""
        import keras
        from keras import ops


        class Heads(keras.layers.Layer):  # a Layer: its sublayers are tracked
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.classifier = keras.layers.Dense(3)
                self.regressor = keras.layers.Dense(1)

            def call(self, inputs):
                return ops.concatenate([self.classifier(inputs), self.regressor(inputs)], axis=-1)


        class MultiHead(keras.layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.heads = Heads()

            def call(self, inputs):
                return self.heads(inputs)
    """),
    fix_hint="# make the container a keras.layers.Layer, or store its layers on self:\n"
             "self.{attr} = ...",
    fix_safety="No automatic fix: the container has to become a Layer, or its layers attributes "
               "(or a list/dict attribute) of the layer; either changes the names of the saved "
               "weights.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD012", name="lambda-captured-state", severity="error", tf_keras_severity="error",
    summary="A `Lambda` layer's function uses layers or variables defined outside it.",
    what="Static: finds `Lambda(fn)` where `fn` (a lambda or a named function) reads a layer or "
         "variable from an enclosing or global scope. Runtime: reports layers and variables that a "
         "`Lambda`'s function captures or calls and that no layer of the model tracks.",
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
    example=_py("""
        import keras

        proj = keras.layers.Dense(4)
        inputs = keras.Input((4,))
        outputs = keras.layers.Lambda(lambda t: proj(t) * 2.0)(inputs)
        model = keras.Model(inputs, outputs)
    """),
    use_instead=_py("""
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
    fix_safety="No automatic fix: replacing the `Lambda` restructures the model and changes "
               "its saved layout.",
))

# ---------------------------------------------------------------------------------------------
_add(_rule(
    code="LD013", name="super-init-missing-or-late", severity="error", tf_keras_severity="error",
    summary="`super().__init__()` is never called, or is called after the layer set state or "
            "settings.",
    what="Static: finds a layer's `__init__` that never calls `super().__init__()`, or that "
         "assigns sublayers, variables or settings (`self.trainable`, `self.name`, ...) to `self` "
         "before calling it. Runtime: recognises the error raised while constructing or first "
         "calling the layer and points at the class.",
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
    example=_py("""
        import keras


        class Encoder(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                self.units = units
                self.dense = keras.layers.Dense(units)
                super().__init__(**kwargs)

            def call(self, inputs):
                return self.dense(inputs)
    """),
    use_instead=_py("""
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
    fix_safety="Safe when the arguments of the moved (or added) `super().__init__(...)` call use "
               "only the parameters of `__init__`, not attributes set before it; otherwise unsafe. "
               "Settings the layer set before the call (such as `self.trainable = False`) take "
               "effect after the fix, which is the intent but changes behaviour.",
))


def get(code: str) -> Rule:
    return RULES[code.upper()]
