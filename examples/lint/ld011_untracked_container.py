"""LD011 untracked-container: the heads live in a plain Python object.

Keras looks for sublayers in the layer's attributes, lists and dicts, not inside other
objects. Both heads compute, but they are not counted (0 parameters), not trained and not saved.
"""

import keras
from keras import ops


class Heads:
    """A plain container (not a Layer) for the task heads."""

    def __init__(self, num_classes):
        self.classifier = keras.layers.Dense(num_classes)
        self.regressor = keras.layers.Dense(1)


class MultiTaskHead(keras.layers.Layer):
    def __init__(self, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.heads = Heads(num_classes)  # LD011

    def call(self, inputs):
        return ops.concatenate([self.heads.classifier(inputs), self.heads.regressor(inputs)], axis=-1)


def build_model():
    inputs = keras.Input((4,))
    outputs = MultiTaskHead()(inputs)
    return keras.Model(inputs, outputs)
