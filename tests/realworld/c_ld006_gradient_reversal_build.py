"""Gradient-reversal layer for domain adaptation clears its weights with `self.trainable_weights = []`.

The widely copied DANN gradient-reversal layer has no weights and "declares" that in `build()` by
assigning an empty list to `trainable_weights`. On TF 2 (tf.keras) users got "Can't set the attribute
'trainable_weights'"; the suggested rename to `_trainable_weights` then broke on Keras 3, where the
property has no setter and the private list does not exist.
"""

SOURCE = "https://github.com/michetonu/gradient_reversal_keras_tf/issues/8"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
build_model() raises while wiring the functional model (first call builds the layer):
AttributeError: property 'trainable_weights' of 'GradientReversal' object has no setter."""

import tensorflow as tf
import keras
from keras import layers


def reverse_gradient(x, hp_lambda):
    @tf.custom_gradient
    def _flip(t):
        def grad(dy):
            return -hp_lambda * dy
        return tf.identity(t), grad
    return _flip(x)


class GradientReversal(layers.Layer):
    """Flips the sign of the gradient during training."""

    def __init__(self, hp_lambda, **kwargs):
        super(GradientReversal, self).__init__(**kwargs)
        self.supports_masking = False
        self.hp_lambda = hp_lambda

    def build(self, input_shape):
        self.trainable_weights = []

    def call(self, x, mask=None):
        return reverse_gradient(x, self.hp_lambda)

    def get_config(self):
        config = super().get_config()
        config["hp_lambda"] = self.hp_lambda
        return config


def build_model():
    inputs = keras.Input((16,))
    features = layers.Dense(8, activation="relu")(inputs)
    label_out = layers.Dense(3, activation="softmax", name="label")(features)
    flipped = GradientReversal(hp_lambda=0.3)(features)
    domain_out = layers.Dense(1, activation="sigmoid", name="domain")(flipped)
    return keras.Model(inputs, [label_out, domain_out])
