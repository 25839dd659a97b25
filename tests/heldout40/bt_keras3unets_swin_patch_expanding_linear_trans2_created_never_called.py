"""The Keras 3 port of keras-unet-collection's Swin-UNET `patch_expanding` layer creates two 1x1 Conv2D projections in `__init__`, `linear_trans1` and `linear_trans2`, but `call()` only ever runs `linear_trans1`; `linear_trans2` is never called and never built, in every Swin-UNET the library assembles.

From logasja/keras3-unets (October-November 2024, a port of yingkaisha/keras-unet-collection to multi-backend
Keras 3 with `keras.ops`), `keras_unet_collection/transformer_layers.py`. `patch_expanding` upsamples a patch
sequence: reshape to (H, W, C), `self.linear_trans1` (Conv2D to `upsample_rate * embed_dim` channels),
`depth_to_space`, reshape back. The second Conv2D (named `"{}_linear_trans1"` as well, a copy-paste) is dead
weight: it is tracked as a sublayer but never called, so Keras reports it unbuilt and it holds no weights
(LD005). `_model_swin_unet_2d.py` places one `patch_expanding` per decoder level plus a final one, so each
Swin-UNET built by the library carries several of these unbuilt convs.

Porting edits: none to the layer (its `tensorflow.nn.depth_to_space` import and `x.get_shape().as_list()` are the
port's own and run on the TensorFlow backend). build_model() wires one `patch_expanding(num_patch=(4, 4),
embed_dim=8, upsample_rate=2, return_vector=True)` on a (16, 8) token sequence in a functional model, as
`swin_unet_2d_base` does for its decoder levels.
"""

SOURCE = "https://github.com/logasja/keras3-unets/blob/fb439680e7fbb575138dce70e9f6a71dfc5d4cdb/keras_unet_collection/transformer_layers.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/bt_keras3unets_swin_patch_expanding_linear_trans2_created_never_called.py:
warning: `build()` was called on layer 'patch_expanding', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built,
as returned: Functional, count_params() = 128, 1 weights, unbuilt: ['Conv2D:swin_up0_linear_trans1']
after call: count_params() = 128, 1 trainable weights, unbuilt: ['Conv2D:swin_up0_linear_trans1']; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patch_expanding': 128}
second call: 0 variables watched that the first call did not use"""

import numpy as np

from tensorflow.nn import depth_to_space

import keras
from keras import ops, Layer
from keras.layers import Conv2D


class patch_expanding(Layer):
    """
    Upsample embedded patches with a given rate (e.g., x2, x4, x8, ...)
    the number of patches is increased, and the embedded dimensions are reduced.

    Input
    ----------
        num_patch: number of patches.
        embed_dim: number of embedded dimensions.
        upsample_rate: the factor of patches expanding,
                       e.g., upsample_rate=2 doubles input patches and halfs embedded dimensions.
        return_vector: the indicator of returning a sequence of tokens (return_vector=True)
                       or two-dimentional, spatially aligned tokens (return_vector=False)

    For further information see: https://www.tensorflow.org/api_docs/python/tf/nn/depth_to_space
    """

    def __init__(
        self,
        num_patch,
        embed_dim,
        upsample_rate,
        return_vector=True,
        name="patch_expand",
        **kwargs,
    ):
        super(patch_expanding, self).__init__(**kwargs)

        self.num_patch = num_patch
        self.embed_dim = embed_dim
        self.upsample_rate = upsample_rate
        self.return_vector = return_vector

        # Linear transformations that doubles the channels
        self.linear_trans1 = Conv2D(
            upsample_rate * embed_dim,
            kernel_size=1,
            use_bias=False,
            name="{}_linear_trans1".format(name),
        )
        #
        self.linear_trans2 = Conv2D(
            upsample_rate * embed_dim,
            kernel_size=1,
            use_bias=False,
            name="{}_linear_trans1".format(name),
        )
        self.prefix = name

    def get_config(self):
        config = super().get_config().copy()
        config.update(
            {
                "num_patch": self.num_patch,
                "embed_dim": self.embed_dim,
                "upsample_rate": self.upsample_rate,
                "return_vector": self.return_vector,
                "name": self.name,
            }
        )
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def call(self, x):
        H, W = self.num_patch
        B, L, C = x.get_shape().as_list()

        assert L == H * W, "input feature has wrong size"

        x = ops.reshape(x, (-1, H, W, C))

        x = self.linear_trans1(x)

        # rearange depth to number of patches
        x = depth_to_space(
            x,
            self.upsample_rate,
            data_format="NHWC",
            name="{}_d_to_space".format(self.prefix),
        )

        if self.return_vector:
            # Convert aligned patches to a patch sequence
            x = ops.reshape(
                x, (-1, L * self.upsample_rate * self.upsample_rate, C // 2)
            )

        return x



def build_model():
    tokens = keras.Input(shape=(16, 8))
    out = patch_expanding(num_patch=(4, 4), embed_dim=8, upsample_rate=2, return_vector=True, name="swin_up0")(tokens)
    return keras.Model(tokens, out)
