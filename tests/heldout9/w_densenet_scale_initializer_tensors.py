"""DenseNet `Scale` layer gets gamma/beta by calling the initializers, which return tensors, not variables.

flyyufelix/DenseNet-Keras issue #8 ("Not working with keras 2.0.5 and tf 1.2.1"; loading the
ImageNet weights fails with "'Tensor' object has no attribute 'assign'"): in that version of
custom_layers.py the `Scale` layer (BatchNorm followed by a learned per-channel scale and shift)
builds `self.gamma = self.gamma_init(shape, name=...)` and `self.beta = self.beta_init(shape, ...)`.
An initializer call returns a tensor, so gamma/beta are constants, and the layer then assigns
`self.trainable_weights = [self.gamma, self.beta]`. The author says he "forgot to erase a line".
Ported to Keras 3 imports, the property assignment raises while the model is built.
"""

SOURCE = "https://github.com/flyyufelix/DenseNet-Keras/issues/8"
CODES = ("LD001", "LD006")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py w_densenet_scale_initializer_tensors.py:
build_model() raised AttributeError: property 'trainable_weights' of 'Scale' object has no setter
own probe (same file with the `self.trainable_weights = [...]` line replaced by `pass`,
/tmp/mine9b/scale_noline.py, through _measure.py): builds, count_params() = 7130 and params of
the case's own layers: {'conv1_scale': 0, 'conv2_1_x1_scale': 0, 'conv2_1_x2_scale': 0,
'conv2_2_x1_scale': 0, 'conv2_2_x2_scale': 0} -- gamma/beta are constant tensors, never weights."""

import keras
import keras.backend as K
from keras.layers import (Activation, BatchNormalization, Concatenate, Conv2D,
                          GlobalAveragePooling2D, Input, InputSpec, Layer, ZeroPadding2D, Dense)
from keras.models import Model

try:
    from keras import initializations
except ImportError:
    from keras import initializers as initializations


class Scale(Layer):
    """Custom Layer for DenseNet used for BatchNormalization: out = in * gamma + beta."""

    def __init__(self, weights=None, axis=-1, momentum=0.9, beta_init="zero", gamma_init="one",
                 **kwargs):
        self.momentum = momentum
        self.axis = axis
        self.beta_init = initializations.get(beta_init)
        self.gamma_init = initializations.get(gamma_init)
        self.initial_weights = weights
        super(Scale, self).__init__(**kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        shape = (int(input_shape[self.axis]),)

        self.gamma = self.gamma_init(shape)
        self.beta = self.beta_init(shape)
        self.trainable_weights = [self.gamma, self.beta]

        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            del self.initial_weights

    def call(self, x, mask=None):
        input_shape = self.input_spec[0].shape
        broadcast_shape = [1] * len(input_shape)
        broadcast_shape[self.axis] = input_shape[self.axis]
        out = keras.ops.reshape(self.gamma, broadcast_shape) * x + keras.ops.reshape(
            self.beta, broadcast_shape)
        return out

    def get_config(self):
        config = {"momentum": self.momentum, "axis": self.axis}
        base_config = super(Scale, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def conv_block(x, stage, branch, nb_filter, eps=1.1e-5):
    conv_name_base = "conv" + str(stage) + "_" + str(branch)
    inter_channel = nb_filter * 4
    x = BatchNormalization(epsilon=eps, name=conv_name_base + "_x1_bn")(x)
    x = Scale(name=conv_name_base + "_x1_scale")(x)
    x = Activation("relu", name="relu" + str(stage) + "_" + str(branch) + "_x1")(x)
    x = Conv2D(inter_channel, 1, name=conv_name_base + "_x1", use_bias=False)(x)
    x = BatchNormalization(epsilon=eps, name=conv_name_base + "_x2_bn")(x)
    x = Scale(name=conv_name_base + "_x2_scale")(x)
    x = Activation("relu", name="relu" + str(stage) + "_" + str(branch) + "_x2")(x)
    x = ZeroPadding2D((1, 1), name=conv_name_base + "_x2_zeropadding")(x)
    x = Conv2D(nb_filter, 3, name=conv_name_base + "_x2", use_bias=False)(x)
    return x


def dense_block(x, stage, nb_layers, nb_filter, growth_rate):
    concat_feat = x
    for i in range(nb_layers):
        branch = i + 1
        x = conv_block(concat_feat, stage, branch, growth_rate)
        concat_feat = Concatenate(axis=-1, name="concat_" + str(stage) + "_" + str(branch))(
            [concat_feat, x])
        nb_filter += growth_rate
    return concat_feat, nb_filter


def DenseNet(nb_dense_block=1, growth_rate=8, nb_filter=16, classes=10):
    img_input = Input(shape=(16, 16, 3), name="data")
    x = Conv2D(nb_filter, 3, padding="same", name="conv1", use_bias=False)(img_input)
    x = BatchNormalization(epsilon=1.1e-5, name="conv1_bn")(x)
    x = Scale(name="conv1_scale")(x)
    x = Activation("relu", name="relu1")(x)
    for block_idx in range(nb_dense_block):
        x, nb_filter = dense_block(x, block_idx + 2, 2, nb_filter, growth_rate)
    x = GlobalAveragePooling2D(name="pool_final")(x)
    x = Dense(classes, activation="softmax", name="fc6")(x)
    return Model(img_input, x, name="densenet")


def build_model():
    return DenseNet()
