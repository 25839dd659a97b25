"""A layer broadcasts its `add_weight` vector to the batch shape with `keras.ops.broadcast_to` in `call()`.

The report hit a JAX-only `TypeError` when broadcasting a Keras variable (fixed in Keras by
converting variables in the op). The layer pattern is right: the weight is created once by
`add_weight`, and a broadcast copy of it computed in `call()` is a tensor derived from the
weight, so gradients reach the weight. Rewritten as a learned per-feature offset.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19116"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_weight_broadcast_to_batch_in_call.py:
as returned: Functional, count_params() = 5, 3 weights, unbuilt: none
after call: count_params() = 5, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'learned_offset': 2}
second call: 0 variables watched that the first call did not use"""

import keras


class LearnedOffset(keras.layers.Layer):
    def build(self, input_shape):
        self.x_weight = self.add_weight(shape=(input_shape[-1],), initializer="random_normal", name="x_weight")

    def call(self, inputs):
        broadcast = keras.ops.broadcast_to(self.x_weight, keras.ops.shape(inputs))
        return inputs + broadcast


def build_model():
    inputs = keras.Input((2,))
    x = LearnedOffset()(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
