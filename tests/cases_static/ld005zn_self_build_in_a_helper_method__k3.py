# LD005 unbuilt-sublayer: a model's own method calls self.build(shape) and the model has Keras's default build()
import keras
from keras import layers

CASE, TITLE = "LD005zn", "self.build(shape) in a helper method of a model with no build(): sublayers stay unbuilt"
FEATURES = 3
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases.py): after Net(...).build_net(), built is True and
# count_params() is 0 (Keras warns "does not have a `build()` method implemented and it looks like it has unbuilt
# state"); after BuiltNet(...).build_net() and CalledNet(...).build_net() every Dense has its weights.


class Net(keras.Model):
    """XPPBE's physics-informed network: build_net() runs before summary() and load_weights()."""

    def __init__(self, input_shape=(None, 3), **kwargs):
        super().__init__(**kwargs)
        self.input_shape_n = input_shape
        self.hidden = layers.Dense(16, activation="tanh")
        self.out = layers.Dense(1)

    def build_net(self):
        self.build(self.input_shape_n)  # LD005

    def call(self, x):
        return self.out(self.hidden(x))


class BuiltNet(keras.Model):
    """Correct: its own build() builds the sublayers that self.build() then reaches."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(16, activation="tanh")
        self.out = layers.Dense(1)

    def build(self, input_shape):
        self.hidden.build(input_shape)
        self.out.build((input_shape[0], 16))

    def build_net(self):
        self.build((None, 3))

    def call(self, x):
        return self.out(self.hidden(x))


class CalledNet(keras.Model):
    """Correct: the helper calls the model on data after build()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(16, activation="tanh")
        self.out = layers.Dense(1)

    def build_net(self):
        self.build((None, 3))
        self(keras.ops.zeros((1, 3)))

    def call(self, x):
        return self.out(self.hidden(x))
