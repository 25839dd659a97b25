# LD012 lambda-captured-state: a Model's __init__ wires a Lambda whose nested def reads a tf.Variable on self
import keras
import numpy as np
import tensorflow as tf

CASE, TITLE = "LD012i", "a Lambda over a def nested in __init__ reads a tf.Variable on self (RLlib's free log std)"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s38/probe/ld012i.py): FreeLogStdNet has 2 weights (the Dense's, 10 params)
# and a tape over a call watches 'log_std:0', which the model does not own; OwnedLogStdNet's keras.Variable is its
# third weight (12 params, gradient not None); ScaledNet's Lambda reads a float (2 weights, nothing else watched).


class FreeLogStdNet(keras.Model):
    def __init__(self, num_outputs=2):
        super().__init__()
        self.log_std_var = tf.Variable([0.0] * num_outputs, dtype=tf.float32, name="log_std")  # LD003
        inputs = keras.Input((4,))
        means = keras.layers.Dense(num_outputs)(inputs)

        def tiled_log_std(x):
            return tf.tile(tf.expand_dims(self.log_std_var, 0), [tf.shape(x)[0], 1])

        log_std = keras.layers.Lambda(tiled_log_std)(inputs)  # LD012
        self.base_model = keras.Model(inputs, keras.layers.Concatenate(axis=1)([means, log_std]))

    def call(self, x):
        return self.base_model(x)


class OwnedLogStdNet(keras.Model):
    """Correct: a keras.Variable set on the Model is tracked, and the Lambda reads it live on every call."""

    def __init__(self, num_outputs=2):
        super().__init__()
        self.log_std_var = keras.Variable(np.zeros(num_outputs, "float32"), name="log_std")
        inputs = keras.Input((4,))
        means = keras.layers.Dense(num_outputs)(inputs)

        def tiled_log_std(x):
            return tf.tile(tf.expand_dims(self.log_std_var, 0), [tf.shape(x)[0], 1])

        log_std = keras.layers.Lambda(tiled_log_std)(inputs)
        self.base_model = keras.Model(inputs, keras.layers.Concatenate(axis=1)([means, log_std]))

    def call(self, x):
        return self.base_model(x)


class ScaledNet(keras.Model):
    """Correct: the nested def reads a plain number on self."""

    def __init__(self, scale=0.5):
        super().__init__()
        self.scale = scale
        self.frozen = tf.Variable(1.0, trainable=False)  # LD003
        inputs = keras.Input((4,))

        def scaled(x):
            return x * self.scale

        self.base_model = keras.Model(inputs, keras.layers.Lambda(scaled)(keras.layers.Dense(2)(inputs)))

    def call(self, x):
        return self.base_model(x)


def make_free_log_std():
    return FreeLogStdNet()


def make_owned_log_std():
    return OwnedLogStdNet()


def make_scaled():
    return ScaledNet()
