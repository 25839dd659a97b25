"""A "ResidualRegressor" from a reader's Hands-On Machine Learning practice repository: a subclassed
`keras.models.Model` whose reconstruction head `self.reconstruct = Dense(n_inputs)` is created in
`build(batch_input_shape)` (its width is only known there), whose `call()` adds an auxiliary
reconstruction loss with `self.add_loss()`, and whose two `ResidualBlock`s are called again and
again in a loop.

From itej89/Hand_On_Machine_Learning_Practice_Models
(`M_Tensorflow_Data_Preprocessing/california_housing/CustomComponents/custom_model.py`, the
chapter 12 "losses based on model internals" exercise). Looks like three bugs: a sublayer made
outside `__init__` (in `build()`), an input width read in `build()` to size a layer, and blocks reused
four times inside one call. On Keras 3 `build()` runs once, before the first call, so the
reconstruction Dense is a tracked sublayer like any other; its loss reaches `model.losses`, and the
reused blocks share (and count once) their weights, which is what the author wants: every weight gets
a gradient.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); the `ResidualBlock` imported from
`custom_layer` (not in the stored snapshot) written as in the book's chapter 12 (a list of
`n_layers` Dense layers, `inputs + Z`); widths 30 -> 6, two Dense per block as in the author's
`ResidualBlock(2, 30)`; 8 input features (California housing) -> 8; `build_model()` returns the model
and a batch of 4 rows.
"""

SOURCE = "https://github.com/itej89/Hand_On_Machine_Learning_Practice_Models/blob/21db3f76572e7619d75660348025cc11022fa217/M_Tensorflow_Data_Preprocessing/california_housing/CustomComponents/custom_model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okk_handsonml_practice_residual_regressor_reconstruct_in_build.py:
as returned: ResidualRegressor, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'ResidualBlock:residual_block', ...] (a subclassed model, nothing built before its first call)
after call: count_params() = 285, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []   (the loss includes model.losses, the reconstruction loss)
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_block': 84, 'residual_block_1': 84}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine24/k/probe_rr.py): after one call the model's direct sublayers are dense, residual_block,
residual_block_1, dense_5 (out) and dense_6 (the reconstruct Dense made in build(), weights
residual_regressor/dense_6/kernel and /bias); len(model.losses) == 1; 285 = 54 (hidden1) + 2*84
(blocks, counted once although called 4 times each) + 7 (out) + 56 (reconstruct); fit(epochs=2)
changes 14 of 14 trainable weights."""

import numpy as np
import tensorflow as tf
import keras


class ResidualBlock(keras.layers.Layer):
    def __init__(self, n_layers, n_neurons, **kwargs):
        super().__init__(**kwargs)
        self.hidden = [keras.layers.Dense(n_neurons, activation="elu",
                                          kernel_initializer="he_normal")
                       for _ in range(n_layers)]

    def call(self, inputs):
        Z = inputs
        for layer in self.hidden:
            Z = layer(Z)
        return inputs + Z


class ResidualRegressor(keras.models.Model):

    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = keras.layers.Dense(6, activation="elu",
        kernel_initializer="he_normal")
        self.block1 = ResidualBlock(2, 6)
        self.block2 = ResidualBlock(2, 6)
        self.out = keras.layers.Dense(output_dim)

    def build(self, batch_input_shape):
        n_inputs = batch_input_shape[-1]
        self.reconstruct = keras.layers.Dense(n_inputs)
        super().build(batch_input_shape)

    def call(self, inputs):
        Z = self.hidden1(inputs)
        for _ in range(1 + 3):
            Z = self.block1(Z)
            Z = self.block2(Z)

        reconstruction = self.reconstruct(Z)
        recon_loss = tf.reduce_mean(tf.square(reconstruction - inputs))
        self.add_loss(0.05 * recon_loss)

        return self.out(Z)


def build_model():
    model = ResidualRegressor(1)
    model.compile(loss="mse", optimizer="nadam")
    x = np.random.default_rng(0).random((4, 8)).astype("float32")
    return model, x
