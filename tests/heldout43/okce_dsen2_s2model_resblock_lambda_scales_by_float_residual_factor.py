"""DSen2's residual block scales the residual branch with `Lambda(lambda x: x * scale)`: a Lambda closing over a
name from the enclosing function, the shape of an LD012 bug. It is fine: `scale` is a plain Python float argument of
`resBlock` (0.1, the residual scaling of EDSR that DSen2 adopts), bound once per call of `resBlock`, not a variable, a
layer or a tensor; every trainable weight is in a Conv2D the functional model tracks, all get gradients, and the
Lambdas hold no state.

From lanha/DSen2 (Lanaras et al. 2018, "Super-resolution of Sentinel-2 images: learning a globally applicable deep
neural network": super-resolving the 20 m and 60 m bands of Sentinel-2 to 10 m), `utils/DSen2Net.py` (`resBlock`,
`init`, `s2model`) at 05bc41e.

Porting edits: `from keras.models import Model, Input` is split into `keras.models.Model` and `keras.Input` (Keras 3's
`keras.models` has no `Input`); `from __future__ import division` is dropped (it must open a file; Python 3 divides so anyway); the other architectures of the file (`aesrmodel`, `srcnn`, `rednetsr`, `resnetsr`)
are left out. build_model() calls `s2model` for the 20 m bands (inputs: 4 10 m bands and 6 bilinearly upsampled 20 m
bands on a 32x32 patch, channels first as the file sets) with 6 residual blocks and 128 features instead of the
defaults 32 and 256, to keep it small, and returns it with a random batch of 2 patches.
"""

SOURCE = "https://github.com/lanha/DSen2/blob/05bc41e7f164019ca466a3da19b9bee74a01fba6/utils/DSen2Net.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 1789574, 28 weights, unbuilt: none
after call: count_params() = 1789574, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
python probes/probe_dsen2_ok.py <this file>: 6 Lambda layers, the only closure value is the float 0.1, 0 weights in them; .keras save + load_model(safe_mode=False) reproduces the outputs."""

import numpy as np
import keras
from keras.models import Model
from keras import Input
from keras.layers import (
    Conv2D,
    Concatenate,
    Activation,
    Lambda,
    Add,
)

keras.backend.set_image_data_format("channels_first")


def resBlock(x, channels, kernel_size, scale=0.1):
    tmp = Conv2D(
        channels, kernel_size, kernel_initializer="he_uniform", padding="same",
    )(x)
    tmp = Activation("relu")(tmp)
    tmp = Conv2D(
        channels, kernel_size, kernel_initializer="he_uniform", padding="same",
    )(tmp)
    tmp = Lambda(lambda x: x * scale)(tmp)

    return Add()([x, tmp])


def init(input_shape):
    input10 = Input(shape=input_shape[0])
    input20 = Input(shape=input_shape[1])
    res = [input10, input20]
    channels = input_shape[1][0]
    if len(input_shape) == 3:
        input60 = Input(shape=input_shape[2])
        x = Concatenate(axis=1)([input10, input20, input60])
        res.append(input60)
        channels = input_shape[2][0]
    else:
        x = Concatenate(axis=1)([input10, input20])
    return x, res, channels


def s2model(input_shape, num_layers=32, feature_size=256):

    x, _input, _ = init(input_shape)

    # Treat the concatenation
    x = Conv2D(
        feature_size,
        (3, 3),
        kernel_initializer="he_uniform",
        activation="relu",
        padding="same",
    )(x)

    for _ in range(num_layers):
        x = resBlock(x, feature_size, [3, 3])

    # One more convolution, and then we add the output of our first conv layer
    x = Conv2D(
        input_shape[-1][0], (3, 3), kernel_initializer="he_uniform", padding="same",
    )(x)
    if len(input_shape) == 3:
        x = Add()([x, _input[2]])
        model = Model(inputs=_input, outputs=x)
    else:
        x = Add()([x, _input[1]])
        model = Model(inputs=_input, outputs=x)
    return model


def build_model():
    model = s2model([(4, 32, 32), (6, 32, 32)], num_layers=6, feature_size=128)
    rng = np.random.default_rng(0)
    inputs = [rng.random((2, 4, 32, 32)).astype("float32"), rng.random((2, 6, 32, 32)).astype("float32")]
    return model, inputs
