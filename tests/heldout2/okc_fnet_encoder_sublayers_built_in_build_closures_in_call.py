"""An FNet encoder creates its norm and feed-forward sublayers in `build()`, builds each explicitly, and
`call()` routes through small nested helper functions that close over them.

KerasHub's `FNetEncoder.build()` makes `_mixing_layer_norm`, `_output_layer_norm`,
`_intermediate_dense`, `_output_dense` (each `.build(...)` by hand) and a Dropout; `call()` defines local
`fourier_transform`, `add_and_norm` and `feed_forward` closures and mixes tokens with `ops.fft2` on a
`zeros_like` imaginary part. Sublayers made in `build()`, closures over layers and tensors made in
`call()` all look suspicious; everything is tracked. Rewritten smaller, in my own words.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/f_net_encoder.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_fnet_encoder_sublayers_built_in_build_closures_in_call.py:
as returned: Functional, count_params() = 330, 10 weights, unbuilt: none
after call: count_params() = 330, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fourier_mixing_encoder': 312}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class FourierMixingEncoder(keras.layers.Layer):
    def __init__(self, intermediate_dim, dropout=0.1, **kwargs):
        super().__init__(**kwargs)
        self.intermediate_dim = intermediate_dim
        self.dropout = dropout

    def build(self, inputs_shape):
        features = inputs_shape[-1]
        self._mixing_norm = keras.layers.LayerNormalization(name="mixing_norm")
        self._mixing_norm.build(inputs_shape)
        self._output_norm = keras.layers.LayerNormalization(name="output_norm")
        self._output_norm.build(inputs_shape)
        self._inner = keras.layers.Dense(self.intermediate_dim, activation="relu", name="inner")
        self._inner.build(inputs_shape)
        self._outer = keras.layers.Dense(features, name="outer")
        self._outer.build(self._inner.compute_output_shape(inputs_shape))
        self._dropout = keras.layers.Dropout(self.dropout)
        self.built = True

    def call(self, inputs, training=None):
        def fourier(x):
            real, _ = ops.fft2((x, ops.zeros_like(x)))
            return real

        def add_and_norm(a, b, norm):
            return norm(a + b)

        def feed_forward(x):
            return self._dropout(self._outer(self._inner(x)), training=training)

        mixed = add_and_norm(inputs, fourier(inputs), self._mixing_norm)
        return add_and_norm(mixed, feed_forward(mixed), self._output_norm)


def build_model():
    tokens = keras.Input((6, 8))
    x = FourierMixingEncoder(16)(tokens)
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model(tokens, keras.layers.Dense(2)(x))
