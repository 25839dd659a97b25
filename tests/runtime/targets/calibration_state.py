"""A calibration range recorded in call() (held-out 11, Neural Compressor's QDense): kept as a
tensor on self during predict(), it belongs to predict()'s graph and the next call raises (LD002).
The twin keeps it in a non-trainable variable assigned in call().
test_runtime_calibration_state.py measures Keras first."""

import keras
import numpy as np
import tensorflow as tf


class Calibrated(keras.layers.Layer):
    def __init__(self, as_variable=False):
        super().__init__()
        self.as_variable = as_variable
        self.mode = "calib"
        self.high = None

    def build(self, input_shape):
        if self.as_variable:
            self.high = self.add_weight(shape=(), initializer="ones", trainable=False, name="high")

    def call(self, x):
        if self.mode == "calib":
            if self.as_variable:
                self.high.assign(tf.reduce_max(x))
            else:
                self.high = tf.reduce_max(x)
            return x
        return x / self.high


def _calibrated(as_variable):
    inputs = keras.Input((5,))
    layer = Calibrated(as_variable)
    model = keras.Model(inputs, keras.layers.Dense(2)(layer(inputs)))
    data = np.random.default_rng(0).random((8, 5)).astype("float32")
    model.predict(data, batch_size=4, verbose=0)
    layer.mode = "use"
    model(data[:2])
    return model


def range_kept_as_a_tensor():
    return _calibrated(False)


def range_in_a_variable():
    return _calibrated(True)
