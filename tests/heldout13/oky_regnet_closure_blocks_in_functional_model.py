"""RegNet-style backbone written with closure blocks (`def XBlock(...): def apply(x): ...; return apply`) wired into a functional model.

KerasCV's RegNet built every stage from closure-style blocks: each factory creates its Conv2D /
BatchNormalization layers and returns `apply(inputs)`, and the model is assembled functionally
(`x = Stage(...)(x)`).  The maintainers later rewrote the closures for style reasons ("remove
closures"), which invites the suspicion that the closures lose weights like a closure stored on
a subclassed model does.  In a functional graph every layer the closures call on symbolic
tensors is a node of the model, so all weights are tracked.
"""

SOURCE = "https://github.com/keras-team/keras-cv/issues/1428"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oky_regnet_closure_blocks_in_functional_model.py:
as returned: Functional, count_params() = 11933, 62 weights, unbuilt: none
after call: count_params() = 11933, 38 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 38 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
All 38 trainable weights (12 bias-free conv kernels, 12 BatchNormalization gamma/beta pairs, Dense kernel+bias) get a gradient and the 24 BN moving statistics are counted: the closures only wire layers into the functional graph, so nothing is held outside the model. The two tf.function retracing warnings come from the grouped 3x3 convolutions, not from tracking."""

from tensorflow import keras
from tensorflow.keras import layers


def Stem(filters=8, name="stem"):
    def apply(x):
        x = layers.Conv2D(filters, 3, strides=2, padding="same", use_bias=False, name=name + "_conv")(x)
        x = layers.BatchNormalization(momentum=0.9, epsilon=1e-5, name=name + "_bn")(x)
        return layers.ReLU(name=name + "_relu")(x)
    return apply


def XBlock(filters_in, filters_out, group_width, stride=1, name=None):
    if name is None:
        name = str(keras.backend.get_uid("xblock"))

    def apply(inputs):
        if filters_in != filters_out and stride == 1:
            raise ValueError("Input filters and output filters are not equal for stride 1")
        groups = filters_out // group_width
        if stride != 1:
            skip = layers.Conv2D(filters_out, 1, strides=stride, use_bias=False, name=name + "_skip_conv")(inputs)
            skip = layers.BatchNormalization(name=name + "_skip_bn")(skip)
        else:
            skip = inputs
        x = layers.Conv2D(filters_out, 1, use_bias=False, name=name + "_conv_1x1_1")(inputs)
        x = layers.BatchNormalization(name=name + "_bn_1")(x)
        x = layers.ReLU(name=name + "_relu_1")(x)
        x = layers.Conv2D(filters_out, 3, strides=stride, groups=groups, padding="same",
                          use_bias=False, name=name + "_conv_3x3")(x)
        x = layers.BatchNormalization(name=name + "_bn_2")(x)
        x = layers.ReLU(name=name + "_relu_2")(x)
        x = layers.Conv2D(filters_out, 1, use_bias=False, name=name + "_conv_1x1_2")(x)
        x = layers.BatchNormalization(name=name + "_bn_3")(x)
        return layers.ReLU(name=name + "_exit_relu")(x + skip)
    return apply


def Stage(block_fn, depth, group_width, filters_in, filters_out, name=None):
    def apply(inputs):
        x = block_fn(filters_in, filters_out, group_width, stride=2, name=f"{name}_XBlock_0")(inputs)
        for i in range(1, depth):
            x = block_fn(filters_out, filters_out, group_width, name=f"{name}_XBlock_{i}")(x)
        return x
    return apply


def RegNet(depths=(1, 2), widths=(16, 32), group_width=8, num_classes=5, input_shape=(32, 32, 3)):
    img_input = layers.Input(shape=input_shape)
    x = Stem(name="regnet_stem")(img_input)
    in_channels = 8
    for num_stage in range(len(depths)):
        x = Stage(XBlock, depths[num_stage], group_width, in_channels, widths[num_stage],
                  name=f"regnet_Stage_{num_stage}")(x)
        in_channels = widths[num_stage]
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    x = layers.Dense(num_classes, name="predictions")(x)
    return keras.Model(img_input, x, name="regnet")


def build_model():
    return RegNet()
