"""YunYang1994's TF 2 pix2pix (the TensorFlow pix2pix tutorial, as kept in TensorFlow2.0-Examples) builds its U-Net generator with one `Concatenate()` instance that joins all seven skip connections, whose input pairs range from (2, 2, 512)+(2, 2, 512) to (128, 128, 64)+(128, 128, 64), and with `downsample` blocks that add a `BatchNormalization` only `if apply_batchnorm`; `Concatenate` has no weights, so sharing it across shapes is fine, and every optional batch norm exists exactly when it is in the block, so the model is fully built and trains.

From YunYang1994/TensorFlow2.0-Examples, `6-Generative_Adversarial_Networks/Pix2Pix.py`: the `downsample(filters, size,
apply_batchnorm=True)` and `upsample(filters, size, apply_dropout=False)` factories return `tf.keras.Sequential`
blocks (Conv2D/Conv2DTranspose, an optional BatchNormalization or Dropout, an activation); `Generator()` makes eight
downsample blocks (the first with `apply_batchnorm=False`), seven upsample blocks, `last` (Conv2DTranspose, tanh) and
`concat = tf.keras.layers.Concatenate()`, then wires them functionally with `x = concat([x, skip])` at every level.
Look-alike of LD008 (one layer instance called on seven differently shaped input pairs) and of LD005 (a block
factory whose batch norm is conditional): `Concatenate` has no state to fit a first shape, and the factory only adds
the layers it uses.

Porting edits: only the model part of the script is kept (the facades download, dataset pipeline, Discriminator,
losses, checkpoint and training loop are left out); `downsample`, `upsample` and `Generator` are unchanged.
build_model() calls `Generator()` as the script does and returns it with a (1, 256, 256, 3) batch (the tutorial's
batch size and image size; the generator needs 256x256 for its eight stride-2 levels to line up with the skips).
"""

SOURCE = "https://github.com/YunYang1994/TensorFlow2.0-Examples/blob/299fd6689f242d0f647a96b8844e86325e9fcb46/6-Generative_Adversarial_Networks/Pix2Pix.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/okca_yunyang_pix2pix_generator_one_concatenate_shared_across_seven_skip_shapes.py:
as returned: Functional, count_params() = 54425859, 73 weights, unbuilt: none
after call: count_params() = 54425859, 45 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 45 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_pix2pix.py (same model): one Concatenate instance with 7 inbound nodes, outputs (None, None, 1024) x4, (None, None, 512), (None, None, 256), (None, None, 128) (spatial dims are None in the graph: Input(shape=[None, None, 3])); the first down block is [Conv2D, LeakyReLU], the others [Conv2D, BatchNormalization, LeakyReLU]."""

import tensorflow as tf

IMG_WIDTH = 256
IMG_HEIGHT = 256
OUTPUT_CHANNELS = 3


# Build the Generator

def downsample(filters, size, apply_batchnorm=True):

    initializer = tf.random_normal_initializer(0., 0.02)
    result = tf.keras.Sequential()
    result.add(
        tf.keras.layers.Conv2D(filters, size, strides=2, padding='same',
                             kernel_initializer=initializer, use_bias=False))
    if apply_batchnorm:
        result.add(tf.keras.layers.BatchNormalization())

    result.add(tf.keras.layers.LeakyReLU())
    return result

def upsample(filters, size, apply_dropout=False):

    initializer = tf.random_normal_initializer(0., 0.02)
    result = tf.keras.Sequential()
    result.add(
        tf.keras.layers.Conv2DTranspose(filters, size, strides=2,
                                    padding='same',
                                    kernel_initializer=initializer,
                                    use_bias=False))
    result.add(tf.keras.layers.BatchNormalization())

    if apply_dropout:
        result.add(tf.keras.layers.Dropout(0.5))

    result.add(tf.keras.layers.ReLU())
    return result

def Generator():
    down_stack = [
        downsample(64, 4, apply_batchnorm=False), # (bs, 128, 128, 64)
        downsample(128, 4), # (bs, 64, 64, 128)
        downsample(256, 4), # (bs, 32, 32, 256)
        downsample(512, 4), # (bs, 16, 16, 512)
        downsample(512, 4), # (bs, 8, 8, 512)
        downsample(512, 4), # (bs, 4, 4, 512)
        downsample(512, 4), # (bs, 2, 2, 512)
        downsample(512, 4), # (bs, 1, 1, 512)
    ]

    up_stack = [
        upsample(512, 4, apply_dropout=True), # (bs, 2, 2, 1024)
        upsample(512, 4, apply_dropout=True), # (bs, 4, 4, 1024)
        upsample(512, 4, apply_dropout=True), # (bs, 8, 8, 1024)
        upsample(512, 4), # (bs, 16, 16, 1024)
        upsample(256, 4), # (bs, 32, 32, 512)
        upsample(128, 4), # (bs, 64, 64, 256)
        upsample(64, 4), # (bs, 128, 128, 128)
    ]

    initializer = tf.random_normal_initializer(0., 0.02)
    last = tf.keras.layers.Conv2DTranspose(OUTPUT_CHANNELS, 4,
                                         strides=2,
                                         padding='same',
                                         kernel_initializer=initializer,
                                         activation='tanh') # (bs, 256, 256, 3)
    concat = tf.keras.layers.Concatenate()

    inputs = tf.keras.layers.Input(shape=[None,None,3])
    x = inputs
    # Downsampling through the model
    skips = []
    for down in down_stack:
        x = down(x)
        skips.append(x)

    skips = reversed(skips[:-1])
    # Upsampling and establishing the skip connections
    for up, skip in zip(up_stack, skips):
        x = up(x)
        x = concat([x, skip])
    x = last(x)
    return tf.keras.Model(inputs=inputs, outputs=x)


def build_model():
    import numpy as np

    generator = Generator()
    return generator, np.random.default_rng(0).uniform(-1, 1, (1, IMG_HEIGHT, IMG_WIDTH, 3)).astype("float32")
