"""An NFNet block's SkipInit gain is made with `self.add_weight(...)` inside `call()` and multiplied in
at once (`out = out * self.add_weight(name='skip_gain', ...)`): a weight created during the call instead
of once in `__init__`/`build`.

From hoangthang1607/nfnets-Tensorflow-2 (`nfnet.py` at commit 07ea8f82, "correct WSConv2D
implementation"), a TF2 port of DeepMind's NFNets. `NFBlock(tf.keras.Model)` builds WSConv2D
convolutions (`base.py`: a `Conv2D` subclass whose `gain` is an `add_weight` in `__init__` and whose
`call` standardises the kernel), a SqueezeExcite model and an optional StochDepth in `__init__`; `call`
runs the residual branch and ends with `out = out * self.add_weight(name='skip_gain', shape=(),
initializer="zeros", trainable=True, dtype=out.dtype)` before `return out * self.alpha + shortcut,
res_avg_var`. DeepMind's haiku original creates `skip_gain` with `hk.get_parameter` in `__call__`,
which is a lookup in haiku; in Keras it is a fresh variable per call. The author moved it to
`__init__` (`self.skip_gain = self.add_weight(...)`) two commits later (61a795ba, "update nfnet module").
The same pattern was in `base.py`'s WSConv2D `gain` before 07ea8f82.

Porting edits: `from base import WSConv2D, SqueezeExcite, StochDepth` is replaced by the author's
WSConv2D and SqueezeExcite from `base.py` at the same commit, copied in unchanged (StochDepth is not
used with `stochdepth_rate=None`). On Keras 3 the bug is a crash on the first call (measured below), not the silent re-creation
tf.keras 2 gave; the root defect is the same, so LD002. `build_model()` builds `NFBlock(256, 256, group_size=128)` (the
F0 group size; in=out and stride 1, so the shortcut is the input) and calls it on a (2, 8, 8, 256)
batch, the one forward pass (the crash is the bug, so `build_model()` raises it); the block returns
`(out, res_avg_var)` as the author wrote.
"""

