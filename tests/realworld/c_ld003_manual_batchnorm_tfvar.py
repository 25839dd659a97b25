"""Hand-written batch norm with tf.Variable beta/gamma and non-trainable moving stats in __init__.

The reporter wrote a batch-normalization layer whose `__init__` creates `beta`/`gamma` and two
`trainable=False` `tf.Variable`s for the running mean and variance, and found the non-trainable
ones missing from `model.variables`. Run as-is on Keras 3 (tf.keras now means Keras 3), all four
are missing.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/46325"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
Sequential(Input(8), Dense(8), ManualBatchNorm((8,))): count_params() == 72 (the Dense only);
len(model.weights) == 2 instead of 6; beta and gamma are watched by tf.GradientTape but are not in
model.trainable_weights; the moving mean/variance are invisible to Keras (not saved); silent."""

import tensorflow as tf
from tensorflow import keras


class ManualBatchNorm(keras.layers.Layer):
    def __init__(self, shape, momentum=0.9, **kwargs):
        super(ManualBatchNorm, self).__init__(**kwargs)
        self.shape = shape
        self.momentum = momentum
        self.beta = tf.Variable(initial_value=tf.zeros(shape), trainable=True, name="beta")
        self.gamma = tf.Variable(initial_value=tf.ones(shape), trainable=True, name="gamma")
        self.moving_mean = tf.Variable(initial_value=tf.zeros(shape), trainable=False, name="moving_mean")
        self.moving_var = tf.Variable(initial_value=tf.ones(shape), trainable=False, name="moving_var")

    def call(self, inputs, training=None):
        if training:
            mean, var = tf.nn.moments(inputs, axes=[0])
            self.moving_mean.assign(self.momentum * self.moving_mean + (1 - self.momentum) * mean)
            self.moving_var.assign(self.momentum * self.moving_var + (1 - self.momentum) * var)
        else:
            mean, var = self.moving_mean, self.moving_var
        return tf.nn.batch_normalization(inputs, mean, var, self.beta, self.gamma, 1e-3)


def build_model():
    return keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(8),
        ManualBatchNorm((8,)),
    ])
