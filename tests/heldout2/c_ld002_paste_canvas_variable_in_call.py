"""A box-painting layer between a generator and a discriminator makes a fresh `tf.Variable` canvas on every call.

The report's `ImagePaste` layer turns predicted box corners into a square image: `call()` builds
`canvas = tf.Variable(tf.ones([batch, 72, 72, 3]))` and writes into it, and training the GAN then fails
with "No gradients provided for any variable". Rewritten: the canvas is a local `tf.Variable` created
inside `call()` and filled with a box-shaped mask from the coordinates. On Keras 3 wiring the
functional model fails: the full message says the variable's `initial_value` "could not be lifted out
of a `tf.function`".
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/42244"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld002_paste_canvas_variable_in_call.py:
build_model() raised ValueError: Exception encountered when calling BoxPaste.call()."""

import keras
import tensorflow as tf

CANVAS = 12


class BoxPaste(keras.layers.Layer):
    def call(self, corners):
        batch = tf.shape(corners)[0]
        canvas = tf.Variable(tf.ones([batch, CANVAS, CANVAS]), trainable=False)
        grid = tf.cast(tf.range(CANVAS), "float32") / CANVAS
        rows = tf.sigmoid(50.0 * (grid[None, :] - corners[:, 0:1])) * tf.sigmoid(50.0 * (corners[:, 2:3] - grid[None, :]))
        cols = tf.sigmoid(50.0 * (grid[None, :] - corners[:, 1:2])) * tf.sigmoid(50.0 * (corners[:, 3:4] - grid[None, :]))
        canvas.assign(canvas * rows[:, :, None] * cols[:, None, :])
        return canvas[..., None]


def build_model():
    noise = keras.Input((8,))
    corners = keras.layers.Dense(4, activation="sigmoid")(noise)
    image = BoxPaste()(corners)
    x = keras.layers.Flatten()(image)
    return keras.Model(noise, keras.layers.Dense(1)(x))
