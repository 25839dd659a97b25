"""Conformer conv module (TF port): the BatchNorm wrapper builds a fresh BatchNormalization inside call() on every pass.

Rishit-dagli/Conformer implements the convolution module of "Conformer: Convolution-augmented
Transformer for Speech Recognition" as a tf.keras.Sequential of small custom layers. Its
`BatchNorm(causal)` wrapper has no sublayer of its own: call() does
`return tf.keras.layers.BatchNormalization(axis=-1)(inputs)`, so every forward pass creates a new
BatchNormalization with new gamma/beta/moving statistics. None of them is tracked by the module:
they are not counted, never trained or saved, the moving statistics never accumulate (each new
layer starts from mean 0 / variance 1), and each call watches a new set of variables.
einops' `Rearrange("b n c -> b c n")` is replaced by an equivalent tiny layer (einops is not
installed); the module is used as in the README: `x = layer(x) + x`.
"""

SOURCE = "https://github.com/Rishit-dagli/Conformer/blob/9a89d28d2071d68dc6d7745747ff40c89bf85393/conformer_tf/conformer_tf.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py h_conformer_batchnorm_created_in_call.py:
as returned: ConformerConvModule, count_params() = 2736, 8 weights, unbuilt: none
after call: count_params() = 2736, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 2 variables the model does not track: ['conformer_conv_module/sequential/batch_norm/batch_normalization_3/gamma:0', 'conformer_conv_module/sequential/batch_norm/batch_normalization_3/beta:0']
params of the case's own layers: {'swish': 0, 'batch_norm': 0, 'depthwise_layer': 64, 'glu': 0, 'rearrange': 0}
second call: 2 variables watched that the first call did not use
own script (/tmp/mine10c/conf_fit.py): wrapped in a keras.Model and fit for one step -> ValueError from BatchNorm.call():
"tf.function only supports singleton tf.Variables created on the first call."."""

import tensorflow as tf


class Rearrange(tf.keras.layers.Layer):
    """Stand-in for einops.layers.tensorflow.Rearrange("b n c -> b c n")."""

    def __init__(self, pattern, **kwargs):
        super(Rearrange, self).__init__(**kwargs)
        self.pattern = pattern

    def call(self, inputs):
        return tf.transpose(inputs, (0, 2, 1))


class Swish(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super(Swish, self).__init__(**kwargs)

    def call(self, inputs):
        return inputs * tf.sigmoid(inputs)


class GLU(tf.keras.layers.Layer):
    def __init__(self, dim, **kwargs):
        super(GLU, self).__init__(**kwargs)
        self.dim = dim

    def call(self, inputs):
        out, gate = tf.split(inputs, 2, axis=self.dim)
        return out * tf.sigmoid(gate)


class DepthwiseLayer(tf.keras.layers.Layer):
    def __init__(self, chan_in, chan_out, kernel_size, padding, **kwargs):
        super(DepthwiseLayer, self).__init__(**kwargs)
        self.padding = padding
        self.chan_in = chan_in
        self.conv = tf.keras.layers.Conv1D(chan_out, 1, groups=chan_in)

    def call(self, inputs):
        inputs = tf.reshape(inputs, [-1])
        padded = tf.zeros([self.chan_in * self.chan_in] - tf.shape(inputs), dtype=inputs.dtype)
        inputs = tf.concat([inputs, padded], 0)
        inputs = tf.reshape(inputs, [-1, self.chan_in, self.chan_in])
        return self.conv(inputs)


class BatchNorm(tf.keras.layers.Layer):
    def __init__(self, causal, **kwargs):
        super(BatchNorm, self).__init__(**kwargs)
        self.causal = causal

    def call(self, inputs):
        if not self.causal:
            return tf.keras.layers.BatchNormalization(axis=-1)(inputs)
        return tf.identity(inputs)


class ConformerConvModule(tf.keras.layers.Layer):
    def __init__(self, dim, causal=False, expansion_factor=2, kernel_size=31, dropout=0.0, **kwargs):
        super(ConformerConvModule, self).__init__(**kwargs)

        inner_dim = dim * expansion_factor
        if not causal:
            padding = (kernel_size // 2, kernel_size // 2 - (kernel_size + 1) % 2)
        else:
            padding = (kernel_size - 1, 0)

        self.net = tf.keras.Sequential([
            tf.keras.layers.LayerNormalization(axis=-1),
            Rearrange("b n c -> b c n"),
            tf.keras.layers.Conv1D(filters=inner_dim * 2, kernel_size=1),
            GLU(dim=1),
            DepthwiseLayer(inner_dim, inner_dim, kernel_size=kernel_size, padding=padding),
            BatchNorm(causal=causal),
            Swish(),
            tf.keras.layers.Conv1D(filters=dim, kernel_size=1),
            tf.keras.layers.Dropout(dropout),
        ])

    def call(self, inputs):
        return self.net(inputs)


def build_model():
    layer = ConformerConvModule(dim=16, causal=False, expansion_factor=2, kernel_size=31, dropout=0.0)
    x = tf.random.normal([1, 32, 16])
    x = layer(x) + x  # (1, 32, 16), as in the README
    return layer, tf.random.normal([1, 32, 16])
