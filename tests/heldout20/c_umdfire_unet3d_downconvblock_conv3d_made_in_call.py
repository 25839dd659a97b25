"""A 3-D U-Net for LiDAR/voxel object detection whose `DownConvBlock` layer instantiates its two
`Conv3D` + `BatchNormalization` + `Activation` stages inside `call()`.

From umd-fire-coml/2021-3D-Object-Detection (`src/model/conv_blocks/down_conv.py`; the block was
wired by the repository's loop-built `get_unet(x, n_blocks, ...)`, later commented out in
`unet_model.py` for a function-based version). `DownConvBlock.__init__` only stores
`num_filters`/`kernel_size`; every call creates fresh, untracked `Conv3D`/`BatchNormalization`
layers that are not attributes of the block. On Keras 3 the blocks own no weights: their convolutions
are not counted and not saved, each call draws new kernels, and `fit` raises (variables created
inside the traced `call()`).

Porting edits: `tensorflow.keras` / `tensorflow.python.keras` -> `keras`; the repository's loop
`get_unet` is kept with its `DownConvBlock` encoder/bottleneck/decoder convs, but the
`TransConvBlock(C[i], ...)` up-sampling block (which also builds its `Conv3DTranspose` in `call()`
and keeps the skip tensor from the constructor) is replaced by a plain `Conv3DTranspose` + `concatenate`
as in the repository's function-based `get_unet`; 8x8x8 single-channel volumes, `n_blocks=2`,
`n_filters=4`, one output channel as in the loop version.
"""

SOURCE = "https://github.com/umd-fire-coml/2021-3D-Object-Detection/blob/38939cbc755e70c340d86aeb679f1cec0139126c/src/model/conv_blocks/down_conv.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/c_umdfire_unet3d_downconvblock_conv3d_made_in_call.py:
warning: UserWarning: The structure of `inputs` doesn't match the expected structure (the author's `inputs=[x]`)
as returned: Functional, count_params() = 7793, 6 weights, unbuilt: none
after call: count_params() = 7793, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 40 variables the model does not track: ['functional/down_conv_block/conv3d_11/kernel:0', 'functional/down_conv_block/conv3d_11/bias:0', 'functional/down_conv_block/batch_normalization_10/gamma:0', 'functional/down_conv_block/batch_normalization_10/beta:0', 'functional/down_conv_block/conv3d_12/kernel:0', 'functional/down_conv_block/conv3d_12/bias:0']
params of the case's own layers: {'down_conv_block': 0, 'down_conv_block_1': 0, 'down_conv_block_2': 0, 'down_conv_block_3': 0, 'down_conv_block_4': 0}
second call: 40 variables watched that the first call did not use
Own script (/tmp/mine20a/fitprobe.py, compile sgd/mse, one fit step): fit raises ValueError in
DownConvBlock.call(): "tf.function only supports singleton tf.Variables created on the first call";
the 6 tracked weights are the two Conv3DTranspose and the output Conv3D only."""

import keras
from keras.layers import (Activation, BatchNormalization, Conv3D, Conv3DTranspose, Dropout, Input,
                          Layer, MaxPooling3D, concatenate)
from keras.models import Model


class DownConvBlock(Layer):
    def __init__(self, num_filters, kernel_size, **kwargs):
        super(DownConvBlock, self).__init__(**kwargs)

        self.num_filters = num_filters
        self.kernel_size = kernel_size

    def call(self, x):
        for i in range(0, 2):
            x = Conv3D(
                self.num_filters,
                kernel_size=(
                    self.kernel_size, self.kernel_size, self.kernel_size
                ),
                padding="same",
                kernel_initializer="he_normal"
            )(x)
            x = BatchNormalization()(x)
            x = Activation('relu')(x)

        return x


def get_unet(x, n_blocks, n_filters=16, dropout=0.1):
    # Contracting Path
    C = []
    curr_f = x

    for i in range(0, n_blocks):
        curr_f = DownConvBlock((n_filters * (2**i)), 3)(curr_f)
        C.append(curr_f)
        curr_f = Dropout(dropout)(MaxPooling3D()(curr_f))

    curr_f = DownConvBlock((n_filters * (2**(n_blocks + 1))), 3)(curr_f)

    for i in range(n_blocks - 1, -1, -1):
        up = Conv3DTranspose(n_filters * (2**i), (3, 3, 3), strides=(2, 2, 2), padding="same")(curr_f)
        curr_f = Dropout(dropout)(concatenate([up, C[i]]))
        curr_f = DownConvBlock(n_filters * (2**i), 3)(curr_f)

    outputs = Conv3D(1, (1, 1, 1))(curr_f)

    return Model(inputs=[x], outputs=[outputs])


def build_model():
    return get_unet(Input((8, 8, 8, 1)), n_blocks=2, n_filters=4)
