"""Squeeze-and-excitation plug-in: the second excitation Dense (back to `inputs.shape[-1]`
channels) and a Reshape are created inside call() of a subclassed Model.

The block keeps the pooling, the first Dense (`filter_sq` units) and both activations as
attributes made in __init__, but the Dense that maps back to the input's channel count is written
inline, `tf.keras.layers.Dense(inputs.shape[-1])(excitation)`, because the channel count is only
known in call(). Each call therefore makes a brand-new Dense with fresh random weights that the
block never tracks: the block reports only the first Dense's parameters, the excitation output
changes from call to call for the same input, and the second Dense is never trained. The
repository's __main__ only checks the output shape, which is right.
"""

SOURCE = "https://github.com/HansenLYX0708/Experimental_Factory_master/blob/master/CNN_plugin/Squeeze_excitation.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py l_se_block_excitation_dense_made_in_call.py:
as returned: Squeeze_excitation_layer, count_params() = 528, 2 weights, unbuilt: none
after call: count_params() = 528, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['squeeze_excitation_layer/dense_3/kernel:0', 'squeeze_excitation_layer/dense_3/bias:0']
second call: 2 variables watched that the first call did not use
(528 = the first Dense only, 32*16+16; the second Dense, 16*32+32 = 544 values per call, is
never counted; each call makes a new one, so two calls on the same input give different outputs.)"""

import numpy as np
import tensorflow as tf


class Squeeze_excitation_layer(tf.keras.Model):
    def __init__(self, filter_sq):
        # filter_sq: number of units of the first fully connected layer of the excitation
        super().__init__()
        self.filter_sq = filter_sq
        self.avepool = tf.keras.layers.GlobalAveragePooling2D()
        self.dense = tf.keras.layers.Dense(filter_sq)
        self.relu = tf.keras.layers.Activation('relu')
        self.sigmoid = tf.keras.layers.Activation('sigmoid')

    def call(self, inputs):
        squeeze = self.avepool(inputs)

        excitation = self.dense(squeeze)
        excitation = self.relu(excitation)
        excitation = tf.keras.layers.Dense(inputs.shape[-1])(excitation)
        excitation = self.sigmoid(excitation)
        excitation = tf.keras.layers.Reshape((1, 1, inputs.shape[-1]))(excitation)

        scale = inputs * excitation

        return scale


def build_model():
    SE = Squeeze_excitation_layer(16)
    inputs = np.random.default_rng(0).random((2, 8, 8, 32)).astype(np.float32)
    SE(inputs)  # as in the repository's __main__: one call to check the shape
    return SE, inputs
