"""A 3-D U-Net for medical volumes whose custom `InstanceNormalization` layer creates `beta`/`gamma`
with `add_weight` in a `build()` that never calls `super().build()`, takes no `**kwargs`, and is
instantiated afresh inside the `conv_block_3d` helper for every convolution.

From robbinc91/cnn_vs_qcnn_medical_imaging (`models/instancenormalization.py`, used by
`models/convblock3d.py` and `models/cnn.py`). Looks like the textbook traps (no `super().build()`,
`build` that never sets `self.built`, a normalization layer made inside a helper function); on Keras 3
the weights are tracked (Keras marks the layer built itself), every instance norm holds 2*C
parameters, and all weights get gradients.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the repository's three files
(instance norm, conv block, `build_unet_3d`) put in one; input 128^3 x 1 -> 16^3 x 1, `filters=64`
-> `filters=2`; the nibabel/sklearn/tqdm imports of `cnn.py` dropped.
"""

SOURCE = "https://github.com/robbinc91/cnn_vs_qcnn_medical_imaging/blob/f5bc8d82a7cc9c3ce1a4af5e0b022d14bf8bff50/models/instancenormalization.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okl_cnnvsqcnn_unet3d_instancenorm_build_without_super_build.py:
as returned: Functional, count_params() = 88807, 82 weights, unbuilt: none
after call: count_params() = 88807, 82 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 82 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'instance_normalization': 4, 'instance_normalization_1': 4, 'instance_normalization_2': 8, 'instance_normalization_3': 8, 'instance_normalization_4': 16, 'instance_normalization_5': 16, 'instance_normalization_6': 32, 'instance_normalization_7': 32, 'instance_normalization_8': 64, 'instance_normalization_9': 64, 'instance_normalization_10': 32, 'instance_normalization_11': 32, 'instance_normalization_12': 16, 'instance_normalization_13': 16, 'instance_normalization_14': 8, 'instance_normalization_15': 8, 'instance_normalization_16': 4, 'instance_normalization_17': 4}
second call: 0 variables watched that the first call did not use
Own probe: none needed beyond the above; each InstanceNormalization has built=True after the functional build although its build() neither calls super().build() nor sets self.built."""

import tensorflow as tf
import keras
from keras import layers, Model


class InstanceNormalization(layers.Layer):
    #Instance Normalization Layer (alternative to Batch Normalization)\"\"\"
    def __init__(self, epsilon=1e-5):
        super(InstanceNormalization, self).__init__()
        self.epsilon = epsilon

    def build(self, input_shape):
        self.beta = self.add_weight(
            name='beta',
            shape=(input_shape[-1],),
            initializer='zeros',
            trainable=True
        )
        self.gamma = self.add_weight(
            name='gamma',
            shape=(input_shape[-1],),
            initializer='ones',
            trainable=True
        )

    def call(self, inputs):
        mean, variance = tf.nn.moments(inputs, axes=[1, 2, 3], keepdims=True)
        inv = tf.math.rsqrt(variance + self.epsilon)
        normalized = (inputs - mean) * inv
        return self.gamma * normalized + self.beta


def conv_block_3d(inputs, filters, use_instance_norm=True):
    """3D Convolutional Block with Instance Normalization"""
    x = layers.Conv3D(filters, (3, 3, 3), padding='same', kernel_initializer='he_normal')(inputs)
    if use_instance_norm:
        x = InstanceNormalization()(x)
    x = layers.Activation('relu')(x)

    x = layers.Conv3D(filters, (3, 3, 3), padding='same', kernel_initializer='he_normal')(x)
    if use_instance_norm:
        x = InstanceNormalization()(x)
    x = layers.Activation('relu')(x)
    return x


def build_unet_3d(input_shape=(16, 16, 16, 1), num_classes=1, filters=2):
    """Build 3D U-Net Model"""
    inputs = layers.Input(shape=input_shape)

    # Encoder
    c1 = conv_block_3d(inputs, filters)
    p1 = layers.MaxPooling3D((2, 2, 2))(c1)

    c2 = conv_block_3d(p1, filters * 2)
    p2 = layers.MaxPooling3D((2, 2, 2))(c2)

    c3 = conv_block_3d(p2, filters * 4)
    p3 = layers.MaxPooling3D((2, 2, 2))(c3)

    c4 = conv_block_3d(p3, filters * 8)
    p4 = layers.MaxPooling3D((2, 2, 2))(c4)

    # Bridge
    b1 = conv_block_3d(p4, filters * 16)

    # Decoder
    u1 = layers.Conv3DTranspose(filters * 8, (2, 2, 2), strides=(2, 2, 2), padding='same')(b1)
    u1 = layers.concatenate([u1, c4])
    c5 = conv_block_3d(u1, filters * 8)

    u2 = layers.Conv3DTranspose(filters * 4, (2, 2, 2), strides=(2, 2, 2), padding='same')(c5)
    u2 = layers.concatenate([u2, c3])
    c6 = conv_block_3d(u2, filters * 4)

    u3 = layers.Conv3DTranspose(filters * 2, (2, 2, 2), strides=(2, 2, 2), padding='same')(c6)
    u3 = layers.concatenate([u3, c2])
    c7 = conv_block_3d(u3, filters * 2)

    u4 = layers.Conv3DTranspose(filters, (2, 2, 2), strides=(2, 2, 2), padding='same')(c7)
    u4 = layers.concatenate([u4, c1])
    c8 = conv_block_3d(u4, filters)

    # Output
    outputs = layers.Conv3D(num_classes, (1, 1, 1), activation='sigmoid')(c8)

    model = Model(inputs, outputs, name='UNet3D')
    return model


def build_model():
    return build_unet_3d()
