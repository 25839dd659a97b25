"""Géron's `ReconstructingRegressor` (Hands-On ML, 3rd ed., chapter 12, "losses and metrics based on model
internals"): a subclassed `tf.keras.Model` whose `build()` only instantiates the auxiliary
`self.reconstruct = Dense(n_inputs)` (sized from the input shape) without building it and without calling
`super().build()`; `call()` runs the five hidden layers kept in a plain list, applies `self.reconstruct`, and
adds 0.05 x the reconstruction MSE with `self.add_loss()`.

From ageron/handson-ml3 (`12_custom_models_and_training_with_tensorflow.ipynb`). Looks like an unbuilt
sublayer made late (in `build()`, left unbuilt there) and a list of layers, but on Keras 3 the `Dense` is
assigned before the model is locked, so it is tracked, and it builds itself on the first call (Keras
traces `call()` before training); the list is tracked too. `fit` trains all 14 weights, the
reconstruction head included, and the auxiliary loss is part of the training loss.

Porting edits: notebook cell turned into a module; `build_model()` instantiates `ReconstructingRegressor(1)`
as the book does and returns it with 4 samples of 8 features (the book uses the 8-feature California
housing data); no dataset, compile or training.
"""

SOURCE = ("https://github.com/ageron/handson-ml3/blob/e3f3f9e66d58cfa1d068a498433063a1d3fba9ef/"
          "12_custom_models_and_training_with_tensorflow.ipynb")
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/oko_handson3_reconstructing_regressor_dense_made_in_build_unbuilt.py:
as returned: ReconstructingRegressor, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3', 'Dense:dense_4', 'Dense:dense_5']
after call: count_params() = 4269, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(before the first call the model is simply not built yet, as any subclassed model; the reconstruct Dense
does not exist until build() runs.)
Own script (/tmp/mine26b/p9.py): compile(loss='mse', optimizer='nadam'); evaluate loss 0.1432 vs plain
MSE of the predictions 0.1255 (the 0.05 x reconstruction loss is included); fit 2 epochs: 14/14
trainable weights change, including the reconstruct head 'reconstructing_regressor/dense_6/kernel|bias'."""

import numpy as np
import tensorflow as tf


class ReconstructingRegressor(tf.keras.Model):
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden = [tf.keras.layers.Dense(30, activation="relu",
                                             kernel_initializer="he_normal")
                       for _ in range(5)]
        self.out = tf.keras.layers.Dense(output_dim)

    def build(self, batch_input_shape):
        n_inputs = batch_input_shape[-1]
        self.reconstruct = tf.keras.layers.Dense(n_inputs)

    def call(self, inputs, training=None):
        Z = inputs
        for layer in self.hidden:
            Z = layer(Z)
        reconstruction = self.reconstruct(Z)
        recon_loss = tf.reduce_mean(tf.square(reconstruction - inputs))
        self.add_loss(0.05 * recon_loss)
        return self.out(Z)


def build_model():
    model = ReconstructingRegressor(1)
    X = np.random.default_rng(0).random((4, 8)).astype("float32")
    return model, X
