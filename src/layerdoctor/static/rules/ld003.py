"""LD003 foreign-variable: tf.Variable / torch.nn.Parameter / JAX arrays on a Keras 3 layer."""

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import FOREIGN
from . import Hit

RULE = Rule(
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
    fix_hint="self.{attr} = self.add_weight(shape={shape}, initializer=..., trainable=True)",
    fix_safety="Unsafe: the shape and an initializer matching the old initial value must be "
               "given to `add_weight`, and `trainable=False` when the native variable was not "
               "trainable; checkpoints written with `tf.train.Checkpoint` use other names.",
)

CODE = RULE.code

_WHAT = {"tensorflow": "a tf.Variable", "torch": "a torch.nn.Parameter", "jax": "a JAX array"}


def check_class(ctx):
    if ctx.target != KERAS3:
        return  # tf.keras 2 tracks tf.Variable
    for assign in ctx.self_assigns(("__init__", "build")):
        if ctx.in_phase(assign.method, "call"):
            continue
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind != FOREIGN:
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is {_WHAT[value.backend]} ({value.qualname}) set in "
            f"{assign.method}(): Keras 3 tracks only keras.Variable, so it is not counted, "
            f"trained or saved (tf.keras 2 would track a tf.Variable)",
            attribute=assign.attr,
        )
