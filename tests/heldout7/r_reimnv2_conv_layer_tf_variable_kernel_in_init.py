"""Reimnv2's `conv_layer` (a `keras.layers.Layer`) stores its convolution kernel as a `tf.Variable` built in `__init__` from a passed-in initializer: on Keras 3 the model has no trainable conv weights.

aapowadi/Reimnv2 (pose/segmentation research models, TF2) keeps a small "model sub-class" layer
library in `models/m_sub/`: `conv_layer(kernel_size, n_channels, n_filters, strides,
kernel_initializer, ...)` calls `super().__init__()`, sets its settings (including
`self.trainable`), and then creates `self.w = tf.Variable(kernel_initializer(shape=(*kernel_size,
n_channels, n_filters)), trainable=self.trainable, name=wname)`; `call()` runs `tf.nn.conv2d` with
it. The subclassed network stacks these layers. tf.keras 2 tracked the `tf.Variable`; Keras 3
does not: the conv kernels are read by every call but counted nowhere and never trained.
"""

SOURCE = "https://github.com/aapowadi/Reimnv2/blob/1e1c14b3d1c1326ae650a93b783ef21b197689b5/Reimnv2/models/m_sub/conv_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/r_reimnv2_conv_layer_tf_variable_kernel_in_init.py:
as returned: SegNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['conv_layer:conv_layer', 'conv_layer:conv_layer_1', 'Conv2D:conv2d']
after call: count_params() = 51, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['w1:0', 'w2:0']
params of the case's own layers: {'conv_layer': 0, 'conv_layer_1': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class conv_layer(keras.layers.Layer):
    """
    Model sub-class
    """

    def __init__(self, kernel_size, n_channels, n_filters, strides, kernel_initializer, padding="SAME",
                 wname="kernel", trainable=True):
        super(conv_layer, self).__init__()
        self.n_filters = n_filters
        self.strides = strides
        self.kernel_size = kernel_size
        self.kernel_initializer = kernel_initializer
        self.n_channels = n_channels
        self.w = None
        self.padding = padding
        self.wname = wname
        self.trainable = trainable
        self.w = tf.Variable(
            initial_value=self.kernel_initializer(shape=(*self.kernel_size, self.n_channels, self.n_filters),
                                                  dtype="float32"),
            trainable=self.trainable, name=self.wname, dtype=tf.float32)

    def call(self, X, trainable=True):
        return tf.nn.conv2d(X, self.w, self.strides, padding=self.padding)


class SegNet(keras.Model):
    def __init__(self, n_classes=3):
        super().__init__()
        init = keras.initializers.GlorotUniform(seed=0)
        self.conv1 = conv_layer((3, 3), 3, 8, 1, init, wname="w1")
        self.conv2 = conv_layer((3, 3), 8, 16, 1, init, wname="w2")
        self.head = keras.layers.Conv2D(n_classes, 1)

    def call(self, x):
        x = tf.nn.relu(self.conv1(x))
        x = tf.nn.relu(self.conv2(x))
        return self.head(x)


def build_model():
    model = SegNet()
    x = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    return model, x
