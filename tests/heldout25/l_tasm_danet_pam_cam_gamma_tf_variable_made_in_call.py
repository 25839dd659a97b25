"""DANet (dual attention segmentation net) whose position- and channel-attention modules create
their residual scale as `gamma = tf.Variable(0.0, trainable=training, name="pam_gamma")` inside
`call()` (and build their `Reshape` layers there too), so the learnable gamma of the DANet paper is a
fresh 0.0 on every forward pass.

From JanMarcelKezmann/TensorFlow-Advanced-Segmentation-Models (`PAM_Module` and `CAM_Module` in
`tensorflow_advanced_segmentation_models/models/_custom_layers_and_blocks.py`, used by
`models/DANet.py`; `SelfAttentionBlock2D` in the same file does the same). The author's
`trainable=training` looks like it makes gamma trainable while training, but the variable is a local
of `call`: the model never tracks it (not counted, not in `trainable_weights`, not saved), every call
makes a new one starting at 0.0, so `gamma * out + x` always returns `x` and the attention branches
contribute nothing.

Porting edits: `tf.keras` -> `keras` and `K.image_data_format()` -> `keras.config.image_data_format()`
(the ops stay `tf.*`); `create_base_model`'s ImageNet backbone (a download) replaced by three strided
convolutions whose outputs play `output_layers`; `ConvolutionBnActivation` trimmed to its conv/BN/
activation (its unused regularizer/constraint arguments and printing `compute_output_shape`
dropped); PAM_Module's unused `self.concat = Concatenate(axis)` dropped (a weightless layer never
called, not the defect of this case); `filters=256` -> 4, two classes, 32x32 images (4x4 feature maps at stride 8);
`build_model()` returns the model with a batch of two images.
"""

SOURCE = "https://github.com/JanMarcelKezmann/TensorFlow-Advanced-Segmentation-Models/blob/11f15fc4b47e1373293c3c8cb7396eb46e42d919/tensorflow_advanced_segmentation_models/models/_custom_layers_and_blocks.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/l_tasm_danet_pam_cam_gamma_tf_variable_made_in_call.py:
as returned: DANet, count_params() = count_params() raised ValueError, 6 weights, unbuilt: ['UpSampling2D:up_sampling2d', 'ConvolutionBnActivation:convolution_bn_activation', 'ConvolutionBnActivation:convolution_bn_activation_1', 'PAM_Module:pam__module', 'ConvolutionBnActivation:convolution_bn_activation_4', 'ConvolutionBnActivation:convolution_bn_activation_3', 'ConvolutionBnActivation:convolution_bn_activation_2', 'CAM_Module:cam__module', 'ConvolutionBnActivation:convolution_bn_activation_5', 'ConvolutionBnActivation:convolution_bn_activation_6', 'ConvolutionBnActivation:convolution_bn_activation_7', 'ConvolutionBnActivation:convolution_bn_activation_8', 'ConvolutionBnActivation:convolution_bn_activation_9', 'Concatenate:concatenate', 'Concatenate:concatenate_1', 'ConvolutionBnActivation:convolution_bn_activation_10']
after call: count_params() = 1256, 50 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 50 trainable weights: []
tape watched 5 variables the model does not track: ['pam_gamma:0', 'pam__module_1/pam_gamma:0', 'cam__module_1/cam_gamma:0', 'da_net/pam__module/pam_gamma:0', 'da_net/cam__module/cam_gamma:0']
params of the case's own layers: {'convolution_bn_activation': 164, 'convolution_bn_activation_1': 164, 'pam__module': 108, 'convolution_bn_activation_4': 36, 'convolution_bn_activation_3': 36, 'convolution_bn_activation_2': 36, 'cam__module': 0, 'convolution_bn_activation_5': 164, 'convolution_bn_activation_6': 164, 'convolution_bn_activation_7': 18, 'convolution_bn_activation_8': 18, 'convolution_bn_activation_9': 26, 'convolution_bn_activation_10': 22}
second call: 2 variables watched that the first call did not use
Own probe (/tmp/mine25a/probe_danet.py): after a call no pam_gamma/cam_gamma is among model.weights; compile
(sgd, categorical_crossentropy) + fit raises ValueError in PAM_Module.call(): 'tf.function only supports
singleton tf.Variables created on the first call'. The 'second call' line above is the two fresh gammas."""

