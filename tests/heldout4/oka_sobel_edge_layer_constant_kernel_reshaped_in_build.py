"""Correct: an edge-detection layer keeps a fixed Sobel kernel from `tf.constant` in `__init__` and reshapes it in `build()`.

The post on custom convolution operations starts with `EdgeDetectionLayer`: `self.kernel =
tf.constant([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])` in `__init__`, then `self.kernel =
tf.reshape(self.kernel, (3, 3, 1, 1))` in `build()`, and `tf.nn.conv2d` with it in `call()`. A raw
tensor named `kernel` on `self`, overwritten by a tensor derived from itself, looks like untracked
state and a shadowed weight; but the Sobel filter is meant to be fixed: it is a constant buffer,
nothing is supposed to train it, and the trainable head after it trains normally.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/how-can-a-custom-convolution-operation-be-implemented.md"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_sobel_edge_layer_constant_kernel_reshaped_in_build.py:
as returned: Functional, count_params() = 514, 2 weights, unbuilt: none
after call: count_params() = 514, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'edge_detection_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


class EdgeDetectionLayer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.kernel = tf.constant([[-1, -2, -1],
                                   [0, 0, 0],
                                   [1, 2, 1]], dtype=tf.float32)

    def build(self, input_shape):
        self.kernel = tf.reshape(self.kernel, (3, 3, 1, 1))
        self.built = True

    def call(self, inputs):
        inputs = tf.expand_dims(tf.cast(inputs, tf.float32), -1)
        output = tf.nn.conv2d(inputs, self.kernel, strides=[1, 1, 1, 1], padding="SAME")
        return tf.squeeze(output, axis=-1)


def build_model():
    image = keras.Input(shape=(16, 16))
    edges = EdgeDetectionLayer()(image)
    features = keras.layers.Flatten()(edges)
    return keras.Model(image, keras.layers.Dense(2, activation="softmax")(features))
