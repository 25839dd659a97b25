"""The tf.keras Lambda docs' recommended fix, `ScaleLayer` with `self.scale = tf.Variable(1.)`, on Keras 3.

After warning that `Lambda(lambda x: x * scale)` does not track an outside `tf.Variable`, the
tf.keras Lambda page recommends a subclassed layer that assigns `self.scale = tf.Variable(1.)` in
`__init__`. That was tracked by tf.keras 2, but on Keras 3 (what `tf.keras` resolves to on
TF 2.16+) a raw `tf.Variable` on a layer is not a Keras weight: the "fixed" layer still has 0
params and its scale is never trained. Code copied in the docs' style.
"""

SOURCE = "https://tensorflow.org/versions/r2.14/api_docs/python/tf/keras/layers/Lambda?authuser=7"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, tf.keras -> Keras 3):
count_params() == 20 (the Dense only); ScaleLayer.weights == [] although self.scale is a
tf.Variable used in call(); it is not in model.trainable_weights, so fit never updates it; no
warning or error."""

import tensorflow as tf


class ScaleLayer(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale = tf.Variable(1.)

    def call(self, inputs):
        return inputs * self.scale


def build_model():
    inputs = tf.keras.Input((4,))
    x = tf.keras.layers.Dense(4)(inputs)
    outputs = ScaleLayer()(x)
    return tf.keras.Model(inputs, outputs)
