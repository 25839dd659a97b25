"""BinaryConnect-style layer: the kernel is binarized in `call()` with round/sign, so the real-valued kernel never gets a gradient.

The Data Science Stack Exchange question "How to quantize weights in forward pass during training
in Keras?" wants binary weights in the forward pass and real-valued weights in the backward pass
(Courbariaux et al.). The asker's plan is to do the binarization inside `Layer.call()`. Written the
obvious way, with `K.round`/`K.sign` of the clipped kernel, the forward pass is right but round and
sign have no gradient: the real-valued kernel is counted and trainable, and never moves. The
answer only says binarization "might not be possible in Keras" and points at clip_by_value.
"""

SOURCE = "https://datascience.stackexchange.com/questions/14533/how-to-quantize-weights-in-forward-pass-during-training-in-keras"
CODES = ("LD009",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py s_binarized_dense_round_in_call.py:
as returned: Sequential, count_params() = 1002, 8 weights, unbuilt: none
after call: count_params() = 1002, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['sequential/binary_dense/kernel', 'sequential/binary_dense_1/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'binary_dense': 544, 'binary_dense_1': 330}
second call: 0 variables watched that the first call did not use
the real-valued kernels are counted and trainable but get no gradient through K.round: they never change in fit."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import backend as K


def hard_sigmoid(x):
    return K.clip((x + 1.) / 2., 0, 1)


def binarize(W, H=1.):
    # [-H, H] -> -H or H
    Wb = H * K.round(hard_sigmoid(W / H)) * 2. - H
    return Wb


class BinaryDense(keras.layers.Dense):
    """Dense layer whose forward pass uses binarized weights."""

    def __init__(self, units, H=1., **kwargs):
        super(BinaryDense, self).__init__(units, **kwargs)
        self.H = H

    def build(self, input_shape):
        super(BinaryDense, self).build(input_shape)
        # the real-valued weights stay in self.kernel; clip them to [-H, H]
        self.kernel.constraint = lambda w: K.clip(w, -self.H, self.H)

    def call(self, inputs):
        binary_kernel = binarize(self.kernel, H=self.H)
        output = K.dot(inputs, binary_kernel)
        if self.use_bias:
            output = K.bias_add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)
        return output

    def get_config(self):
        config = {'H': self.H}
        base_config = super(BinaryDense, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    model = keras.Sequential([
        keras.Input(shape=(16,)),
        BinaryDense(32, H=1., activation='relu'),
        keras.layers.BatchNormalization(),
        BinaryDense(10, H=1., activation='softmax'),
    ])
    return model
