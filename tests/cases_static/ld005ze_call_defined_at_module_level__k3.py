# LD005 unbuilt-sublayer: a Model whose `def call(self, ...)` sits at module level after it (its indentation
# ends the class first; tests/heldout27 IndependentStudies autoencoder): the class has no call()
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, tests/runtime/test_runtime_call_at_module_level.py):
# calling AutoEncoder raises NotImplementedError ("Model AutoEncoder does not have a `call()` method
# implemented") and its encoder stays unbuilt. Twin Indented (call() inside the class) runs and builds it.
import keras
from keras import layers

CASE, TITLE = "LD005ze", "a call() defined at module level, outside its class"


class AutoEncoder(keras.Model):
    def __init__(self, width):
        super().__init__()
        self.encoder = layers.Dense(3, activation="relu")
        self.decoder = layers.Dense(width)

def call(self, inputs):  # LD005
    return self.decoder(self.encoder(inputs))


class Indented(keras.Model):
    def __init__(self, width):
        super().__init__()
        self.encoder = layers.Dense(3, activation="relu")
        self.decoder = layers.Dense(width)

    def call(self, inputs):
        return self.decoder(self.encoder(inputs))


class Base(keras.Model):
    def __init__(self):
        super().__init__()
        self.body = layers.Dense(3)

    def call(self, inputs):
        return self.body(inputs)


class Child(Base):  # (call() inherited from a project base: the stray def below is not its)
    def __init__(self):
        super().__init__()
        self.head = layers.Dense(2)

def call(self, inputs):  # noqa: F811 - (after a class that has a call(): nothing to report)
    return self.head(self.body(inputs))
