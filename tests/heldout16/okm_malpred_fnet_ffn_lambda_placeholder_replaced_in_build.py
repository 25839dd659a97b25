"""MALPRED's Keras 3 `FNetLayer`: `__init__` sets `self.ffn = lambda x: x` as a placeholder and
`build()` replaces it with a `Residual(Sequential([...]))`; the Fourier mixing is a `Residual`
wrapped around a plain function, and one `LayerNormalization` is applied twice - correct on Keras 3.

The layer mixes tokens with a 2-D FFT (real part) plus a skip connection, normalises, runs a
two-Dense feed-forward block with its own skip connection and normalises again with the same
`self.norm`. A lambda stored on `self`, a sublayer made only in `build()`, a generic `Residual`
wrapper whose `self.layer` is sometimes a function and sometimes a model, and a reused norm all look
like ways to lose weights; measured, Keras tracks the feed-forward block made in `build()` (the
lambda is simply overwritten), builds it on the first call, and gives every weight a gradient. The
shared norm is one set of weights used twice (its two uses are intended to share them here).

Porting edits: none to the classes (the repository imports `keras` 3); `Residual` is copied from the
repository's `layers/residual.py` with the type aliases replaced by `typing.Any`. `build_model()`
puts one `FNetLayer` between an input of 8 tokens x 16 features and a pooled Dense head, as the
repository's models do.
"""

SOURCE = "https://github.com/terminalai/MALPRED/blob/66458217ecbd3e85300becf334822ef7872c21b3/layers/fnet.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okm_malpred_fnet_ffn_lambda_placeholder_replaced_in_build.py:
as returned: Functional, count_params() = 593, 8 weights, unbuilt: none
after call: count_params() = 593, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'f_net_layer': 576, 'residual_1': 544, 'residual': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16a/t_okfit.py): one fit epoch (SGD 0.1, mse) changes 8 of 8 trainable weights (the shared
LayerNormalization's gamma/beta, both feed-forward Dense layers, the head); the lambda placeholder is gone after build()."""

from typing import Any, Callable, Tuple, Union

import keras as keras
from keras import layers, ops, activations

Float = float
TensorLike = Any


class Residual(layers.Layer):
    def __init__(self, layer: Union[layers.Layer, Callable[[TensorLike], TensorLike]], **kwargs):
        super().__init__(**kwargs)
        self.layer = layer

    def call(self, x: TensorLike) -> TensorLike:
        y = self.layer(x)
        return x + y


def rfft2d(inputs: TensorLike) -> TensorLike:
    return ops.fft2((inputs, ops.zeros_like(inputs)))[0]


class FNetLayer(layers.Layer):
    def __init__(self, dropout_rate: Float, eps: Float, **kwargs):
        super().__init__(**kwargs)
        self.dropout_rate = dropout_rate
        self.fft = Residual(rfft2d)
        self.norm = layers.LayerNormalization(epsilon=eps)
        self.ffn = lambda x: x

    def build(self, input_shape: Tuple):
        embedding_dim = input_shape[-1]
        self.ffn = Residual(keras.Sequential([
            layers.Dense(units=embedding_dim, activation=activations.gelu),
            layers.Dropout(rate=self.dropout_rate),
            layers.Dense(units=embedding_dim),
        ]))

    def call(self, inputs: TensorLike) -> TensorLike:
        # Apply fourier transformations.
        x = self.norm(self.fft(inputs))
        # Apply Feedforward network.
        y = self.norm(self.ffn(x))

        return y


def build_model():
    inputs = keras.Input((8, 16))
    x = FNetLayer(dropout_rate=0.1, eps=1e-6)(inputs)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)
