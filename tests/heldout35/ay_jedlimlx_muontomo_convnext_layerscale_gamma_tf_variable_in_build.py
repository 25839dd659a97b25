"""A ConvNeXt block's `LayerScale` makes its per-channel `gamma` with `tf.Variable` inside `build()`:
on Keras 3 the layer owns no weight, `gamma` (1e-6) is not counted, never trained and never saved.

From jedlimlx/Muon-Tomography-AI (`layers/convnext_block.py`), a muon-tomography reconstruction
project. `LayerScale(Layer)` (after the keras-cv/keras.io ConvNeXt) stores `init_values` and
`projection_dim` in `__init__` and in `build` writes `self.gamma = tf.Variable(self.init_values *
tf.ones((self.projection_dim,)))`; `call` returns `x * self.gamma`. `ConvNeXtBlock(Layer)` creates a
grouped (depthwise) Conv2D, LayerNormalization, two Dense "pointwise convs" and, when
`layer_scale_init_value` is set (1e-6 by default), a `LayerScale` sublayer in `__init__`, and adds the
result to the input. The file's `__main__` trains `tf.keras.Sequential([ConvNeXtBlock(projection_dim=4,
...)])` on (8, 8, 4) tensors. On tf.keras 2 the tf.Variable would be tracked.

Porting edits: the sublayer names `self.name + "/depthwise_conv"` etc. use "/" which Keras 3 rejects in
layer names, so "/" became "_" (names only). `StochasticDepth` (from `layers/regularisation.py`, which
calls `K.random_bernoulli`, absent from Keras 3) is not needed: `build_model()` keeps the default
`drop_connect_rate=0.0`, so `self.sd` is None and the block adds `inputs + x` as the author wrote. The
3D branch is kept. `build_model()` is the author's `Sequential([ConvNeXtBlock(projection_dim=4)])`
(no Input, as in `__main__`) returned with a (2, 8, 8, 4) batch. Doubt kept as decided: how the bug
shows depends on how the block gets built. Calling the unbuilt Sequential (or putting a
`tf.keras.Input((8, 8, 4))` in front) makes Keras 3 build the block symbolically and the `tf.Variable`
in `build` crashes ("Argument `initial_value` ... could not be lifted out of a `tf.function`"); the
author's own path (`compile` + `fit` on the unbuilt Sequential) and an eager call on a tensor both
succeed and train silently without `gamma` (probe_jedlimlx.py). Both are the one LD003 root defect.
"""

SOURCE = "https://github.com/jedlimlx/Muon-Tomography-AI/blob/109f5eec2596e9c9c33f2b3fc5a4e5c5abb0bc88/layers/convnext_block.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/ay_jedlimlx_muontomo_convnext_layerscale_gamma_tf_variable_in_build.py:
as returned: Sequential, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['ConvNeXtBlock:conv_ne_xt_block', 'LayerScale:conv_ne_xt_block_layer_scale', 'Dense:conv_ne_xt_block_pointwise_conv_2', 'Dense:conv_ne_xt_block_pointwise_conv_1', 'LayerNormalization:conv_ne_xt_block_layer_norm', 'Conv2D:conv_ne_xt_block_depthwise_conv']
call 1 raised ValueError: Exception encountered when calling ConvNeXtBlock.call().
probe (probe_jedlimlx.py): author's Sequential([ConvNeXtBlock(projection_dim=4)]) + compile(SGD(1.0), mse) + fit on
(16, 8, 8, 4): fit ok, model.count_params() = 356, layer_scale.weights == [], gamma still 1e-6 after the epoch;
an eagerly called block: count_params() = 356, 8 weights, gamma is a tf ResourceVariable, unchanged after fit;
with an explicit Input in front: ValueError "Argument `initial_value` (...layer_scale/mul:0...) could not be lifted out of a `tf.function`"."""

import tensorflow as tf

from tensorflow.keras.layers import *


class LayerScale(Layer):
    """Layer scale module.
    References:
      - https://arxiv.org/abs/2103.17239
    """

    def __init__(self, init_values, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.init_values = init_values
        self.projection_dim = projection_dim

    def build(self, input_shape):
        self.gamma = tf.Variable(self.init_values * tf.ones((self.projection_dim,)))

    def call(self, x, **kwargs):
        return x * self.gamma

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "init_values": self.init_values,
                "projection_dim": self.projection_dim,
            }
        )
        return config


class ConvNeXtBlock(Layer):
    def __init__(self,
                 projection_dim,
                 drop_connect_rate=0.0,
                 layer_scale_init_value=1e-6,
                 activation="gelu",
                 kernel_size=7,
                 attention="se",
                 dims=2,
                 **kwargs):
        super(ConvNeXtBlock, self).__init__(**kwargs)

        if dims == 2:
            self.conv = Conv2D(
                filters=projection_dim,
                kernel_size=kernel_size,
                padding="same",
                groups=projection_dim,
                name=self.name + "_depthwise_conv",
            )
        elif dims == 3:
            self.conv = Conv3D(
                filters=projection_dim,
                kernel_size=kernel_size,
                padding="same",
                groups=projection_dim,
                name=self.name + "_depthwise_conv",
            )

        self.norm = LayerNormalization(epsilon=1e-6, name=self.name + '_layer_norm')
        self.pw_conv_1 = Dense(4 * projection_dim, activation=activation, name=self.name + '_pointwise_conv_1')
        self.pw_conv_2 = Dense(projection_dim, name=self.name + '_pointwise_conv_2')

        self.layer_scale = None
        if layer_scale_init_value:
            self.layer_scale = LayerScale(
                layer_scale_init_value, projection_dim, name=self.name + '_layer_scale',
                dtype="float32"
            )

        self.sd = None
        if drop_connect_rate:
            self.sd = StochasticDepth(drop_connect_rate, name=self.name + '_stochastic_depth')  # noqa: F405 - not reached

    def call(self, inputs, *args, **kwargs):
        x = inputs
        x = self.conv(x)
        x = self.norm(x)
        x = self.pw_conv_1(x)
        x = self.pw_conv_2(x)

        if self.layer_scale:
            x = self.layer_scale(x)

        if self.sd:
            x = self.sd([inputs, x])
        else:
            x = inputs + tf.cast(x, inputs.dtype)

        return x


def build_model():
    import numpy as np

    model2d = tf.keras.Sequential([ConvNeXtBlock(projection_dim=4)])
    inputs = np.random.default_rng(0).random((2, 8, 8, 4)).astype("float32")
    return model2d, inputs
