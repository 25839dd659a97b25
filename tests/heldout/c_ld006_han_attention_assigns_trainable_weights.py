"""A HAN attention layer from the Keras 1/2 era that assigns `self.trainable_weights = [W, b, u]` in `build()`.

The document-classification notebook fails on Colab with `AttributeError: Can't set the attribute
"trainable_weights"` as soon as the model is built. Ported with its backend variables as
`tf.Variable`s, as `K.variable` was on the TensorFlow backend.
"""

SOURCE = "https://github.com/luisfredgs/cnn-hierarchical-network-for-document-classification/issues/5"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld006_han_attention_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'AttentionWithContext' object has no setter"""

import tensorflow as tf
import keras
from keras import ops


class AttentionWithContext(keras.layers.Layer):
    def __init__(self, attention_dim=100, **kwargs):
        super().__init__(**kwargs)
        self.attention_dim = attention_dim

    def build(self, input_shape):
        init = keras.initializers.GlorotNormal()
        self.W = tf.Variable(init((input_shape[-1], self.attention_dim)), name="W")
        self.b = tf.Variable(tf.zeros((self.attention_dim,)), name="b")
        self.u = tf.Variable(init((self.attention_dim, 1)), name="u")
        self.trainable_weights = [self.W, self.b, self.u]

    def call(self, x):
        uit = ops.tanh(ops.matmul(x, self.W) + self.b)
        ait = ops.softmax(ops.squeeze(ops.matmul(uit, self.u), -1), axis=-1)
        return ops.sum(x * ops.expand_dims(ait, -1), axis=1)


def build_model():
    inputs = keras.Input((20, 50))
    x = keras.layers.Bidirectional(keras.layers.GRU(25, return_sequences=True))(inputs)
    x = AttentionWithContext()(x)
    return keras.Model(inputs, keras.layers.Dense(5, activation="softmax")(x))
