"""aeon's Keras-3-era `_WeightNormalization` wrapper builds the wrapped dilated causal Conv1D and then convolves
with its own `v`/`g` through `tf.nn.conv1d`: the Conv1D's kernel and bias are counted and saved but never used, so
they get no gradient (LD009); by reading, the wrapped layer's dilation, causal padding, bias and activation are
dropped too.

From aeon-toolkit/aeon (a scikit-learn-style time-series toolkit) `aeon/utils/networks/weight_norm.py`, the
rewrite that replaced the tensorflow-addons copy. `build()` builds `self.layer` if needed, keeps `self.w =
self.layer.kernel`, and adds `v` (shape of the kernel, random normal) and `g` (one per filter) with `add_weight`;
`call()` computes `g * v / ||v||` and returns `tf.nn.conv1d(inputs, filters=normalized_kernel, stride=1,
padding="SAME")`. It never calls `self.layer`, so the wrapped Conv1D's `kernel` and `bias` (created by
`self.layer.build`, tracked through the Wrapper) take no part in the output. The DCNN encoder of the same period
(`aeon/networks/_dcnn.py`, Franceschi et al.'s dilated causal encoder) wraps two
`Conv1D(n_filters, kernel_size, dilation_rate=d, padding="causal"[, activation=...])` per block in it.

Porting edits: the `if _check_soft_dependencies(["tensorflow"]):` guard around the class is dropped;
`get_config`/`from_config` are left out. build_model() wires one DCNN block the way `_dcnn_layer` does, for
20 time steps x 3 channels: a 1x1 Conv1D shortcut, two `_WeightNormalization(Conv1D(32, 3, dilation_rate=2,
padding="causal"))` (the second with `activation="relu"`), `Add`, then the encoder head
(`GlobalMaxPool1D`, `Dense(8)`).
"""

SOURCE = "https://github.com/aeon-toolkit/aeon/blob/15284c81916d6fe6a24a9f205f8f1075125b1fd6/aeon/utils/networks/weight_norm.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/bi_aeon_weightnormalization_wrapped_conv1d_kernel_bias_unused_in_call.py:
as returned: Functional, count_params() = 7240, 12 weights, unbuilt: none
after call: count_params() = 7240, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 12 trainable weights: ['__weight_normalization/conv1d_1/kernel', '__weight_normalization/conv1d_1/bias', '__weight_normalization_1/conv1d_2/kernel', '__weight_normalization_1/conv1d_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'__weight_normalization': 640, '__weight_normalization_1': 6208}
second call: 0 variables watched that the first call did not use
(640 = wrapped Conv1D 3x3x32+32 = 320 plus v 288 and g 32: half of each wrapper's parameters are the unused
Conv1D kernel and bias, the four weights with a None gradient.)"""

import tensorflow as tf


class _WeightNormalization(tf.keras.layers.Wrapper):
    """Apply weight normalization to a Keras layer."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, tf.keras.layers.Layer):
            raise ValueError("The `layer` argument should be a Keras layer.")

        super().__init__(layer, **kwargs)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)

        self.w = self.layer.kernel
        self.v = self.add_weight(
            shape=self.w.shape,
            initializer="random_normal",
            trainable=True,
            name="v",
        )
        self.g = self.add_weight(
            shape=(self.w.shape[-1],), initializer="ones", trainable=True, name="g"
        )
        super().build(input_shape)

    def call(self, inputs):
        norm = tf.sqrt(tf.reduce_sum(tf.square(self.v), axis=0, keepdims=True))
        normalized_kernel = self.g * self.v / norm
        output = tf.nn.conv1d(
            inputs, filters=normalized_kernel, stride=1, padding="SAME"
        )
        return output


def _dcnn_layer(_inputs, _n_filters, _dilation_rate, _activation, _kernel_size, _padding):
    _add = tf.keras.layers.Conv1D(_n_filters, kernel_size=1)(_inputs)
    x = _WeightNormalization(
        tf.keras.layers.Conv1D(
            _n_filters,
            kernel_size=_kernel_size,
            dilation_rate=_dilation_rate,
            padding=_padding,
        )
    )(_inputs)
    x = _WeightNormalization(
        tf.keras.layers.Conv1D(
            _n_filters,
            kernel_size=_kernel_size,
            dilation_rate=_dilation_rate,
            padding=_padding,
            activation=_activation,
        )
    )(x)
    output = tf.keras.layers.Add()([x, _add])
    return output


def build_model():
    input_layer = tf.keras.layers.Input((20, 3))
    x = _dcnn_layer(input_layer, 32, 2, "relu", 3, "causal")
    x = tf.keras.layers.GlobalMaxPool1D()(x)
    output_layer = tf.keras.layers.Dense(8)(x)
    return tf.keras.Model(inputs=input_layer, outputs=output_layer)
