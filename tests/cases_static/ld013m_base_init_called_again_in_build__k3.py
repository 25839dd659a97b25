# LD013 super-init-missing-or-late: build() ends with `super(Mlp, self).__init__(input_shape)` where
# `super().build(input_shape)` was meant (tests/heldout31, deepflow's Mlp). Measured on Keras 3.15.1 + TF 2.21
# (/tmp/reinit.py, /tmp/p34/probe.py): with a positional argument the first call raises "TypeError:
# Layer.__init__() takes 1 positional argument but 2 were given"; with none, Layer.__init__ runs again and
# resets name="mine" and trainable=False to Keras's defaults (the weights stay). The twin calls super().build().
import keras
import numpy as np


class Mlp(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(Mlp, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        super(Mlp, self).__init__()  # LD013

    def call(self, x):
        return x @ self.kernel


class MlpTwin(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        super().build(input_shape)

    def call(self, x):
        return x @ self.kernel


def build_model():
    inputs = keras.Input((3,))
    outputs = MlpTwin(2)(Mlp(3, name="mine", trainable=False)(inputs))
    model = keras.Model(inputs, outputs)
    model(np.ones((1, 3), "float32"))
    return model
