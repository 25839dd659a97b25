"""LD013 super-init-missing-or-late: a sublayer is assigned before super().__init__().

Works on the TensorFlow and JAX backends, but on the torch backend (every Keras layer is a
torch.nn.Module) it raises "cannot assign module before Module.__init__() call".
"""

import keras


class Encoder(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        self.dense = keras.layers.Dense(units, activation="relu")  # LD013
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        return self.dense(inputs)


def build_model():
    inputs = keras.Input((4,))
    outputs = Encoder(3)(inputs)
    return keras.Model(inputs, outputs)
