"""A real-time style-transfer network's hand-written `InstanceNormalization` makes its scale `gamma` and shift
`beta` as raw `tf.Variable`s in `build()`: on Keras 3 they are not tracked, so none of the 18 instance norms of the
transformer network is counted, trained by the author's `GradientTape` loop (which differentiates
`transformer_model.trainable_variables`) or saved by its `save_weights`.

From soumik12345/Real-Time-Style-Transfer (`style_transfer/models/blocks/instance_normalization.py` at 24b9122,
used by `blocks/convolution_layers.py` and `models/transformer_model.py` of the same commit; the trainer
`StyleTransferModel.train_step` applies gradients to `self.transformer_model.trainable_variables` and its
`save_weights` saves only `transformer_model`). `InstanceNormalization.build` does
`self.beta = tf.Variable(tf.zeros([input_shape[3]]))`, `self.gamma = tf.Variable(tf.ones(...))` (LD003): the
tape still watches them and returns gradients, but they are not in the list handed to the optimizer, so they stay at
ones/zeros, and a reloaded network has fresh ones/zeros. tf.keras 2 tracked them. The `tf.constant` paddings kept on
each `ConvolutionBlock` are configuration, not state.

Porting edits: none to the layers (copied structure: `ConvolutionBlock`, `ResizeConvolutionBlock`, `ResidualBlock`,
`TransformerModel` as in the commit). build_model() returns `(TransformerModel(), inputs)` with a 1x16x16x3 image
(the author trains at 256x256); the own probe `p_rtst.py` runs one step of the author's update
(`optimizer.apply_gradients` over `transformer_model.trainable_variables`) and checks the gammas.
"""

