"""Fixed twin of ld011_untracked_container.py: the container is a Layer, so Keras tracks it."""

import keras
from keras import ops


class Heads(keras.layers.Layer):
    """The task heads, as a Layer: its sublayers are tracked through the attributes."""

    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.classifier = keras.layers.Dense(num_classes)
        self.regressor = keras.layers.Dense(1)

    def call(self, inputs):
        return ops.concatenate([self.classifier(inputs), self.regressor(inputs)], axis=-1)


class MultiTaskHead(keras.layers.Layer):
    def __init__(self, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.heads = Heads(num_classes)

    def call(self, inputs):
        return self.heads(inputs)


def build_model():
    inputs = keras.Input((4,))
    outputs = MultiTaskHead()(inputs)
    return keras.Model(inputs, outputs)
