"""A physics-guided NN's Adder/Concat layers set `self.name` and never call `super().__init__()`.

In phygnn's custom layers the simple `Sup3rAdder`/`Sup3rConcat` layers (which add or concatenate a
high-resolution side input) had an `__init__` that only stored the name; the fix added
`super().__init__(name=name)`. The layers are used inside a subclassed model with a custom
training loop.
"""

SOURCE = "https://github.com/NatLabRockies/phygnn/pull/43"
CODES = ("LD013",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
construction succeeds (self.name = name is accepted and SuperRes tracks the layers); the first forward
pass inside the GradientTape raises AttributeError: 'Sup3rAdder' object has no attribute '_losses'
(from Layer._clear_losses), not the usual "you forgot to call super().__init__()" message."""

import tensorflow as tf
from tensorflow import keras


class Sup3rAdder(keras.layers.Layer):
    """Layer to add a high-resolution feature to the network."""

    def __init__(self, name=None):
        self.name = name

    @staticmethod
    def call(x, hi_res_adder):
        return x + hi_res_adder


class Sup3rConcat(keras.layers.Layer):
    """Layer to concatenate a high-resolution feature."""

    def __init__(self, name=None):
        self.name = name

    @staticmethod
    def call(x, hi_res_feature):
        return tf.concat((x, hi_res_feature), axis=-1)


class SuperRes(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = keras.layers.Conv2D(4, 3, padding="same")
        self.adder = Sup3rAdder(name="topography_adder")
        self.concat = Sup3rConcat(name="topography_concat")
        self.out = keras.layers.Conv2D(1, 1)

    def call(self, x, hi_res):
        x = self.adder(self.conv(x), hi_res)
        return self.out(self.concat(x, hi_res))


def build_model():
    model = SuperRes()
    x = tf.random.normal((2, 8, 8, 2), seed=0)
    hr = tf.random.normal((2, 8, 8, 4), seed=1)
    optimizer = keras.optimizers.Adam(1e-3)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x, hr)))
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(grads, model.trainable_weights))
    return model