SOURCE = "https://github.com/hoangthang1607/nfnets-Tensorflow-2/blob/07ea8f820d40a8421b324715eb218c68d6e63b17/nfnet.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/ay_nfnetstf2_nfblock_skip_gain_add_weight_inside_call.py:
build_model() raised ValueError: Exception encountered when calling NFBlock.call().
probe (probe_nfblock.py), the full message of the same first call: ValueError "You cannot add new
elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the
`__init__()` method or in the `build()` method." Keras 3 raises although the new variable is only used as a local
(never assigned to self): `add_weight` itself registers it on the already-built block."""

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


class SqueezeExcite(tf.keras.Model):
    """Simple Squeeze+Excite module."""

    def __init__(self, in_ch, out_ch, se_ratio=0.5,
        hidden_ch=None, activation=tf.keras.activations.relu, name=None
    ):
        super(SqueezeExcite, self).__init__(name=name)
        self.in_ch, self.out_ch = in_ch, out_ch
        if se_ratio is None:
            if hidden_ch is None:
                raise ValueError('Must provide one of se_ratio or hidden_ch')
            self.hidden_ch = hidden_ch
        else:
            self.hidden_ch = max(1, int(self.in_ch * se_ratio))
        self.activation = activation
        self.fc0 = tf.keras.layers.Dense(self.hidden_ch, use_bias=True)
        self.fc1 = tf.keras.layers.Dense(self.out_ch, use_bias=True)

    def call(self, x):
        h = tf.math.reduce_mean(x, axis=[1, 2])  # Mean pool over HW extent
        h = self.fc1(self.activation(self.fc0(h)))
        h = tf.keras.activations.sigmoid(h)[:, None, None]  # Broadcast along H, W
        return h


class NFBlock(tf.keras.Model):
    """Normalizer-Free Net Block."""

    def __init__(self, in_ch, out_ch, expansion=0.5, se_ratio=0.5,
        kernel_shape=3, group_size=128, stride=1,
        beta=1.0, alpha=0.2,
        which_conv=WSConv2D, activation=tf.keras.activations.gelu,
        big_width=True, use_two_convs=True,
        stochdepth_rate=None, name=None
    ):
        super(NFBlock, self).__init__(name=name)
        self.in_ch, self.out_ch = in_ch, out_ch
        self.expansion = expansion
        self.se_ratio = se_ratio
        self.kernel_shape = kernel_shape
        self.activation = activation
        self.beta, self.alpha = beta, alpha
        # Mimic resnet style bigwidth scaling?
        width = int((self.out_ch if big_width else self.in_ch) * expansion)
        # Round expanded with based on group count
        self.groups = width // group_size
        self.width = group_size * self.groups
        self.stride = stride
        self.use_two_convs = use_two_convs
        # Conv 0 (typically expansion conv)
        self.conv0 = which_conv(
            filters=self.width, kernel_size=1, padding='same', name='conv0'
        )
        # Grouped NxN conv
        self.conv1 = which_conv(
            filters=self.width, kernel_size=kernel_shape, strides=stride,
            padding='same', groups=self.groups, name='conv1')
        if self.use_two_convs:
            self.conv1b = which_conv(
                filters=self.width, kernel_size=kernel_shape, strides=1, padding='same',
                groups=self.groups, name='conv1b'
            )
        # Conv 2, typically projection conv
        self.conv2 = which_conv(
            filters=self.out_ch, kernel_size=1, padding='same', name='conv2'
        )
        # Use shortcut conv on channel change or downsample.
        self.use_projection = stride > 1 or self.in_ch != self.out_ch
        if self.use_projection:
            self.conv_shortcut = which_conv(
                filters=self.out_ch, kernel_size=1, padding='same', name='conv_shortcut'
            )
        # Squeeze + Excite Module
        self.se = SqueezeExcite(self.out_ch, self.out_ch, self.se_ratio)
        # Are we using stochastic depth?
        self._has_stochdepth = (
            stochdepth_rate is not None
            and stochdepth_rate > 0.0
            and stochdepth_rate < 1.0
        )
        if self._has_stochdepth:
            self.stoch_depth = StochDepth(stochdepth_rate)  # noqa: F821 - not reached

    def call(self, x, training):
        out = self.activation(x) * self.beta
        if self.stride > 1:  # Average-pool downsample.
            shortcut = tf.keras.layers.AveragePooling2D(
                pool_size=(2, 2), strides=(2, 2), padding='same'
            )(out)
            if self.use_projection:
                shortcut = self.conv_shortcut(shortcut)
        elif self.use_projection:
            shortcut = self.conv_shortcut(out)
        else:
            shortcut = x
        out = self.conv0(out)
        out = self.conv1(self.activation(out))
        if self.use_two_convs:
            out = self.conv1b(self.activation(out))
        out = self.conv2(self.activation(out))
        out = (self.se(out) * 2) * out  # Multiply by 2 for rescaling
        # Get average residual standard deviation for reporting metrics.
        res_avg_var = tf.math.reduce_mean(tf.math.reduce_variance(out, axis=[0, 1, 2]))
        # Apply stochdepth if applicable.
        if self._has_stochdepth:
            out = self.stoch_depth(out, training)
        # SkipInit Gain
        out = out * self.add_weight(
            name='skip_gain',
            shape=(),
            initializer="zeros",
            trainable=True,
            dtype=out.dtype
        )
        return out * self.alpha + shortcut, res_avg_var


def build_model():
    block = NFBlock(256, 256, group_size=128)
    inputs = np.random.default_rng(0).random((2, 8, 8, 256)).astype("float32")
    block(inputs, training=False)  # the first forward pass, as NFNet.call makes it: raises on Keras 3
    return block, inputs
