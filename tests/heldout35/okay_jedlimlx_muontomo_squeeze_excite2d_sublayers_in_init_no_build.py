"""A squeeze-and-excitation layer (keras-cv's block copied into a project) creates its pooling,
Reshape and two 1x1 Conv2D layers in `__init__`, has no `build()`, takes the channel count by hand and
multiplies with `tf.math.multiply` in `call`: correct on Keras 3, both convs are built on the first
call, tracked, counted and trained.

From jedlimlx/Muon-Tomography-AI (`layers/attention.py`), the same muon-tomography project whose
ConvNeXt `LayerScale` is an LD003 case in this collection (a different file). `SqueezeAndExcite2D(Layer)`
validates `ratio` and `filters`, computes `bottleneck_filters = int(filters * ratio)`, and assigns
`GlobalAveragePooling2D`, `Reshape((1, 1, filters))`, `Conv2D(bottleneck, 1x1, relu)` and `Conv2D(filters,
1x1, sigmoid)` to `self` in `__init__`; `call(inputs, training=True)` chains them and returns
`tf.math.multiply(x, inputs)`. Looks like: sublayers never built in a `build()` (LD005 look; the Myths
list: a sublayer assigned in `__init__` of a layer with no `build()` is tracked), a size passed in by
hand (LD004 look; no `add_weight` is involved, the convs size themselves from their input), and a
`training=True` default in `call` (no state involved).

Porting edits: none. The project applies the block inside its (commented-out) functional
`ConvNeXtBlock` factory as `se_block(projection_dim, name=name + "_squeeze_exite")(x)` after the
pointwise convs; `build_model()` does the same on a small functional stem: `Input((8, 8, 16)) ->
Conv2D(16, 3, padding="same") -> SqueezeAndExcite2D(16, name="block_squeeze_exite")`.
"""

SOURCE = "https://github.com/jedlimlx/Muon-Tomography-AI/blob/3d234f7683af953809e189e5ec0f62063de4c723/layers/attention.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/okay_jedlimlx_muontomo_squeeze_excite2d_sublayers_in_init_no_build.py:
as returned: Functional, count_params() = 2468, 6 weights, unbuilt: none
after call: count_params() = 2468, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'block_squeeze_exite': 148}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

from tensorflow.keras.layers import *


class SqueezeAndExcite2D(Layer):
    """
    Implements Squeeze and Excite block as in
    [Squeeze-and-Excitation Networks](https://arxiv.org/pdf/1709.01507.pdf).
    """

    def __init__(
        self,
        filters,
        ratio=0.25,
        squeeze_activation="relu",
        excite_activation="sigmoid",
        **kwargs,
    ):
        super().__init__(**kwargs)

        self.filters = filters

        if ratio <= 0.0 or ratio >= 1.0:
            raise ValueError(f"`ratio` should be a float between 0 and 1. Got {ratio}")

        if filters <= 0 or not isinstance(filters, int):
            raise ValueError(f"`filters` should be a positive integer. Got {filters}")

        self.ratio = ratio
        self.bottleneck_filters = int(self.filters * self.ratio)

        self.squeeze_activation = squeeze_activation
        self.excite_activation = excite_activation

        self.global_average_pool = GlobalAveragePooling2D()
        self.reshape = Reshape((1, 1, filters))
        self.squeeze_conv = Conv2D(
            self.bottleneck_filters, (1, 1),
            activation=self.squeeze_activation,
        )
        self.excite_conv = Conv2D(
            self.filters, (1, 1), activation=self.excite_activation
        )

    def call(self, inputs, training=True):
        x = self.global_average_pool(inputs)
        x = self.reshape(x)  # x: (batch_size, 1, 1, filters)
        x = self.squeeze_conv(x)  # x: (batch_size, 1, 1, bottleneck_filters)
        x = self.excite_conv(x)  # x: (batch_size, 1, 1, filters)
        x = tf.math.multiply(x, inputs)  # x: (batch_size, h, w, filters)
        return x

    def get_config(self):
        config = {
            "filters": self.filters,
            "ratio": self.ratio,
            "squeeze_activation": self.squeeze_activation,
            "excite_activation": self.excite_activation,
        }
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    inputs = tf.keras.Input((8, 8, 16))
    x = Conv2D(16, 3, padding="same")(inputs)
    x = SqueezeAndExcite2D(16, name="block_squeeze_exite")(x)
    return tf.keras.Model(inputs, x)
