"""iSeg's MLP-Mixer block: the token-mixing and channel-mixing `MLPBlock`s are `keras.Model`
subclasses that create both of their `Dense` layers inside `build()`, the second one sized from
`input_shape[-1]`; the token-mixing MLP runs on the transposed tensor, so its widths come from the
number of tokens.

From edwardyehuang/iSeg (`iseg/backbones/mlp_mixer.py`). Looks like the "sublayers created outside
`__init__`" and "widths taken from the first input" traps (state made late, a Model used as a
layer, no `super().build()`), but on Keras 3 sublayers assigned in `build()` are tracked and built
by their first call inside `call()`; every Dense of both mixers is counted and gets a gradient.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the `iseg.static_strings`
import dropped; `MLPBlock` and `MixerBlock` kept as written. The author's `MLPMixer` wrapper is not
used (its `build()` iterates `for _ in self.num_blocks` over an int and raises TypeError); instead a
functional stand-in feeds 16 tokens of width 8 through two MixerBlocks (token_filters 12,
channel_filters 24), pools and classifies into 3 classes.
"""

SOURCE = "https://github.com/edwardyehuang/iSeg/blob/9b45678062cf688927d24f282317bd2c2ab8533d/iseg/backbones/mlp_mixer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okae_iseg_mixer_block_mlp_dense_made_in_build.py:
as returned: Functional, count_params() = 1747, 26 weights, unbuilt: none
after call: count_params() = 1747, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mixer_block': 860, 'channel_mixing': 416, 'token_mixing': 412, 'mixer_block_1': 860}
second call: 0 variables watched that the first call did not use
Every Dense made in MLPBlock.build() is tracked and gets a gradient; token_mixing Dense widths follow the 16 tokens (dense1 units = input_shape[-1] of the transposed input)."""

import tensorflow as tf
import keras


class MLPBlock (keras.Model):

    def __init__(self, filters, name = None):
        super().__init__(name = name)

        self.filters = filters


    def build(self, input_shape):

        self.dense0 = keras.layers.Dense(self.filters, activation = tf.nn.gelu, name = "dense0")
        self.dense1 = keras.layers.Dense(input_shape[-1], name = "dense1")


    def call(self, inputs, training = None):

        x = self.dense0(inputs)
        x = self.dense1(x)

        return x


class MixerBlock(keras.Model):

    def __init__(self, token_filters, channel_filters, name = None):
        super().__init__(name = name)

        self.norm_0 = keras.layers.LayerNormalization()
        self.norm_1 = keras.layers.LayerNormalization()

        self.token_mixing = MLPBlock(token_filters, name = "token_mixing")
        self.channel_mixing = MLPBlock(channel_filters, name = "channel_mixing")


    def call(self, inputs, training = None):

        x = self.norm_0(inputs, training = training) # [N, HW, C]

        x = tf.transpose(x, [0, 2, 1]) # [N, C, HW]
        x = self.token_mixing(x) # [N, C, HW]

        x = tf.transpose(x, [0, 2, 1]) # [N, HW, C]

        x += inputs
        idenity = x

        x = self.norm_1(x, training = training)
        x = self.channel_mixing(x)

        return idenity + x


def build_model():
    inputs = keras.Input((16, 8))
    x = MixerBlock(12, 24)(inputs)
    x = MixerBlock(12, 24)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(3)(x)
    return keras.Model(inputs, outputs)
