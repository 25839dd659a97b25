# LD013 super-init-missing-or-late: `super(Decoder).__init__()` without `self` (tests/heldout24 Holberton RNN
# decoder): an unbound super object, whose __init__ is object's, so Layer.__init__ never runs.
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f23/measure_ld013l.py): Decoder(4)
# constructs and its first call raises RuntimeError "... you forgot to call `super().__init__()` ...";
# BoundDecoder (super(BoundDecoder, self)) runs and has 2 weights.
import keras


class Decoder(keras.layers.Layer):
    def __init__(self, units):
        super(Decoder).__init__()  # LD013
        self.units = units

    def build(self, input_shape):
        self.dense = keras.layers.Dense(self.units)

    def call(self, x):
        return self.dense(x)


class BoundDecoder(keras.layers.Layer):
    def __init__(self, units):
        super(BoundDecoder, self).__init__()
        self.units = units
        self.dense = keras.layers.Dense(units)

    def call(self, x):
        return self.dense(x)
