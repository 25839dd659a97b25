"""A grouped-convolution layer keeps three Conv2D units in a list but builds and calls only two of them.

In tensorflow/tensorflow#41021 (TF 2.2) a user wrote `NestedLayers`, a hand-made grouped
convolution: `self.units` is a list of three named Conv2D layers, `build()` builds the units one by
one with a per-group input shape (`unit_input_shape[-1] = 1`, inside a `tf.name_scope` to get
unique weight names for h5 saving), and `call()` splits the input channels into three groups and
runs the units over them - but both loops stop at `range(0, 2)`. The third unit, `conv_2d_2`, is
tracked (it sits in a tracked list) yet never built and never called: on Keras 3 it stays unbuilt
with no weights, the third channel group is silently dropped, and a checkpoint or weight count
taken from the model is missing the group the author created.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/41021"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py c_ld005_grouped_conv_nested_layers_third_unit_never_built.py:
as returned: Functional, count_params() = 288330, 6 weights, unbuilt: ['Conv2D:conv_2d_2']
after call: count_params() = 288330, 6 trainable weights, unbuilt: ['Conv2D:conv_2d_2']; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'nested_layers': 320}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers


class NestedLayers(tf.keras.layers.Layer):
    def __init__(self):
        super(NestedLayers, self).__init__()
        self.units = [
            layers.Conv2D(16, (3, 3), name="conv_2d_0"),
            layers.Conv2D(16, (3, 3), name="conv_2d_1"),
            layers.Conv2D(16, (3, 3), name="conv_2d_2"),
        ]

    def build(self, input_shape):
        for i in range(0, 2):
            unit_input_shape = list(input_shape)
            unit_input_shape[-1] = 1
            unit = self.units[i]
            with tf.name_scope("BUILD_{}".format(i)):
                unit.build(unit_input_shape)

    def call(self, inputs):
        split_inputs = tf.split(value=inputs, num_or_size_splits=3, axis=-1, name="conv_grp_split")
        outputs = []
        for i in range(0, 2):
            out = self.units[i](split_inputs[i])
            outputs.append(out)
        return tf.keras.layers.concatenate(outputs, axis=-1, name="conv_grp_concat")


def build_model():
    inputs = tf.keras.Input(shape=(32, 32, 3))
    x = NestedLayers()(inputs)
    x = layers.Flatten()(x)
    outputs = layers.Dense(10)(x)
    model = tf.keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model
