"""A StyleGAN-style generator whose `AdaptiveInstanceNormalization` layer builds the two style projections
(`gamma` / `beta` `Dense` layers) and a `Lambda` around its own AdaIN method inside `call()`.

From pdkary/VincentGANVogh (`layers/AdaptiveInstanceNormalization.py` at the commit below, used by
`Generator.generator_block`: `out = AdaptiveInstanceNormalization(config.filters)([out, self.S])` after
each convolution, with `self.S` the output of the style mapping network). The author's intent: per
block, learn an affine map from the style vector to per-channel scale and bias. On Keras 3 the `Dense`
layers are locals of `call()`: not attributes, not tracked, so the AdaIN layers own 0 parameters, the
functional generator counts and trains only the convolutions and the mapping network, and every call of
the layer creates fresh, randomly initialised projections.

Porting edits: `keras.layers` / `keras.backend` -> `tensorflow.keras` (the legacy backend functions are
the same); the `GeneratorModelConfig` / `StyleModel` / `NoiseModel` config classes replaced by their
effect: a constant input (4x4x8), a style mapping of two Dense(8) + LeakyReLU on an 8-d latent, one
generator block (bilinear UpSampling2D, Conv2D(8, 3) 'same', AdaIN with the style, LeakyReLU), a 1x1
Conv2D to RGB; no noise branch, no compile/summary.
"""

SOURCE = "https://github.com/pdkary/VincentGANVogh/blob/8113b57633c031463cc8b2352a866f434aa90c34/layers/AdaptiveInstanceNormalization.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/h_vincentganvogh_adain_style_dense_made_in_call.py:
as returned: Functional, count_params() = 755, 8 weights, unbuilt: none
after call: count_params() = 755, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 4 variables the model does not track: ['Generator/adaptive_instance_normalization/dense_4/kernel:0', 'Generator/adaptive_instance_normalization/dense_4/bias:0', 'Generator/adaptive_instance_normalization/dense_5/kernel:0', 'Generator/adaptive_instance_normalization/dense_5/bias:0']
params of the case's own layers: {'adaptive_instance_normalization': 0}
second call: 4 variables watched that the first call did not use
(755 = mapping Dense 72 + 72, Conv2D 584, to-RGB 27; the 2 x (8*8+8) = 144 style-projection params the
author meant the AdaIN layer to learn are missing.)"""

import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow.keras.layers import Conv2D, Dense, Input, Lambda, Layer, LeakyReLU, UpSampling2D
from tensorflow.keras.models import Model


class AdaptiveInstanceNormalization(Layer):
    def __init__(self,filters):
        super(AdaptiveInstanceNormalization, self).__init__()
        self.filters = filters

    def call(self, inputs):
        input_model,style_model = inputs
        gamma = Dense(self.filters,bias_initializer='ones')(style_model)
        beta = Dense(self.filters,bias_initializer='zeros')(style_model)
        return Lambda(self.AdaIN)([input_model,gamma,beta])

    def AdaIN(self,input_arr):
        input_tensor, gamma, beta = input_arr
        mean = K.mean(input_tensor, axis = [1, 2], keepdims = True)
        std = K.std(input_tensor, axis = [1, 2], keepdims = True) + 1e-7
        y = (input_tensor - mean) / std

        pool_shape = [-1, 1, 1, y.shape[-1]]
        scale = K.reshape(gamma, pool_shape)
        bias = K.reshape(beta, pool_shape)
        return y * scale + bias


def build_model():
    style_latent_size = 8
    style_input = Input(shape=(style_latent_size,), name="style_model_input")
    S = style_input
    for i in range(2):
        S = Dense(style_latent_size, kernel_initializer='he_normal')(S)
        S = LeakyReLU(negative_slope=0.1)(S)

    gen_constant_input = Input(shape=(4, 4, 8), name="gen_constant_input")
    out = gen_constant_input
    out = UpSampling2D(interpolation='bilinear')(out)
    out = Conv2D(8, 3, 1, padding='same', kernel_initializer='he_normal')(out)
    out = AdaptiveInstanceNormalization(8)([out, S])
    out = LeakyReLU(negative_slope=0.1)(out)
    out = Conv2D(3, 1, padding='same')(out)
    return Model(inputs=[gen_constant_input, style_input], outputs=out, name="Generator")