SOURCE = "https://github.com/soumik12345/Real-Time-Style-Transfer/blob/24b912200ae6798275e7b2c2e0f60057a320365e/style_transfer/models/blocks/instance_normalization.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/as/as_rtstyletransfer_instancenorm_gamma_beta_tf_variables_in_build.py:
as returned: TransformerModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['ConvolutionBlock:convolution_block', 'InstanceNormalization:instance_normalization', 'Conv2D:conv2d', 'ConvolutionBlock:convolution_block_1', 'InstanceNormalization:instance_normalization_1', 'Conv2D:conv2d_1', 'ConvolutionBlock:convolution_block_2', 'InstanceNormalization:instance_normalization_2', 'Conv2D:conv2d_2', 'ResidualBlock:residual_block', 'ConvolutionBlock:convolution_block_4', 'InstanceNormalization:instance_normalization_4', 'Conv2D:conv2d_4', 'ConvolutionBlock:convolution_block_3', 'InstanceNormalization:instance_normalization_3', 'Conv2D:conv2d_3', 'ResidualBlock:residual_block_1', 'ConvolutionBlock:convolution_block_6', 'InstanceNormalization:instance_normalization_6', 'Conv2D:conv2d_6', 'ConvolutionBlock:convolution_block_5', 'InstanceNormalization:instance_normalization_5', 'Conv2D:conv2d_5', 'ResidualBlock:residual_block_2', 'ConvolutionBlock:convolution_block_8', 'InstanceNormalization:instance_normalization_8', 'Conv2D:conv2d_8', 'ConvolutionBlock:convolution_block_7', 'InstanceNormalization:instance_normalization_7', 'Conv2D:conv2d_7', 'ResidualBlock:residual_block_3', 'ConvolutionBlock:convolution_block_10', 'InstanceNormalization:instance_normalization_10', 'Conv2D:conv2d_10', 'ConvolutionBlock:convolution_block_9', 'InstanceNormalization:instance_normalization_9', 'Conv2D:conv2d_9', 'ResidualBlock:residual_block_4', 'ConvolutionBlock:convolution_block_12', 'InstanceNormalization:instance_normalization_12', 'Conv2D:conv2d_12', 'ConvolutionBlock:convolution_block_11', 'InstanceNormalization:instance_normalization_11', 'Conv2D:conv2d_11', 'ResizeConvolutionBlock:resize_convolution_block', 'InstanceNormalization:instance_normalization_14', 'ConvolutionBlock:convolution_block_13', 'InstanceNormalization:instance_normalization_13', 'Conv2D:conv2d_13', 'ResizeConvolutionBlock:resize_convolution_block_1', 'InstanceNormalization:instance_normalization_16', 'ConvolutionBlock:convolution_block_14', 'InstanceNormalization:instance_normalization_15', 'Conv2D:conv2d_14', 'ConvolutionBlock:convolution_block_15', 'InstanceNormalization:instance_normalization_17', 'Conv2D:conv2d_15']
after call: count_params() = 1674432, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 36 variables the model does not track: ['transformer_model/convolution_block/instance_normalization/Variable:0', 'transformer_model/convolution_block/instance_normalization/Variable:0', 'transformer_model/convolution_block_1/instance_normalization_1/Variable:0', 'transformer_model/convolution_block_1/instance_normalization_1/Variable:0', 'transformer_model/convolution_block_2/instance_normalization_2/Variable:0', 'transformer_model/convolution_block_2/instance_normalization_2/Variable:0']
params of the case's own layers: {'convolution_block': 7776, 'instance_normalization': 0, 'convolution_block_1': 18432, 'instance_normalization_1': 0, 'convolution_block_2': 73728, 'instance_normalization_2': 0, 'residual_block': 294912, 'convolution_block_4': 147456, 'instance_normalization_4': 0, 'convolution_block_3': 147456, 'instance_normalization_3': 0, 'residual_block_1': 294912, 'convolution_block_6': 147456, 'instance_normalization_6': 0, 'convolution_block_5': 147456, 'instance_normalization_5': 0, 'residual_block_2': 294912, 'convolution_block_8': 147456, 'instance_normalization_8': 0, 'convolution_block_7': 147456, 'instance_normalization_7': 0, 'residual_block_3': 294912, 'convolution_block_10': 147456, 'instance_normalization_10': 0, 'convolution_block_9': 147456, 'instance_normalization_9': 0, 'residual_block_4': 294912, 'convolution_block_12': 147456, 'instance_normalization_12': 0, 'convolution_block_11': 147456, 'instance_normalization_11': 0, 'resize_convolution_block': 73728, 'instance_normalization_14': 0, 'convolution_block_13': 73728, 'instance_normalization_13': 0, 'resize_convolution_block_1': 18432, 'instance_normalization_16': 0, 'convolution_block_14': 18432, 'instance_normalization_15': 0, 'convolution_block_15': 7776, 'instance_normalization_17': 0}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine34/as/p_rtst.py:
InstanceNormalization layers: 18 | their gamma/beta in transformer_model.trainable_variables: 0 of 36 | trainable_variables: 16 | count_params(): 1674432
after one author-style step: gamma of first norm still all ones: True | first conv kernel changed: True"""

import numpy as np
import tensorflow as tf


class InstanceNormalization(tf.keras.layers.Layer):

    def __init__(self, epsilon=1e-3):
        super(InstanceNormalization, self).__init__()
        self.epsilon = epsilon
        self.beta, self.gamma = None, None

    def build(self, input_shape):
        self.beta = tf.Variable(tf.zeros([input_shape[3]]))
        self.gamma = tf.Variable(tf.ones([input_shape[3]]))

    def call(self, inputs, *args, **kwargs):
        mean, var = tf.nn.moments(inputs, axes=[1, 2], keepdims=True)
        x = tf.divide(
            tf.subtract(inputs, mean),
            tf.sqrt(tf.add(var, self.epsilon))
        )
        return self.gamma * x + self.beta


class ConvolutionBlock(tf.keras.layers.Layer):

    def __init__(self, filters, kernel, stride):
        super(ConvolutionBlock, self).__init__()
        pad = kernel // 2
        self.paddings = tf.constant([
            [0, 0], [pad, pad], [pad, pad], [0, 0]
        ])
        self.conv2d = tf.keras.layers.Conv2D(
            filters, kernel, stride,
            use_bias=False, padding='valid'
        )
        self.instance_norm = InstanceNormalization()

    def call(self, inputs, relu: bool = True, *args, **kwargs):
        x = tf.pad(inputs, self.paddings, mode='REFLECT')
        x = self.conv2d(x)
        x = self.instance_norm(x)
        if relu:
            x = tf.nn.relu(x)
        return x


class ResizeConvolutionBlock(tf.keras.layers.Layer):

    def __init__(self, filters, kernel, stride):
        super(ResizeConvolutionBlock, self).__init__()
        self.conv = ConvolutionBlock(filters, kernel, stride)
        self.instance_norm = InstanceNormalization()
        self.stride = stride

    def call(self, inputs, *args, **kwargs):
        new_height = inputs.shape[1] * self.stride * 2
        new_width = inputs.shape[2] * self.stride * 2
        x = tf.image.resize(
            inputs, [new_height, new_width],
            method=tf.image.ResizeMethod.NEAREST_NEIGHBOR
        )
        x = self.conv(x)
        x = self.instance_norm(x)
        return tf.nn.relu(x)


class ResidualBlock(tf.keras.layers.Layer):

    def __init__(self, filters, kernel, stride):
        super(ResidualBlock, self).__init__()
        self.conv1 = ConvolutionBlock(filters, kernel, stride)
        self.conv2 = ConvolutionBlock(filters, kernel, stride)

    def call(self, inputs, *args, **kwargs):
        x = self.conv1(inputs)
        return inputs + self.conv2(x, relu=False)


class TransformerModel(tf.keras.models.Model):

    def __init__(self):
        super(TransformerModel, self).__init__()
        self.conv1 = ConvolutionBlock(32, 9, 1)
        self.conv2 = ConvolutionBlock(64, 3, 2)
        self.conv3 = ConvolutionBlock(128, 3, 2)
        self.residual1 = ResidualBlock(128, 3, 1)
        self.residual2 = ResidualBlock(128, 3, 1)
        self.residual3 = ResidualBlock(128, 3, 1)
        self.residual4 = ResidualBlock(128, 3, 1)
        self.residual5 = ResidualBlock(128, 3, 1)
        self.resize_conv1 = ResizeConvolutionBlock(64, 3, 2)
        self.resize_conv2 = ResizeConvolutionBlock(32, 3, 2)
        self.conv4 = ConvolutionBlock(3, 9, 1)

    def call(self, inputs, *args, **kwargs):
        x = self.conv1(inputs)
        x = self.conv2(x)
        x = self.conv3(x)
        x = self.residual1(x)
        x = self.residual2(x)
        x = self.residual3(x)
        x = self.residual4(x)
        x = self.residual5(x)
        x = self.resize_conv1(x)
        x = self.resize_conv2(x)
        x = self.conv4(x, relu=False)
        return tf.nn.tanh(x) * 150 + 255. / 2


def build_model():
    inputs = np.random.default_rng(0).random((1, 16, 16, 3)).astype("float32") * 255.0
    return TransformerModel(), inputs