import numpy as np
import tensorflow as tf
import keras


def image_data_format():
    return keras.config.image_data_format()


class ConvolutionBnActivation(keras.layers.Layer):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="same", dilation_rate=(1, 1),
                 use_batchnorm=False, trainable=True, post_activation="relu", block_name=None):
        super(ConvolutionBnActivation, self).__init__()
        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.dilation_rate = dilation_rate
        self.use_bias = not (use_batchnorm)
        self.trainable = trainable
        self.block_name = block_name
        self.conv = None
        self.bn = None
        self.post_activation = keras.layers.Activation(post_activation)

    def build(self, input_shape):
        self.conv = keras.layers.Conv2D(
            filters=self.filters, kernel_size=self.kernel_size, strides=self.strides,
            padding=self.padding, dilation_rate=self.dilation_rate, use_bias=self.use_bias,
            name=self.block_name + "_conv" if self.block_name is not None else None)
        self.bn = keras.layers.BatchNormalization(
            trainable=self.trainable,
            name=self.block_name + "_bn" if self.block_name is not None else None)

    def call(self, x, training=None):
        x = self.conv(x)
        x = self.bn(x, training=training)
        x = self.post_activation(x)
        return x


class PAM_Module(keras.layers.Layer):
    def __init__(self, filters):
        super(PAM_Module, self).__init__()

        self.filters = filters

        self.conv1x1_bn_relu_1 = ConvolutionBnActivation(filters, (1, 1))
        self.conv1x1_bn_relu_2 = ConvolutionBnActivation(filters, (1, 1))
        self.conv1x1_bn_relu_3 = ConvolutionBnActivation(filters, (1, 1))

        self.softmax = keras.layers.Activation("softmax")

    def call(self, x, training=None):
        BS, C, H, W = x.shape

        query = self.conv1x1_bn_relu_1(x, training=training)
        key = self.conv1x1_bn_relu_2(x, training=training)

        if image_data_format() == "channels_last":
            query = keras.layers.Reshape((H * W, -1))(query)
            key = keras.layers.Reshape((H * W, -1))(key)

            energy = tf.linalg.matmul(query, key, transpose_b=True)
        else:
            query = keras.layers.Reshape((-1, H * W))(query)
            key = keras.layers.Reshape((-1, H * W))(key)

            energy = tf.linalg.matmul(query, key, transpose_a=True)

        attention = self.softmax(energy)

        value = self.conv1x1_bn_relu_3(x, training=training)

        if image_data_format() == "channels_last":
            value = keras.layers.Reshape((H * W, -1))(value)
            out = tf.linalg.matmul(value, attention, transpose_a=True)
        else:
            value = keras.layers.Reshape((-1, H * W))(value)
            out = tf.linalg.matmul(value, attention)

        out = keras.layers.Reshape(x.shape[1:])(out)

        gamma = tf.Variable(0.0, trainable=training, name="pam_gamma")
        out = gamma * out + x

        return out


class CAM_Module(keras.layers.Layer):
    def __init__(self, filters):
        super(CAM_Module, self).__init__()

        self.filters = filters

        self.softmax = keras.layers.Activation("softmax")

    def call(self, x, training=None):
        BS, C, H, W = x.shape

        if image_data_format() == "channels_last":
            query = keras.layers.Reshape((-1, C))(x)
            key = keras.layers.Reshape((-1, C))(x)

            energy = tf.linalg.matmul(query, key, transpose_a=True)
            energy_2 = tf.math.reduce_max(energy, axis=1, keepdims=True)[0] - energy
        else:
            query = keras.layers.Reshape((C, -1))(query)
            key = keras.layers.Reshape((C, -1))(key)

            energy = tf.linalg.matmul(query, key, transpose_b=True)
            energy_2 = tf.math.reduce_max(energy, axis=-1, keepdims=True)[0] - energy

        attention = self.softmax(energy_2)

        if image_data_format() == "channels_last":
            value = keras.layers.Reshape((-1, C))(x)
            out = tf.linalg.matmul(attention, value, transpose_b=True)
        else:
            value = keras.layers.Reshape((C, -1))(x)
            out = tf.linalg.matmul(attention, value)

        out = keras.layers.Reshape(x.shape[1:])(out)

        gamma = tf.Variable(0.0, trainable=training, name="cam_gamma")
        out = gamma * out + x

        return out


