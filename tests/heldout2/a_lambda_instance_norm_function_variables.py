"""A CycleGAN generator wraps an `instance_norm` helper that creates its scale/offset `tf.Variable`s in a `Lambda`.

The music-style-transfer refactoring for TF 2 built each instance normalisation as
`Lambda(instance_norm)`, where the helper makes `SCALE` and `OFFSET` variables on every call; TF 2.3
refused ("The following Variables were created within a Lambda layer (IN_1) but are not tracked by
said layer"). Rewritten for Keras 3 with a small conv generator; `output_shape` is given because
Keras 3 asks for it when it cannot trace the function.
"""

SOURCE = "https://github.com/sumuzhao/CycleGAN-Music-Style-Transfer-Refactorization/issues/3"
CODES = ("LD002", "LD012")
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py a_lambda_instance_norm_function_variables.py:
as returned: Functional, count_params() = 657, 4 weights, unbuilt: none
after call: count_params() = 657, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 4 variables the model does not track: ['functional/IN_1/SCALE:0', 'functional/IN_1/OFFSET:0', 'functional/IN_2/SCALE:0', 'functional/IN_2/OFFSET:0']
second call: 4 variables watched that the first call did not use"""

import keras
import tensorflow as tf


def instance_norm(x, epsilon=1e-5):
    depth = x.shape[-1]
    scale = tf.Variable(tf.random.normal([depth], 1.0, 0.02), name="SCALE")
    offset = tf.Variable(tf.zeros([depth]), name="OFFSET")
    mean, variance = tf.nn.moments(x, axes=[1, 2], keepdims=True)
    return scale * (x - mean) * tf.math.rsqrt(variance + epsilon) + offset


def conv_in_relu(x, filters, name):
    x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = keras.layers.Lambda(instance_norm, output_shape=lambda shape: shape, name=f"IN_{name}")(x)
    return keras.layers.ReLU()(x)


def build_model():
    bars = keras.Input((16, 12, 1))
    x = conv_in_relu(bars, 8, 1)
    x = conv_in_relu(x, 8, 2)
    out = keras.layers.Conv2D(1, 1, activation="sigmoid")(x)
    return keras.Model(bars, out)
