"""A custom layer calls `self.add_weight(...)` from inside `call()`, under a conditional, the pattern behind "Initializer for variable ... is from inside a control-flow construct".

The Q&A page explains the TF error raised when a weight is created during the forward pass: the
layer has no `build()`, and its `call` creates the kernel with `add_weight` the first time it
runs (guarded by a Python `if`), then multiplies by it; the fix it gives is to move the
`add_weight` into `build()`. On Keras 3 the weight is not created once and reused: creating state
in `call` is refused as soon as the layer is wired into a model.
"""

SOURCE = "https://codemia.io/knowledge-hub/path/keras_tensorflow_initializer_for_variable_is_from_inside_a_control-flow_construct_a_loop_or_conditional"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py p_add_weight_inside_call_conditional.py:
build_model() raised ValueError: Exception encountered when calling LazyDense.call().
extra (own script, second line of the same message): "Could not automatically infer the output shape / dtype of 'lazy' (of type LazyDense). Either the `LazyDense.call()` method is incorrect, or you need to implement ... compute_output_spec()" (the add_weight in call fails while the functional model is wired)."""

import tensorflow as tf


class LazyDense(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        if not hasattr(self, "kernel"):
            self.kernel = self.add_weight(
                name="kernel", shape=(inputs.shape[-1], self.units),
                initializer="glorot_uniform", trainable=True)
        return tf.matmul(inputs, self.kernel)


def build_model():
    inputs = tf.keras.Input(shape=(6,))
    outputs = LazyDense(3, name="lazy")(inputs)
    return tf.keras.Model(inputs, outputs)
