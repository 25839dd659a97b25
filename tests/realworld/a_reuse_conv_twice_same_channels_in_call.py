"""Correct: a subclassed model applies `self.conv` twice with an instance-norm Lambda between (same channels).

The reporter's minimal model (tf.keras 1.9 with channels_first Conv3D) runs
`x = self.conv(inputs); x = self.instance_norm(x); x = self.conv(x); x = self.instance_norm(x)`:
the convolution is deliberately applied twice with shared parameters, and the instance norm is a
stateless Lambda. With one filter on one-channel input, the second call fits the weights built by
the first. (Their problem was parameter sharing with tf.layers variable scopes.) Ported to Keras 3
with channels_last Conv3D and a keras.ops instance norm.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/20842"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after one call on (1, 8, 8, 8, 1) count_params() == 28 (one Conv3D kernel + bias, shared by both
calls); the Lambda has no weights; both weights get gradients; no warning or error."""

import keras
from keras import ops

Conv3D = keras.layers.Conv3D
Lambda = keras.layers.Lambda


def instance_norm(x, eps=1e-5):
    mean = ops.mean(x, axis=(1, 2, 3), keepdims=True)
    var = ops.var(x, axis=(1, 2, 3), keepdims=True)
    return (x - mean) / ops.sqrt(var + eps)


class MyModel(keras.Model):
    def __init__(self, n_filters=1, kernel=3, padding="same", strides=1):
        super(MyModel, self).__init__(name="my_model")
        self.conv = Conv3D(n_filters, kernel, padding=padding, strides=strides)
        self.instance_norm = Lambda(lambda x: instance_norm(x))

    def call(self, inputs):
        x = self.conv(inputs)
        x = self.instance_norm(x)
        x = self.conv(x)
        x = self.instance_norm(x)
        return x


def build_model():
    model = MyModel()
    model(ops.zeros((1, 8, 8, 8, 1)))
    return model
