"""Weight-normalised Dense (music RVQ encoder) that recomputes a normalised kernel from `self.kernel` in call().

MusicRVQEncoder's `WeightNormDense` subclasses `tf.keras.layers.Dense`, lets `super().build()` create
kernel and bias, adds a per-unit gain `g`, and in `call()` builds
`kernel = self.kernel * self.g / sqrt(sum(square(self.kernel), axis=0))` through the legacy
`tf.keras.backend` functions before `dot` + `bias_add`. A transformed copy of the kernel next to a
Dense subclass that overrides `call()` looks like a frozen/shadowed kernel (LD010) or a weight that
never reaches the output, but the copy is a local recomputed on every call: kernel, bias and g are
tracked and all three get gradients. `ReGLU` in the same file stores a plain bool in `self.bias`
(harmless on a weightless layer). The two are wired here as a small gated feed-forward block.
"""

SOURCE = "https://github.com/anime-song/MusicRVQEncoder/blob/0159d584993a2197d248dd336b15e699078ebb8c/src/model_utils.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okx_weightnorm_dense_kernel_rescaled_in_call.py:
as returned: Functional, count_params() = 6528, 8 weights, unbuilt: none
after call: count_params() = 6528, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'weight_norm_dense': 4352, 're_glu': 0, 'weight_norm_dense_1': 2112}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class WeightNormDense(tf.keras.layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self.g = self.add_weight(
            name='g',
            shape=[self.units, ],
            initializer='one',
            dtype=self.dtype,
            trainable=True)

    def call(self, inputs):
        kernel = self.kernel * self.g / \
            tf.keras.backend.sqrt(tf.keras.backend.sum(tf.keras.backend.square(self.kernel), axis=0))
        output = tf.keras.backend.dot(inputs, kernel)

        if self.use_bias:
            output = tf.keras.backend.bias_add(output, self.bias)

        if self.activation is not None:
            output = self.activation(output)

        return output

    def get_config(self):
        base_config = super(WeightNormDense, self).get_config()
        return dict(list(base_config.items()))


class ReGLU(tf.keras.layers.Layer):
    def __init__(self, bias=True, dim=-1, **kwargs):
        super(ReGLU, self).__init__(**kwargs)
        self.bias = bias
        self.dim = dim

    def call(self, x):
        out, gate = tf.split(x, num_or_size_splits=2, axis=self.dim)
        gate = tf.nn.relu(gate)
        x = tf.multiply(out, gate)
        return x

    def get_config(self):
        config = {
            'bias': self.bias,
            'dim': self.dim
            }
        base_config = super(ReGLU, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model(seq_len=16, hidden=32):
    inputs = tf.keras.Input(shape=(seq_len, hidden))
    x = tf.keras.layers.LayerNormalization()(inputs)
    x = WeightNormDense(hidden * 4)(x)
    x = ReGLU()(x)
    x = WeightNormDense(hidden)(x)
    outputs = tf.keras.layers.Add()([inputs, x])
    return tf.keras.Model(inputs, outputs)
