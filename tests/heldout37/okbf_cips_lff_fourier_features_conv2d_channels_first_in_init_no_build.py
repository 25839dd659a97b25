"""CIPS's learned Fourier-feature layer `LFF` holds a `ConLinear` that holds a channels-first 1x1 Conv2D, both made in `__init__` with no `build()`: the nested sublayers are tracked, built on the first call and trained.

From taki0112/CIPS-Tensorflow (`layers.py`), a TF 2 port of CIPS (Conditionally-Independent Pixel
Synthesis, Anokhin et al. 2021), a GAN that generates each pixel from its coordinates. `LFF` (learned
Fourier features) creates `self.ffm = ConLinear(hidden_size, is_fist=True)` in `__init__` and returns
`sin(self.ffm(coords))`; `ConLinear` creates a 1x1 `Conv2D(..., data_format='channels_first')` with a
SIREN-style uniform initializer in `__init__`. Neither layer has a `build()`; the outer `CIPSskip` Model
keeps `self.lff = LFF(self.hidden_size)`. This is the catalog's first myth (a sublayer assigned in
`__init__` of an outer layer without `build()`), here two levels deep; on Keras 3 both levels are
tracked and the kernel and bias get gradients through `tf.sin`.

Porting edits: `tf.keras` is `keras`; the `tf.initializers` initializers are kept (TF 2.21 still has them).
build_model() feeds LFF as `CIPSskip.call()` does, with a coordinate grid in channels-first layout:
a functional model on a (2, 8, 8) input (x/y coordinates of an 8x8 image) and `hidden_size=16`.
"""

SOURCE = "https://github.com/taki0112/CIPS-Tensorflow/blob/c7cb5ce4d2bae69dffe3101b6649ef1b0a5a72c7/layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbf_cips_lff_fourier_features_conv2d_channels_first_in_init_no_build.py:
as returned: Functional, count_params() = 48, 2 weights, unbuilt: none
after call: count_params() = 48, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lff': 48, 'con_linear': 48}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import keras


class ConLinear(keras.layers.Layer):
    def __init__(self, out_ch, is_fist=False, **kwargs):
        super(ConLinear, self).__init__(**kwargs)
        in_ch = 2

        if is_fist:
            weight_initializer = tf.initializers.RandomUniform(minval=-np.sqrt(9 / in_ch), maxval=np.sqrt(9 / in_ch))
            self.conv = keras.layers.Conv2D(filters=out_ch, kernel_size=1, strides=1, use_bias=True,
                                            data_format='channels_first', kernel_initializer=weight_initializer)
        else:
            weight_initializer = tf.initializers.random_uniform(minval=-np.sqrt(3 / in_ch), maxval=np.sqrt(3 / in_ch))
            self.conv = keras.layers.Conv2D(filters=out_ch, kernel_size=1, strides=1, use_bias=True,
                                            data_format='channels_first', kernel_initializer=weight_initializer)

    def call(self, inputs, training=None, mask=None):
        x = self.conv(inputs)
        return x

class LFF(keras.layers.Layer):
    def __init__(self, hidden_size, **kwargs):
        super(LFF, self).__init__(**kwargs)

        self.ffm = ConLinear(hidden_size, is_fist=True)

    def call(self, inputs, training=None, mask=None):
        x = self.ffm(inputs)
        x = tf.sin(x)

        return x


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    coords = keras.Input((2, 8, 8))
    out = LFF(16, name='lff')(coords)
    return keras.Model(coords, out)
