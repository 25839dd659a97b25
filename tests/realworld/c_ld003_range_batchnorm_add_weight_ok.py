"""Custom range batch-norm whose running statistics are `add_weight(trainable=False)` variables.

The reporter's layer creates gamma/beta and two running statistics with `add_weight` in `build()`,
the latter with `trainable=False`, and updates them with `assign` in `call()` under `training`.
It looks like state hidden from the optimizer, which is exactly the intent: correct on Keras 3.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/36848"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
functional Input(6) -> Dense(6) -> RangeBatchNorm: count_params() == 66 (Dense 42 + 4x6); gamma/beta
are trainable and moving_mean/moving_range are non-trainable weights in model.weights; all trainable
weights get a non-None gradient; one fit step runs; no warning."""

import tensorflow as tf
from tensorflow import keras


class RangeBatchNorm(keras.layers.Layer):
    def __init__(self, momentum=0.99, **kwargs):
        super(RangeBatchNorm, self).__init__(**kwargs)
        self.momentum = momentum
        self.gamma_initializer = keras.initializers.Ones()
        self.beta_initializer = keras.initializers.Zeros()
        self.moving_mean_initializer = keras.initializers.Zeros()
        self.moving_range_initializer = keras.initializers.Ones()

    def build(self, input_shape):
        shape = (input_shape[-1],)
        self.gamma = self.add_weight(shape=shape, name="gamma", initializer=self.gamma_initializer, trainable=True)
        self.beta = self.add_weight(shape=shape, name="beta", initializer=self.beta_initializer, trainable=True)
        self.moving_mean = self.add_weight(
            shape=shape, name="moving_mean", initializer=self.moving_mean_initializer, trainable=False)
        self.moving_range = self.add_weight(
            shape=shape, name="moving_range", initializer=self.moving_range_initializer, trainable=False)

    def call(self, inputs, training=None):
        if training:
            mean = tf.reduce_mean(inputs, axis=0)
            rng = tf.reduce_max(inputs, axis=0) - tf.reduce_min(inputs, axis=0)
            self.moving_mean.assign(self.momentum * self.moving_mean + (1 - self.momentum) * mean)
            self.moving_range.assign(self.momentum * self.moving_range + (1 - self.momentum) * rng)
        else:
            mean, rng = self.moving_mean, self.moving_range
        return self.gamma * (inputs - mean) / (rng + 1e-3) + self.beta


def build_model():
    inputs = keras.Input((6,))
    x = keras.layers.Dense(6)(inputs)
    outputs = RangeBatchNorm()(x)
    return keras.Model(inputs, outputs)
