"""A trainable "Snake" activation keeps `K.variable(beta)` and appends it to `self._trainable_weights`.

The activations module of a U-Net collection defines `Snake(beta, trainable)`: `build()` makes
`self.beta_factor = K.variable(self.beta, ...)` with `tensorflow.keras.backend` and, when trainable,
does `self._trainable_weights.append(self.beta_factor)`. Ported unchanged to Keras 3 (tf.keras now
resolves to Keras 3, whose `K.variable` returns a plain `tf.Variable`).
"""

SOURCE = "https://github.com/yingkaisha/keras-unet-collection/blob/main/keras_unet_collection/activations.py"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld006_snake_beta_backend_variable_private_append.py:
build_model() raised AttributeError: 'Snake' object has no attribute '_trainable_weights'"""

import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow import keras


def snake(x, beta):
    return x + (1.0 / beta) * tf.square(tf.sin(beta * x))


class Snake(keras.layers.Layer):
    def __init__(self, beta=0.5, trainable=False, **kwargs):
        super().__init__(**kwargs)
        self.beta = beta
        self.trainable = trainable

    def build(self, input_shape):
        self.beta_factor = K.variable(self.beta, dtype=K.floatx(), name="beta_factor")
        if self.trainable:
            self._trainable_weights.append(self.beta_factor)
        super().build(input_shape)

    def call(self, inputs):
        return snake(inputs, self.beta_factor)


def build_model():
    inputs = keras.Input((16, 16, 1))
    x = keras.layers.Conv2D(4, 3, padding="same")(inputs)
    x = Snake(beta=0.5, trainable=True)(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
