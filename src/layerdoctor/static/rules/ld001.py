"""LD001 raw-tensor-state: a weight-like tensor stored on self in __init__/build."""

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import TENSOR, WEIGHT_NAME_RE
from . import Hit

RULE = Rule(
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
    example=snippet("""
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
    use_instead=snippet("""
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
    fix_hint="self.{attr} = self.add_weight(shape={shape}, initializer=...)  "
             "# trainable=False for a fixed buffer",
    fix_safety="Unsafe: `add_weight` needs the shape and an initializer that reproduces the old "
               "value (a NumPy array needs `keras.initializers.Constant`), the new variable is "
               "trainable unless `trainable=False` is passed, and it adds entries to saved weights. "
               "Review the initializer and whether the value should be trained.",
)

CODE = RULE.code


def check_class(ctx):
    for assign in ctx.self_assigns(("__init__", "build")):
        if ctx.in_phase(assign.method, "call"):
            continue  # created per call: LD002's business
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind != TENSOR:
            continue
        # A random tensor is a weight's initial value; a zeros/ones/array needs a weight's name,
        # since constant buffers (masks, position tables) are legitimately plain tensors.
        if not (value.random or WEIGHT_NAME_RE.match(assign.attr)):
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is a raw tensor ({value.qualname}) stored in {assign.method}(): "
            f"Keras does not track it, so it is not counted, trained or saved",
            attribute=assign.attr,
        )
