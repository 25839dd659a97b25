"""dmmagdal/TF_SRGAN's `create_discriminator` means to skip batch norm only in the first `DiscriminatorBlock` (as in the SRGAN paper), but its flag logic (`if first_layer: first_layer = False` before `batch_norm=first_layer`) passes `batch_norm=False` to every block; each block still creates `self.batch_norm`, and `call()` only uses it `if self.use_batchnorm`, so all seven BatchNormalization layers are never called and stay unbuilt.

From dmmagdal/TF_SRGAN (a TF2 SRGAN for 4x super-resolution, April 2022), `srgan.py`. `DiscriminatorBlock(filters,
strides, batch_norm)` builds a Conv2D, a `BatchNormalization(momentum=0.8)` and a LeakyReLU in `__init__` and stores
`self.use_batchnorm = batch_norm`; `create_discriminator(inputs)` loops over seven (filters, stride) pairs and builds
`Model(inputs, validity, name="discriminator")`, which `main()` compiles, trains with `train_on_batch`, and reuses
frozen inside the combined generator + VGG19 GAN. Because `first_layer` is flipped to False before the first block is
made, no block gets batch norm: the discriminator trains without any, and every block carries an unbuilt BN layer
(`0 (unbuilt)`, "unbuilt state" warning) that save/load and the summary silently skip (LD005, a conditional branch
never taken). Doubt kept as decided: one could call this a logic bug rather than a tracking bug, but the symptom
the user sees is exactly LD005's (layers created, never built, no weights).

Porting edits: none to the block or the factory (tabs converted to spaces; `LeakyReLU(alpha=0.2)` is kept, Keras 3
still accepts `alpha`, with a deprecation warning). build_model() calls `create_discriminator(hr_inputs)` as `main()` does, with
`hr_inputs = layers.Input(shape=(64, 64, 3))` (main() reads the high-resolution shape from its dataset and builds the
VGG on 128x128; 64x64 halves the side of the measured input).
"""

SOURCE = "https://github.com/dmmagdal/TF_SRGAN/blob/7e328e86214bab8a282255fd10efbeb9bc5aff9b/srgan.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/bw_tfsrgan_discriminator_first_layer_flag_disables_batchnorm_in_every_block_unbuilt.py:
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'discriminator_block', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as bu
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'discriminator_block_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as 
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'discriminator_block_2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as 
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'discriminator_block_3', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as 
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'discriminator_block_4', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as 
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'discriminator_block_5', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as 
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'discriminator_block_6', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as 
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
as returned: Functional, count_params() = 38204929, 18 weights, unbuilt: ['BatchNormalization:batch_normalization', 'BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization_2', 'BatchNormalization:batch_normalization_3', 'BatchNormalization:batch_normalization_4', 'BatchNormalization:batch_normalization_5', 'BatchNormalization:batch_normalization_6']
after call: count_params() = 38204929, 18 trainable weights, unbuilt: ['BatchNormalization:batch_normalization', 'BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization_2', 'BatchNormalization:batch_normalization_3', 'BatchNormalization:batch_normalization_4', 'BatchNormalization:batch_normalization_5', 'BatchNormalization:batch_normalization_6']; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'discriminator_block': 1792, 'discriminator_block_1': 73856, 'discriminator_block_2': 147584, 'discriminator_block_3': 295168, 'discriminator_block_4': 590080, 'discriminator_block_5': 1180160, 'discriminator_block_6': 2359808}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers, Model


# Block to build Discriminator.
class DiscriminatorBlock(layers.Layer):
    def __init__(self, filters, strides=1, batch_norm=True, **kwargs):
        super().__init__()
        self.conv = layers.Conv2D(
            filters, (3, 3), strides=strides, padding="same"
        )
        self.use_batchnorm = batch_norm
        self.batch_norm = layers.BatchNormalization(momentum=0.8)
        self.leaky_relu = layers.LeakyReLU(alpha=0.2)


    def call(self, inputs):
        x = self.conv(inputs)
        if self.use_batchnorm:
            x = self.batch_norm(x)
        outs = self.leaky_relu(x)
        return outs


    def get_config(self):
        config = super(DiscriminatorBlock, self).get_config()
        config.update({
            "use_batchnorm": self.use_batchnorm,
        })
        return config


# Discriminator model.
def create_discriminator(inputs):
    df = 64
    first_layer = True
    filters = [df, df * 2, df * 2, df * 4, df * 4, df * 8, df * 8]
    strides = [1, 2, 1, 2, 1, 2, 1, 2]

    x = inputs
    for filter, stride in zip(filters, strides):
        if first_layer:
            first_layer = False
        x = DiscriminatorBlock(
            filter, stride, batch_norm=first_layer
        )(x)

    x = layers.Flatten()(x)
    x = layers.Dense(df * 16)(x)
    x = layers.LeakyReLU(alpha=0.2)(x)
    validity = layers.Dense(1, activation="sigmoid")(x)

    return Model(inputs=inputs, outputs=validity, name="discriminator")


def build_model():
    # Define inputs to the models.
    hr_inputs = layers.Input(shape=(64, 64, 3))
    discriminator = create_discriminator(hr_inputs)
    return discriminator
