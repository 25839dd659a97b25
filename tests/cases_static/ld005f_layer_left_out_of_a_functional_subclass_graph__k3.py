# LD005 unbuilt-sublayer: a functional-API Model subclass stores a layer its wired graph never calls
import keras
from keras import layers

CASE, TITLE = "LD005f", "a final norm stored on self in a functional subclass's __init__ but left out of the graph"
FEATURES = 6


class Encoder(keras.Model):
    def __init__(self, width=8, **kwargs):
        self.body = layers.Dense(width, name="body")  # LD013 (a sublayer before super().__init__: torch raises)
        self.final_norm = layers.LayerNormalization(name="final_norm")  # LD005  # LD013
        inputs = keras.Input((FEATURES,))
        outputs = self.body(inputs)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)


class WiredEncoder(keras.Model):
    """Correct: the norm is part of the graph (the layers are stored after super().__init__())."""

    def __init__(self, width=8, **kwargs):
        body = layers.Dense(width, name="body")
        final_norm = layers.LayerNormalization(name="final_norm")
        inputs = keras.Input((FEATURES,))
        super().__init__(inputs=inputs, outputs=final_norm(body(inputs)), **kwargs)
        self.body = body
        self.final_norm = final_norm


class UnwiredAfterSuper(keras.Model):
    def __init__(self, width=8, **kwargs):
        body = layers.Dense(width, name="body")
        final_norm = layers.LayerNormalization(name="final_norm")
        inputs = keras.Input((FEATURES,))
        super().__init__(inputs=inputs, outputs=body(inputs), **kwargs)
        self.body = body
        self.final_norm = final_norm  # LD005


class HeadLater(keras.Model):
    """Correct: the head is kept for a method that callers run on the encoder's output."""

    def __init__(self, width=8, **kwargs):
        body = layers.Dense(width, name="body")
        inputs = keras.Input((FEATURES,))
        super().__init__(inputs, body(inputs), **kwargs)
        self.head = layers.Dense(2, name="head")

    def classify(self, features):
        return self.head(features)


def make_encoder():
    return Encoder()


def make_wired_encoder():
    return WiredEncoder()


def make_unwired_after_super():
    return UnwiredAfterSuper()


def make_head_later():
    return HeadLater()
