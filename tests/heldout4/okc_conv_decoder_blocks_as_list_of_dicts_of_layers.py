"""A masked-autoencoder decoder keeps its upsampling blocks as a list of dicts of layers, built in `build()`.

In a Keras 3 research library, `ConvDecoder(keras.layers.Layer)` appends, per stage, a dict
`{"upsample": Conv2DTranspose, "norm_upsample": BatchNormalization, "act_upsample": Activation,
"refine": Conv2D, ...}` to `self.decoder_blocks`, builds every entry in `build()` and loops over
the dicts in `call()`. The fixing commit reports that on Keras 3.8 such a two-level container
owned by a Layer was not written to `model.weights.h5` (11 of 51 tensors saved). On Keras 3.15.1
the nested dict entries are tracked like any list or dict attribute: every weight is counted and
trained.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/commit/6dc8350288cb869e0eb41be0911c86419d054f8e"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py okc_conv_decoder_blocks_as_list_of_dicts_of_layers.py:
as returned: Functional, count_params() = 8907, 26 weights, unbuilt: none
after call: count_params() = 8907, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv_decoder': 8907}
second call: 0 variables watched that the first call did not use"""

import keras


class ConvDecoder(keras.layers.Layer):
    def __init__(self, decoder_dims=(16, 8), output_channels=3, kernel_size=3, **kwargs):
        super().__init__(**kwargs)
        self.decoder_dims = list(decoder_dims)
        self.output_channels = output_channels
        self.decoder_blocks = []
        for i, dim in enumerate(self.decoder_dims):
            self.decoder_blocks.append({
                "upsample": keras.layers.Conv2DTranspose(dim, kernel_size, strides=2, padding="same",
                                                         name=f"decoder_upsample_{i}"),
                "norm_upsample": keras.layers.BatchNormalization(name=f"decoder_bn_{i}"),
                "act_upsample": keras.layers.Activation("gelu"),
                "refine": keras.layers.Conv2D(dim, kernel_size, padding="same", name=f"decoder_refine_{i}"),
                "norm_refine": keras.layers.BatchNormalization(name=f"decoder_refine_bn_{i}"),
                "act_refine": keras.layers.Activation("gelu"),
            })
        self.final_conv = keras.layers.Conv2D(output_channels, 1, name="decoder_output")

    def build(self, input_shape):
        shape = tuple(input_shape)
        for block in self.decoder_blocks:
            block["upsample"].build(shape)
            shape = block["upsample"].compute_output_shape(shape)
            block["norm_upsample"].build(shape)
            block["refine"].build(shape)
            block["norm_refine"].build(shape)
        self.final_conv.build(shape)

    def call(self, x, training=None):
        for block in self.decoder_blocks:
            x = block["act_upsample"](block["norm_upsample"](block["upsample"](x), training=training))
            x = block["act_refine"](block["norm_refine"](block["refine"](x), training=training))
        return self.final_conv(x)

    def compute_output_shape(self, input_shape):
        scale = 2 ** len(self.decoder_dims)
        return (input_shape[0], input_shape[1] * scale, input_shape[2] * scale, self.output_channels)


def build_model():
    latent = keras.Input((4, 4, 32))
    return keras.Model(latent, ConvDecoder()(latent))
