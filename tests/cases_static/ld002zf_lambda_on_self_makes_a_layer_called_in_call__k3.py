# LD002 state-created-in-call: a lambda stored in __init__ that makes a layer, called in call()
from keras import layers

CASE, TITLE = "LD002zf", "a lambda on self that makes a layer, called in call(): a new layer every call"
# Measured on Keras 3.15.1 + TF 2.21 (a probe calling each layer twice on a (2, 8, 8, 4) input): Transition
# owns 0 weights after both calls (the Conv2D each call makes is dropped); Resolved owns its Conv2D's 2 weights
# from the first call on and makes no new one; Scaled's lambda makes no layer (its Dense keeps 2 weights).


class Transition(layers.Layer):
    def __init__(self, reduction, **kwargs):
        super().__init__(**kwargs)
        self.conv = lambda n: layers.Conv2D(int(n * reduction), 1)
        self.pool = layers.AveragePooling2D(2)

    def call(self, x):
        return self.pool(self.conv(x.shape[-1])(x))  # LD002


class Resolved(layers.Layer):
    """Correct: build() calls the lambda once and keeps the layer it makes."""

    def __init__(self, reduction, **kwargs):
        super().__init__(**kwargs)
        self.conv = lambda n: layers.Conv2D(int(n * reduction), 1)

    def build(self, input_shape):
        self.conv = self.conv(input_shape[-1])
        self.conv.build(input_shape)

    def call(self, x):
        return self.conv(x)


class Scaled(layers.Layer):
    """Correct: the stored lambda computes, it makes no layer."""

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.scale = lambda t: t * factor
        self.dense = layers.Dense(4)

    def call(self, x):
        return self.scale(self.dense(x))
