"""A Keras 3 DDIM residual U-Net whose noise-rate embedding is a `Lambda` wrapping a module-level
function that reads frequency settings from a `constants` module.

From ghif/diffusion-keras3 (`architectures.py`, the keras.io DDIM example rewritten for Keras 3 with
`keras.ops`). Looks like the "Lambda captures outside state" trap (the function reads globals from
another module, and the layer is built from nested closures `residual_block`/`down_block`/`up_block`
that create layers on every call), but the globals are plain Python numbers, not weights or layers:
the sinusoidal embedding has no state to lose, and every closure-made layer is wired into the
functional graph, so all convolutions are counted and trained.

Porting edits: `import constants as const` replaced by a small local `const` namespace with the same
attribute names (EMBEDDING_MIN_FREQUENCY 1.0, EMBEDDING_MAX_FREQUENCY 1000.0, EMBEDDING_DIMS 8);
`@keras.saving.register_keras_serializable()` and the `__main__` demo dropped; image 8x8x3,
widths [4, 8], block_depth 1.
"""

SOURCE = "https://github.com/ghif/diffusion-keras3/blob/0fce443aae6dffc4553ffed98a7fc4a92bd3c211/architectures.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okab_diffusionkeras3_lambda_sinusoidal_embedding_module_constants.py:
as returned: Functional, count_params() = 2279, 28 weights, unbuilt: none
after call: count_params() = 2279, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
The Lambda owns no weights and needs none; every Conv2D made by the closures is in the graph. (The author's Lambda output_shape=(1, 1, image_dim) equals EMBEDDING_DIMS only because both are 8 here.)"""

import math
import types

import keras
from keras import ops

const = types.SimpleNamespace(EMBEDDING_MIN_FREQUENCY=1.0, EMBEDDING_MAX_FREQUENCY=1000.0, EMBEDDING_DIMS=8)


def sinusoidal_embedding(x):
    frequencies = ops.exp(
        ops.linspace(
            ops.log(const.EMBEDDING_MIN_FREQUENCY),
            ops.log(const.EMBEDDING_MAX_FREQUENCY),
            const.EMBEDDING_DIMS // 2,
        )
    )

    angular_speeds = ops.cast(2.0 * math.pi * frequencies, dtype="float32")
    embeddings = ops.concatenate(
        [ops.sin(angular_speeds * x), ops.cos(angular_speeds * x)], axis=3
    )
    return embeddings


def residual_block(width):
    def apply(x):
        input_width = x.shape[3]
        if input_width == width:
            residual = x
        else:
            residual = keras.layers.Conv2D(width, kernel_size=1)(x)

        x = keras.layers.BatchNormalization(center=False, scale=False)(x)
        x = keras.layers.Conv2D(width, kernel_size=3, padding="same", activation="swish")(x)
        x = keras.layers.Conv2D(width, kernel_size=3, padding="same")(x)
        x = keras.layers.Add()([x, residual])
        return x

    return apply


def down_block(width, block_depth):
    def apply(x):
        x, skips = x
        for _ in range(block_depth):
            x = residual_block(width)(x)
            skips.append(x)
        x = keras.layers.AveragePooling2D(pool_size=2)(x)
        return x

    return apply


def up_block(width, block_depth):
    def apply(x):
        x, skips = x
        x = keras.layers.UpSampling2D(size=2, interpolation="bilinear")(x)
        for _ in range(block_depth):
            x = keras.layers.Concatenate()([x, skips.pop()])
            x = residual_block(width)(x)
        return x

    return apply


def create_unet(image_dim, image_channel, widths, block_depth):
    noisy_images = keras.Input(shape=(image_dim, image_dim, image_channel))
    noise_rates = keras.Input(shape=(1, 1, 1))

    x = keras.layers.Conv2D(widths[0], kernel_size=1)(noisy_images)

    e = keras.layers.Lambda(sinusoidal_embedding, output_shape=(1, 1, image_dim))(noise_rates)
    e = keras.layers.UpSampling2D(size=image_dim, interpolation="nearest")(e)

    x = keras.layers.Concatenate()([x, e])

    skips = []

    for width in widths[:-1]:
        x = down_block(width, block_depth)([x, skips])

    for _ in range(block_depth):
        x = residual_block(widths[-1])(x)

    for width in reversed(widths[:-1]):
        x = up_block(width, block_depth)([x, skips])

    x = keras.layers.Conv2D(image_channel, kernel_size=1, kernel_initializer="zeros")(x)

    return keras.Model(inputs=[noisy_images, noise_rates], outputs=x, name="residual_unet")


def build_model():
    return create_unet(8, 3, [4, 8], 1)
