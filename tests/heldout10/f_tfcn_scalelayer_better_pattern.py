"""The docs' "better pattern" for a learnable scale, `self.scale = tf.Variable(1.)` in `__init__`, silently untrained on Keras 3.

The TF 2.7 `tf.keras.layers.Lambda` page warns that a Lambda does not track an outside
`tf.Variable` and recommends a subclassed `ScaleLayer` that stores `tf.Variable(1.)` on `self`
instead. That advice holds for tf.keras 2; on Keras 3 a `tf.Variable` attribute is not a Keras
weight. Here the recommended layer is used as a learnable temperature on the logits of a small
classifier: the model reports only the Dense parameters and the scale is never in
`trainable_weights`, although the tape watches it.
"""

SOURCE = "https://tensorflow.google.cn/versions/r2.7/api_docs/python/tf/keras/layers/Lambda?authuser=19"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py f_tfcn_scalelayer_better_pattern.py:
as returned: Functional, count_params() = 837, 4 weights, unbuilt: none
after call: count_params() = 837, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'scale_layer': 0}
second call: 0 variables watched that the first call did not use
"""

import tensorflow as tf


class ScaleLayer(tf.keras.layers.Layer):
    def __init__(self):
        super(ScaleLayer, self).__init__()
        self.scale = tf.Variable(1.)

    def call(self, inputs):
        return inputs * self.scale


def classifier(num_features=20, num_classes=5):
    inputs = tf.keras.Input(shape=(num_features,))
    h = tf.keras.layers.Dense(32, activation="relu")(inputs)
    logits = tf.keras.layers.Dense(num_classes)(h)
    logits = ScaleLayer()(logits)  # learnable temperature
    probs = tf.keras.layers.Softmax()(logits)
    return tf.keras.Model(inputs, probs)


def build_model():
    return classifier()
