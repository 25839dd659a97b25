"""Correct: a BitNet `BitLinear` layer quantises its weight with `round`/`sign` behind a straight-through estimator.

An unofficial BitNet b1.58 implementation for TensorFlow 2.16 (Keras 3) writes `BitLinear` as a
Keras layer: the weight comes from `add_weight` in `build()`, a `LayerNormalization` is created in
`build()` too, and `call()` ternarises the weight with `tf.round` (or binarises it with a hand-made
sign built from `tf.where` and a cast) and clips the activations. Rounding, casting and
`stop_gradient` on a trainable weight look like a weight that gets no gradient, but each quantiser
is written as `stop_gradient(q - w) + w`, so the gradient of the weight is the identity.
Here two BitLinear layers (one 1.58-bit, one 1-bit) classify flattened MNIST-sized vectors.
"""

SOURCE = "https://github.com/pocokhc/BitNet/blob/ac09182499b867b0c97ab5196d838554f4e775a5/bitnet/bitnet_tf.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oke_bitlinear_ste_quantized_weights_and_inputs.py:
as returned: Sequential, count_params() = 2592, 7 weights, unbuilt: none
after call: count_params() = 2592, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bit_linear': 2208, 'bit_linear_1': 384}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class BitLinear(keras.layers.Layer):
    def __init__(self, units, weight_type="1.58bit", bits=8, use_bias=False, flg_before_linear=True):
        super().__init__()
        self.units = units
        self.weight_type = weight_type
        self.bits = bits
        self.use_bias = use_bias
        self.flg_before_linear = flg_before_linear

        self.Qb = 2 ** (bits - 1)
        self.eps = 1e-5

    def build(self, input_shape):
        last_dim = input_shape[-1]
        self.weight = self.add_weight(name="weight", shape=[last_dim, self.units], trainable=True)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=[self.units], initializer="zeros", trainable=True)
        else:
            self.bias = None
        self.norm = keras.layers.LayerNormalization()
        self.built = True

    def call(self, inputs):
        x = self.norm(inputs)

        # 1. quantised weights
        beta = tf.reduce_mean(tf.abs(self.weight))
        if self.weight_type == "1bit":
            alpha = tf.reduce_mean(self.weight)
            weight = self.ste_sign(self.weight - alpha)
        elif self.weight_type == "1.58bit":
            weight = self.weight / (beta + self.eps)
            weight = self.ste_round(weight)
            weight = tf.clip_by_value(weight, -1, 1)
        else:
            raise ValueError(self.weight_type)

        # 2. absmax quantisation of the inputs
        gamma = tf.reduce_max(tf.abs(x))
        if self.flg_before_linear:
            x = x * self.Qb / gamma
            x = tf.clip_by_value(x, -self.Qb + self.eps, self.Qb - self.eps)
        else:
            eta = tf.reduce_min(x)
            x = (x - eta) * self.Qb / gamma
            x = tf.clip_by_value(x, self.eps, self.Qb - self.eps)

        # 3. matmul, then dequantise
        x = tf.matmul(x, weight)
        if self.use_bias:
            x = tf.nn.bias_add(x, self.bias)
        return x * gamma * beta / self.Qb

    def ste_sign(self, x):
        x2 = tf.cast(tf.where(x > 0, 1, -1), x.dtype)
        return tf.stop_gradient(x2 - x) + x

    def ste_round(self, x):
        x2 = tf.round(x)
        return tf.stop_gradient(x2 - x) + x


def build_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            BitLinear(32, use_bias=True),
            keras.layers.ReLU(),
            BitLinear(10, weight_type="1bit"),
            keras.layers.Softmax(),
        ]
    )
    images = np.random.default_rng(0).random((4, 64)).astype("float32")
    return model, images