class DANet(keras.Model):
    def __init__(self, n_classes, base_model, output_layers, filters=256,
                 final_activation="softmax", backbone_trainable=False,
                 output_stride=8, **kwargs):
        super(DANet, self).__init__(**kwargs)

        self.n_classes = n_classes
        self.backbone = None
        self.filters = filters
        self.final_activation = final_activation
        self.output_stride = output_stride

        if self.output_stride == 8:
            self.final_upsampling2d = keras.layers.UpSampling2D(size=8, interpolation="bilinear")
            output_layers = output_layers[:3]
        else:
            raise ValueError("'output_stride' must be one of (8, 16), got {}".format(self.output_stride))

        base_model.trainable = backbone_trainable
        self.backbone = keras.Model(inputs=base_model.input, outputs=output_layers)

        # Layers
        self.conv3x3_bn_relu_1 = ConvolutionBnActivation(filters, (3, 3))
        self.conv3x3_bn_relu_2 = ConvolutionBnActivation(filters, (3, 3))

        self.pam = PAM_Module(filters)
        self.cam = CAM_Module(filters)

        self.conv3x3_bn_relu_3 = ConvolutionBnActivation(filters, (3, 3))
        self.conv3x3_bn_relu_4 = ConvolutionBnActivation(filters, (3, 3))

        self.dropout_1 = keras.layers.Dropout(0.1)
        self.dropout_2 = keras.layers.Dropout(0.1)
        self.dropout_3 = keras.layers.Dropout(0.1)

        self.conv1x1_bn_relu_1 = ConvolutionBnActivation(n_classes, (1, 1), post_activation="relu")
        self.conv1x1_bn_relu_2 = ConvolutionBnActivation(n_classes, (1, 1), post_activation="relu")
        self.conv1x1_bn_relu_3 = ConvolutionBnActivation(n_classes, (1, 1), post_activation="relu")

        axis = 3 if image_data_format() == "channels_last" else 1
        self.concat_1 = keras.layers.Concatenate(axis=axis)
        self.concat_2 = keras.layers.Concatenate(axis=axis)

        self.final_conv1x1_bn_activation = ConvolutionBnActivation(n_classes, (1, 1), post_activation=final_activation)

    def call(self, inputs, training=None, mask=None):
        if training is None:
            training = True

        x = self.backbone(inputs, training=training)[-1]

        x_pam = self.conv3x3_bn_relu_1(x, training=training)
        x_pam_out = self.pam(x_pam, training=training)
        x_pam = self.conv3x3_bn_relu_3(x_pam_out, training=training)
        x_pam = self.dropout_1(x_pam, training=training)
        x_pam = self.conv1x1_bn_relu_1(x_pam, training=training)

        x_cam = self.conv3x3_bn_relu_2(x, training=training)
        x_cam_out = self.cam(x_cam, training=training)
        x_cam = self.conv3x3_bn_relu_4(x_cam_out, training=training)
        x_cam = self.dropout_2(x_cam, training=training)
        x_cam = self.conv1x1_bn_relu_2(x_cam, training=training)

        x_pam_cam = self.concat_1([x_pam_out, x_cam_out])
        x = self.dropout_3(x_pam_cam, training=training)
        x = self.conv1x1_bn_relu_3(x, training=training)

        x = self.concat_2([x_pam, x_cam, x])
        x = self.final_conv1x1_bn_activation(x, training=training)
        x = self.final_upsampling2d(x)

        return x


def small_backbone():
    """Stands in for create_base_model(): feature maps at strides 2, 4, 8."""
    images = keras.Input((32, 32, 3))
    c1 = keras.layers.Conv2D(4, 3, strides=2, padding="same", activation="relu")(images)
    c2 = keras.layers.Conv2D(4, 3, strides=2, padding="same", activation="relu")(c1)
    c3 = keras.layers.Conv2D(4, 3, strides=2, padding="same", activation="relu")(c2)
    return keras.Model(images, c3), [c1, c2, c3]


def build_model():
    base_model, output_layers = small_backbone()
    model = DANet(n_classes=2, base_model=base_model, output_layers=output_layers, filters=4,
                  backbone_trainable=True)
    images = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    return model, images
