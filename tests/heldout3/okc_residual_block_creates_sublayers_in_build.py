"""A residual block creates its batch-norm and convolution sublayers in `build()` from the input shape.

The report (a course exercise, TF 2.2) writes `FiltersChangeResidualBlock` whose `build(input_shape)`
creates `BatchNormalization` and `Conv2D` sublayers, the first conv sized by the input channels,
and whose `call()` applies them. Creating sublayers in `build()` is a legitimate place: Keras 3
tracks them, builds them on the first call and counts all their weights.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/39687"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_residual_block_creates_sublayers_in_build.py:
as returned: Functional, count_params() = 246, 16 weights, unbuilt: none
after call: count_params() = 246, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'filters_change_residual_block': 236}
second call: 0 variables watched that the first call did not use"""

import keras


class FiltersChangeResidualBlock(keras.layers.Layer):
    def __init__(self, out_filters, **kwargs):
        super().__init__(**kwargs)
        self.out_filters = out_filters

    def build(self, input_shape):
        self.bn1 = keras.layers.BatchNormalization()
        self.conv1 = keras.layers.Conv2D(input_shape[-1], (3, 3), padding="same")
        self.bn2 = keras.layers.BatchNormalization()
        self.conv2 = keras.layers.Conv2D(self.out_filters, (3, 3), padding="same")
        self.conv3 = keras.layers.Conv2D(self.out_filters, (1, 1))

    def call(self, inputs, training=False):
        h = self.conv1(keras.ops.relu(self.bn1(inputs, training=training)))
        h = self.conv2(keras.ops.relu(self.bn2(h, training=training)))
        return h + self.conv3(inputs)


def build_model():
    inputs = keras.Input((8, 8, 3))
    x = FiltersChangeResidualBlock(4)(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(2)(x))
