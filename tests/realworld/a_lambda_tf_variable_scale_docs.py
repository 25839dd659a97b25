"""tf.keras docs' own warning: `Lambda(lambda x: x * scale)` with an outside `tf.Variable` scale.

The `tf.keras.layers.Lambda` API page warns that with `scale = tf.Variable(1.)` and
`scale_layer = tf.keras.layers.Lambda(lambda x: x * scale)` the variable does not appear in
`scale_layer.trainable_weights` and is not trained. Written the way tf.keras 2 users wrote it
(`import tensorflow as tf`, `tf.keras.*`), which on TF 2.21 resolves to Keras 3.
"""

SOURCE = "https://tensorflow.org/versions/r2.14/api_docs/python/tf/keras/layers/Lambda?authuser=7"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, tf.keras -> Keras 3):
model.count_params() == 33 (the two Dense layers); the captured tf.Variable `scale` is not in
model.weights nor scale_layer.trainable_weights; it is used in the forward pass but the optimizer
never sees it; no warning (tf.keras 2 logged 'Variables were used a Lambda layer's call')."""

import tensorflow as tf

scale = tf.Variable(1.0)
scale_layer = tf.keras.layers.Lambda(lambda x: x * scale)


def build_model():
    model = tf.keras.Sequential(
        [
            tf.keras.Input(shape=(6,)),
            tf.keras.layers.Dense(4, activation="relu"),
            scale_layer,
            tf.keras.layers.Dense(1),
        ]
    )
    return model
