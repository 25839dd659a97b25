"""A weight-standardised Conv2D subclass creates its per-filter `gain` with `self.add_weight` in
`__init__` (before the kernel exists) and convolves with its own standardised kernel; the NFNet stem
wires four of them in a `Sequential` with `Lambda` activations: correct on Keras 3, every gain, kernel
and bias is tracked, counted and gets a gradient, and the Lambdas hold no state.

From hoangthang1607/nfnets-Tensorflow-2 (`base.py` at the last commit, 820359294), a TF2 port of
DeepMind's NFNets. `WSConv2D(tf.keras.layers.Conv2D)` passes a fan-in VarianceScaling initializer up,
then `self.gain = self.add_weight(name='gain', shape=(self.filters,), initializer="ones", ...)` in
`__init__`; `call` standardises `self.kernel` ((w - mean) * gain / sqrt(N * var)) and runs
`tf.nn.conv2d(...) + self.bias`. Looks like: a weight made in `__init__` with a size passed by hand
(LD004; but `filters` is the layer's own output size, not an input dimension), a Conv2D whose `call` is
replaced so the stock kernel path is bypassed (LD009 look; the kernel is still used), a `Lambda`
wrapping functions defined outside it (LD012 look; `nonlinearities["gelu"]` is a pure function of x).

Porting edits: none to `WSConv2D`; the module-level `nonlinearities` dict of `nfnet.py` is trimmed to
four of its entries (same lambdas). `build_model()` is the stem of `NFNet.__init__` in `nfnet.py` (same
commit): `tf.keras.Sequential([WSConv2D(16, 3, strides=2, padding="same", name="stem_conv0"),
Lambda(self.activation), WSConv2D(32, ...), Lambda, WSConv2D(64, ...), Lambda, WSConv2D(ch, 3, strides=2,
...)])` with `self.activation = nonlinearities["gelu"]` and `ch = width_pattern[0] // 2 = 128` (F0),
preceded by an `Input((32, 32, 3))` instead of the 192-px training size.
"""

SOURCE = "https://github.com/hoangthang1607/nfnets-Tensorflow-2/blob/820359294714e88ed4ccb9fd316330c52af52f16/base.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/okay_nfnetstf2_wsconv2d_gain_add_weight_in_init_stem_lambda_activations.py:
as returned: Sequential, count_params() = 97680, 12 weights, unbuilt: none
after call: count_params() = 97680, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stem_conv0': 464, 'stem_conv1': 4672, 'stem_conv2': 18560, 'stem_conv3': 73984}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class WSConv2D(tf.keras.layers.Conv2D):
    """WSConv2d
    Reference: https://github.com/deepmind/deepmind-research/blob/master/nfnets/base.py#L121
    """

    def __init__(self, *args, **kwargs):
        super(WSConv2D, self).__init__(
            kernel_initializer=tf.keras.initializers.VarianceScaling(
                scale=1.0, mode='fan_in', distribution='untruncated_normal',
            ), *args, **kwargs
        )
        # Get gain
        self.gain = self.add_weight(
            name='gain',
            shape=(self.filters,),
            initializer="ones",
            trainable=True,
            dtype=self.dtype
        )

    def standardize_weight(self, eps):
        mean = tf.math.reduce_mean(self.kernel, axis=(0, 1, 2), keepdims=True)
        var = tf.math.reduce_variance(self.kernel, axis=(0, 1, 2), keepdims=True)
        fan_in = np.prod(self.kernel.shape[:-1])

        # Manually fused normalization, eq. to (w - mean) * gain / sqrt(N * var)
        scale = tf.math.rsqrt(
            tf.math.maximum(
                var * fan_in,
                tf.convert_to_tensor(eps, dtype=self.dtype)
            )
        ) * self.gain
        shift = mean * scale
        return self.kernel * scale - shift

    def call(self, inputs, eps=1e-4):
        weight = self.standardize_weight(eps)
        return tf.nn.conv2d(
            inputs, weight, strides=self.strides,
            padding=self.padding.upper(), dilations=self.dilation_rate
        ) + self.bias


nonlinearities = {
    "identity": lambda x: x,
    "gelu": lambda x: tf.keras.activations.gelu(x) * 1.7015043497085571,
    "relu": lambda x: tf.keras.activations.relu(x) * 1.7139588594436646,
    "silu": lambda x: tf.nn.silu(x) * 1.7881293296813965,
}


def build_model():
    activation = nonlinearities["gelu"]
    which_conv = WSConv2D
    ch = 256 // 2
    stem = tf.keras.Sequential(
        [
            tf.keras.Input((32, 32, 3)),
            which_conv(16, kernel_size=3, strides=2, padding="same", name="stem_conv0"),
            tf.keras.layers.Lambda(activation, name="act_stem_conv0"),
            which_conv(32, kernel_size=3, strides=1, padding="same", name="stem_conv1"),
            tf.keras.layers.Lambda(activation, name="act_stem_conv1"),
            which_conv(64, kernel_size=3, strides=1, padding="same", name="stem_conv2"),
            tf.keras.layers.Lambda(activation, name="act_stem_conv2"),
            which_conv(ch, kernel_size=3, strides=2, padding="same", name="stem_conv3"),
        ]
    )
    return stem
