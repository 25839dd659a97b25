"""A Glow invertible 1x1 convolution gets its LU-factorised weight from a helper function that returns
`tf.Variable`s.

The report builds Glow's `conv1x1` on `tfp.bijectors.MatvecLU`, feeding it from a
`trainable_lu_factorization(event_size, ...)` helper that creates `tf.Variable(tf.random.uniform(...))`,
LU-decomposes it and wraps the packed factors in another `tf.Variable`. Rewritten without
TensorFlow Probability: the same helper, called from the layer's `build()`, whose results are stored
on the layer and recombined with `tf.linalg.lu_reconstruct` in `call()`.
"""

SOURCE = "https://github.com/tensorflow/probability/issues/545"
CODES = ("LD003",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py d_factory_glow_lu_helper_returns_tf_variables.py:
as returned: Functional, count_params() = 148, 2 weights, unbuilt: none
after call: count_params() = 148, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['invertible_conv1x1/trainable_lu_factorization/lower_upper:0']
params of the case's own layers: {'invertible_conv1x1': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


def trainable_lu_factorization(event_size, trainable=True, seed=None, name=None):
    with tf.name_scope(name or "trainable_lu_factorization"):
        random_matrix = tf.random.uniform((event_size, event_size), seed=seed)
        random_orthonormal = tf.linalg.qr(random_matrix)[0]
        lower_upper, permutation = tf.linalg.lu(random_orthonormal)
        lower_upper = tf.Variable(lower_upper, trainable=trainable, name="lower_upper")
        return lower_upper, permutation


class InvertibleConv1x1(keras.layers.Layer):
    def build(self, input_shape):
        channels = input_shape[-1]
        self.lower_upper, self.permutation = trainable_lu_factorization(channels, seed=7)

    def call(self, x):
        w = tf.linalg.lu_reconstruct(self.lower_upper, self.permutation)
        return tf.einsum("bhwc,cd->bhwd", x, w)


def build_model():
    images = keras.Input((8, 8, 4))
    x = InvertibleConv1x1()(images)
    x = keras.layers.Conv2D(4, 3, padding="same")(x)
    return keras.Model(images, x)
