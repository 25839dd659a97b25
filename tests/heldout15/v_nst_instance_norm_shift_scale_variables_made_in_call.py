"""A fast neural-style-transfer network (Johnson et al.) whose `InstanceNormalization` layer makes
its `shift` and `scale` as fresh `tf.Variable`s inside `call()`, on every call.

The project is a Keras 3 one (`keras.saving.register_keras_serializable`, `tf.keras` = Keras 3): a
subclassed `StyleTransferModel` of `ConvLayer`s (reflection padding -> Conv2D -> instance norm),
residual layers and upsampling layers. The instance-norm affine parameters are created as local
variables in `call()`, so each forward pass gets new ones (zeros / ones): nothing is tracked on the
layer, nothing is trained, nothing is saved, and the normalization is the plain un-scaled one. Keras
says nothing on eager calls; inside a traced `fit` step TensorFlow refuses to create the variables.

Porting edits: imports from `keras` directly; the network shrunk to the layers that show the defect
(conv 9x9/3x3 down, one residual layer, one 3x3 output conv; filters 8/16 instead of 32..128); the
UpsampleLayer and `print_shape` helper left out; `get_config`s dropped.
"""

SOURCE = "https://github.com/Averagenormaljoe/NST-Final-Project/blob/23aac468d5e0b61d7b12744e7e9cd949751094b3/forward_feed/model_components/InstanceNormalization.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py v_nst_instance_norm_shift_scale_variables_made_in_call.py:
as returned: StyleTransferModel, count_params() raised ValueError, 0 weights (all sublayers unbuilt before a call)
after call: count_params() = 8195, 10 trainable weights (the 5 Conv2D kernels and biases only), unbuilt: none
gradient None for 0 of 10 trainable weights: []
tape watched 10 variables the model does not track: ['StyleTransferModel/conv2d_1_32/instance_normalization/Variable:0', ...] (shift and scale of the 5 InstanceNormalization layers)
params of the case's own layers: every 'instance_normalization*' 0
second call: 10 variables watched that the first call did not use (new shift/scale each call)
Own script (/tmp/mine15b/fit1.py: compile sgd/mse, fit one epoch): fit raised ValueError in InstanceNormalization.call():
"tf.function only supports singleton tf.Variables created on the first call." """

import keras
import tensorflow as tf


class InstanceNormalization(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(InstanceNormalization, self).__init__(**kwargs)

    def call(self, inputs):
        batch, rows, cols, channels = [i for i in inputs.get_shape()]
        mu, var = tf.nn.moments(inputs, [1, 2], keepdims=True)
        shift = tf.Variable(tf.zeros([channels]))
        scale = tf.Variable(tf.ones([channels]))
        epsilon = 1e-3
        normalized = (inputs - mu) / tf.sqrt(var + epsilon)
        return scale * normalized + shift


class ReflectionPadding2D(keras.layers.Layer):
    def __init__(self, padding=(1, 1), **kwargs):
        super(ReflectionPadding2D, self).__init__(**kwargs)
        self.padding = tuple(padding)

    def call(self, input_tensor):
        padding_width, padding_height = self.padding
        return tf.pad(
            input_tensor,
            [[0, 0], [padding_height, padding_height], [padding_width, padding_width], [0, 0]],
            "REFLECT",
        )


class ConvLayer(keras.layers.Layer):
    def __init__(self, filters, kernel_size, strides=1, **kwargs):
        super(ConvLayer, self).__init__(**kwargs)
        self.padding = ReflectionPadding2D([k // 2 for k in kernel_size])
        self.conv2d = keras.layers.Conv2D(filters, kernel_size, strides)
        self.bn = InstanceNormalization()

    def call(self, inputs):
        x = self.padding(inputs)
        x = self.conv2d(x)
        x = self.bn(x)
        return x


class ResidualLayer(keras.layers.Layer):
    def __init__(self, filters, kernel_size, **kwargs):
        super(ResidualLayer, self).__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.conv2d_1 = ConvLayer(filters, kernel_size)
        self.conv2d_2 = ConvLayer(filters, kernel_size)
        self.relu = keras.layers.ReLU()
        self.add = keras.layers.Add()

    def call(self, inputs):
        residual = inputs
        x = self.conv2d_1(inputs)
        x = self.relu(x)
        x = self.conv2d_2(x)
        x = self.add([x, residual])
        return x


class StyleTransferModel(keras.Model):
    def __init__(self, **kwargs):
        super(StyleTransferModel, self).__init__(name="StyleTransferModel", **kwargs)
        self.conv2d_1 = ConvLayer(filters=8, kernel_size=(9, 9), strides=1, name="conv2d_1_32")
        self.conv2d_2 = ConvLayer(filters=16, kernel_size=(3, 3), strides=2, name="conv2d_2_64")
        self.res_1 = ResidualLayer(filters=16, kernel_size=(3, 3), name="res_1_128")
        self.deconv2d_3 = ConvLayer(filters=3, kernel_size=(3, 3), strides=1, name="deconv2d_3_3")
        self.relu = keras.layers.ReLU()

    def call(self, inputs):
        x = self.conv2d_1(inputs)
        x = self.relu(x)
        x = self.conv2d_2(x)
        x = self.relu(x)
        x = self.res_1(x)
        x = self.deconv2d_3(x)
        x = (tf.nn.tanh(x) + 1) * (255.0 / 2)
        return x


def build_model():
    import numpy as np

    model = StyleTransferModel()
    images = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32") * 255.0
    return model, images
