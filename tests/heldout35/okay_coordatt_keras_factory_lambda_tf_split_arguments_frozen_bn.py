"""A functional coordinate-attention block splits its pooled features with
`Lambda(tf.split, arguments={'axis': 1, 'num_or_size_splits': [h, w]})`, makes every Conv2D/BN/ReLU
inline in a helper and freezes its BatchNormalization: correct, the Lambda holds only static arguments
and the three Conv2D layers and the BN are wired into the model, counted and (the convs) trained.

From lancelee98/CoordAttention_keras (`CoordAtt.py`), a Keras port of Hou et al.'s Coordinate Attention
(CVPR 2021). `CoordAtt(x, reduction=32, bn_trainable=False)` average-pools the input along W and along
H, transposes the W branch, concatenates, applies a shared 1x1 Conv2D(mip) + BatchNormalization
(`trainable=bn_trainable`, False by default) + h-swish (`ReLU(max_value=6)` in a nested helper), splits
the result back with a `Lambda` around `tf.split`, and scales `x` by two sigmoid 1x1 convs. Looks like:
a Lambda wrapping a function from outside (LD012 look; `arguments=` are plain ints/lists, no state),
layers created inside a factory function and a closure (LD011 look; they are wired into the functional
graph, which is fine), a BN with `trainable=False` (deliberately frozen, not lost).

Porting edits: `K.permute_dimensions(t, [0, 2, 1, 3])` (absent from Keras 3's backend module) became
`keras.ops.transpose(t, [0, 2, 1, 3])` at both places, and `x.shape.as_list()` became `list(x.shape)`
(Keras 3 shapes are tuples). `example.py` applies the block eagerly to `K.ones((100, 120, 120, 64))`
and adds a skip connection with `Add()`; `build_model()` does the same on `Input((16, 16, 64))`.
"""

SOURCE = "https://github.com/lancelee98/CoordAttention_keras/blob/b3148a07702b3d37decd357b819a50eea7c4b569/CoordAtt.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/okay_coordatt_keras_factory_lambda_tf_split_arguments_frozen_bn.py:
as returned: Functional, count_params() = 1704, 10 weights, unbuilt: none
after call: count_params() = 1704, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 2 variables the model does not track: ['batch_normalization/gamma:0', 'batch_normalization/beta:0']
second call: 0 variables watched that the first call did not use
note: the 2 watched-untracked variables are the frozen BN's gamma/beta (trainable=bn_trainable=False, in
model.non_trainable_weights with its moving stats: 10 weights, 6 trainable = the three convs' kernels and biases)."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops
from keras.layers import Add, AveragePooling2D, BatchNormalization, Conv2D, Lambda, ReLU, concatenate


def CoordAtt(x, reduction=32, bn_trainable=False):
    def coord_act(x):
        tmpx = (ReLU(max_value=6)(x + 3)) / 6
        x = x * tmpx
        return x

    x_shape = list(x.shape)
    [b, h, w, c] = x_shape
    x_h = AveragePooling2D(pool_size=(1, w), strides=(1, 1), data_format='channels_last')(x)
    x_w = AveragePooling2D(pool_size=(h, 1), strides=(1, 1), data_format='channels_last')(x)
    x_w = ops.transpose(x_w, [0, 2, 1, 3])
    y = concatenate(inputs=[x_h, x_w], axis=1)
    mip = max(8, c // reduction)
    y = Conv2D(filters=mip, kernel_size=(1, 1), strides=(1, 1), padding='valid')(y)
    y = BatchNormalization(trainable=bn_trainable)(y)
    y = coord_act(y)
    x_h, x_w = Lambda(tf.split, arguments={'axis': 1, 'num_or_size_splits': [h, w]})(y)
    x_w = ops.transpose(x_w, [0, 2, 1, 3])
    a_h = Conv2D(filters=c, kernel_size=(1, 1), strides=(1, 1), padding='valid', activation="sigmoid")(x_h)
    a_w = Conv2D(filters=c, kernel_size=(1, 1), strides=(1, 1), padding='valid', activation="sigmoid")(x_w)
    out = x * a_h * a_w
    return out


def build_model():
    feature_input = keras.Input((16, 16, 64))
    coordinate_attention = CoordAtt(feature_input)  # coordinate_attention
    feature_output = Add()([coordinate_attention, feature_input])  # skip connection
    return keras.Model(feature_input, feature_output)
