"""Nested layers that call `self.add_weight(shape=(1,))` in `__init__`, next to sublayers.

The Keras PR fixing variable paths for weights added in `__init__` used layers A/B/C where B creates
`var_b` with `add_weight` in its constructor and also owns a sublayer. A weight in `__init__` looks
like a weight sized by hand, but its shape comes from the layer's own configuration, not from the input: correct code.
"""

SOURCE = "https://github.com/keras-team/keras/pull/19853"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
A()(x) with x of shape (2, 3): A has 3 weights (B.var_b (1,), two C.var_c (1,)), count_params() == 3,
all in A.trainable_weights with non-None gradients; no warning."""

import keras
from keras import ops


class C(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.var_c = self.add_weight(shape=(1,), name="var_c", initializer="ones")

    def call(self, inputs):
        return inputs * self.var_c


class B(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.c = C()
        self.var_b = self.add_weight(shape=(1,), name="var_b", initializer="ones")

    def call(self, inputs):
        return self.c(inputs) + self.var_b


class A(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.b = B()
        self.c = C()

    def call(self, inputs):
        return self.c(self.b(inputs))


def build_model():
    layer = A()
    x = ops.ones((2, 3))
    layer(x)
    return layer, x
