"""A "trainable bump function" layer whose only weight, `threshold_level`, is used only inside `tf.math.less(...)`: it is counted but never gets a gradient.

The asker wanted an activation that is exp(-1 / (1 - x^2)) inside (-sigma, sigma) and 0 outside,
with sigma learnable. `build()` adds `self.threshold_level` with `add_weight(shape=[1],
RandomUniform(.5, 1.5), trainable=True)`; `call` takes `tf.math.abs(input)`, builds the boolean
`The_Logic = tf.math.less(absolute_value, self.threshold_level)` and selects between `f_True(input)`
and `f_False(input)` (the answer replaced the switch by `tf.where`). The answer points out the
comparison is not differentiable and the threshold is not used by either branch, so sigma can never
be learnt. Rewritten for Keras 3 with the answer's `tf.where`, wired between two Dense layers.
"""

SOURCE = "https://newbe.dev/implementing-a-trainable-generalized-bump-function-layer-in-keras-tensorflow"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py p_bump_layer_threshold_only_in_less_condition.py:
as returned: Functional, count_params() = 26, 5 weights, unbuilt: none
after call: count_params() = 26, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 5 trainable weights: ['bump/threshlevel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bump': 1}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class trainable_bump_layer(tf.keras.layers.Layer):
    def __init__(self, *args, **kwargs):
        super(trainable_bump_layer, self).__init__(*args, **kwargs)

    def build(self, input_shape):
        self.threshold_level = self.add_weight(
            name="threshlevel", shape=[1],
            initializer=tf.keras.initializers.RandomUniform(minval=0.5, maxval=1.5),
            trainable=True)

    def call(self, input):
        absolute_value = tf.math.abs(input)
        The_Logic = tf.math.less(absolute_value, self.threshold_level)

        def f_True(x):
            return tf.math.exp(-1.0 / (1.0 - tf.math.square(tf.clip_by_value(x, -0.999, 0.999))))

        def f_False(x):
            return tf.zeros_like(x)

        output_step_3 = tf.where(The_Logic, f_True(input), f_False(input))
        return output_step_3


def build_model():
    inputs = tf.keras.Input(shape=(4,))
    x = tf.keras.layers.Dense(4)(inputs)
    x = trainable_bump_layer(name="bump")(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
