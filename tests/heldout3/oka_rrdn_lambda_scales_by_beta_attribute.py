"""Correct: the ISR super-resolution RRDN builder scales residuals with `Lambda(lambda x: x * self.beta)`.

idealo's `RRDN` class (a plain Python object holding `self.model`) builds its dense blocks in helper
methods and scales every residual branch with a Lambda reading `self.beta`, a float (the source even
notes "SUGGESTION: MAKE BETA LEARNABLE"); the pixel shuffle is a Lambda reading the int `self.scale`.
The Lambdas close over plain numbers, not variables or layers: nothing is left untracked, and every
Conv2D is built and trained.
"""

SOURCE = "https://github.com/idealo/image-super-resolution/blob/master/ISR/models/rrdn.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_rrdn_lambda_scales_by_beta_attribute.py:
as returned: Functional, count_params() = 9320, 32 weights, unbuilt: none
after call: count_params() = 9320, 32 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 32 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf
from keras.layers import Activation, Add, Conv2D, Input, Lambda, concatenate


class RRDN:
    def __init__(self, arch_params, patch_size=None, beta=0.2, c_dim=3, kernel_size=3):
        self.beta = beta
        self.c_dim = c_dim
        self.C, self.D, self.G = arch_params["C"], arch_params["D"], arch_params["G"]
        self.G0, self.T, self.scale = arch_params["G0"], arch_params["T"], arch_params["x"]
        self.kernel_size = kernel_size
        self.patch_size = patch_size
        self.model = self._build_rdn()

    def _dense_block(self, input_layer, d, t):
        x = input_layer
        for c in range(1, self.C + 1):
            F_dc = Conv2D(self.G, kernel_size=self.kernel_size, padding="same", name=f"F_{t}_{d}_{c}")(x)
            F_dc = Activation("relu")(F_dc)
            x = concatenate([x, F_dc], axis=3)
        return Conv2D(self.G0, kernel_size=3, padding="same", name=f"LFF_{t}_{d}")(x)

    def _RRDB(self, input_layer, t):
        x = input_layer
        for d in range(1, self.D + 1):
            LFF = self._dense_block(x, d, t)
            LFF_beta = Lambda(lambda x: x * self.beta)(LFF)
            x = Add(name=f"LRL_{t}_{d}")([x, LFF_beta])
        x = Lambda(lambda x: x * self.beta)(x)
        return Add(name=f"RRDB_{t}_out")([input_layer, x])

    def _pixel_shuffle(self, input_layer):
        x = Conv2D(self.c_dim * self.scale ** 2, kernel_size=3, padding="same", name="PreShuffle")(input_layer)
        return Lambda(lambda x: tf.nn.depth_to_space(x, block_size=self.scale), name="PixelShuffle")(x)

    def _build_rdn(self):
        LR_input = Input(shape=(self.patch_size, self.patch_size, 3), name="LR_input")
        pre_blocks = Conv2D(self.G0, kernel_size=self.kernel_size, padding="same", name="Pre_blocks_conv")(LR_input)
        x = pre_blocks
        for t in range(1, self.T + 1):
            x = self._RRDB(x, t)
        post_blocks = Conv2D(self.G0, kernel_size=3, padding="same", name="post_blocks_conv")(x)
        GRL = Add(name="GRL")([post_blocks, pre_blocks])
        SR = Conv2D(self.c_dim, kernel_size=self.kernel_size, padding="same", name="SR")(self._pixel_shuffle(GRL))
        return keras.Model(inputs=LR_input, outputs=SR)


def build_model():
    return RRDN({"C": 2, "D": 2, "G": 4, "G0": 8, "T": 2, "x": 2}, patch_size=8).model
