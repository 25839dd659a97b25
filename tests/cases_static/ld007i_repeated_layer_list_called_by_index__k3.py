# LD007 shared-layer: a list of layers made by list repetition in __init__, its items called by index in call()
from keras import layers

CASE, TITLE = "LD007i", "items of a repeated layer list called by index in call(): every index is one instance"
# Measured on Keras 3.15.1 + TF 2.21 (a probe calling each layer once on a (2, 8, 8, 4) input): Block's
# self.norms holds 3 entries but 1 BatchNormalization (4 weights in all); OwnNorms holds 3 distinct ones
# (12 weights); the activations repeated in Block have no weights.


class Block(layers.Layer):
    def __init__(self, filters, depth=3, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        self.convs = [layers.Conv2D(filters, 3, padding="same") for _ in range(depth)]
        self.acts = [layers.LeakyReLU()] * depth
        self.norms = None
        if filters > 1:
            self.norms = [layers.BatchNormalization()] * depth  # LD007

    def call(self, x, training=None):
        for i in range(self.depth):
            x = self.convs[i](x)
            x = self.norms[i](x, training=training)
            x = self.acts[i](x)
        return x


class OwnNorms(layers.Layer):
    """Correct: one BatchNormalization per position."""

    def __init__(self, filters, depth=3, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        self.convs = [layers.Conv2D(filters, 3, padding="same") for _ in range(depth)]
        self.norms = [layers.BatchNormalization() for _ in range(depth)]
        self.acts = [layers.ReLU()] * depth

    def call(self, x, training=None):
        for i in range(self.depth):
            x = self.acts[i](self.norms[i](self.convs[i](x), training=training))
        return x


class FirstOnly(layers.Layer):
    """Correct: only the first item of the repeated list is ever called, once."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = [layers.Dense(4)] * 2

    def call(self, x):
        return self.heads[0](x)
