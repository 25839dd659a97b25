"""The next commit of the same TF2 WaveGAN generator moves its transposed convolutions into `__init__`, but with
`use_batchnorm=True` `call()` still creates `layers.BatchNormalization()(x, training=training)` after the projection
(LD002): that normalization is a new layer on every call, so its scale and offset are never trained and its moving
statistics never accumulate.

From natha-ui/wavegan (a TensorFlow 2 / Keras port of WaveGAN for raw-audio synthesis), `wavegan.py` at commit
024a282, the author's fix of the version in `bv_natha_wavegan_generator_conv2dtranspose_made_in_call_helper`.
`__init__` now builds `self.upconv_layers` as `(Conv2DTranspose, bn())` pairs and `self.final_layers` likewise, with
`bn()` returning a `BatchNormalization` when `use_batchnorm` is set (tracked: Keras 3 tracks layers inside
lists of tuples), and `call()` applies them through `conv1d_transpose_layer`. One line survived from the old
version: `if self.use_batchnorm: x = layers.BatchNormalization()(x, training=training)` right after
`self.reshape(self.fc(z))`. WaveGAN's paper configuration trains without batch norm (the default
`use_batchnorm=False`, which never reaches that line), so the bug only bites when the option is turned on, which is
what build_model() does.

Porting edits: none to the class (`tensorflow.keras` is Keras 3 here). build_model() builds
`WaveGANGenerator(dim=4, use_batchnorm=True)` (`dim=4` instead of 64 only to keep the measurement small) and returns
it with a batch of two 100-d latent vectors.
"""

SOURCE = "https://github.com/natha-ui/wavegan/blob/024a282a85115311d90330100e8810f6bdf39132/wavegan.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/bv_natha_wavegan_generator_fixed_convs_batchnorm_still_made_in_call.py:
as returned: WaveGANGenerator, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Conv2DTranspose:conv2d_transpose', 'BatchNormalization:batch_normalization', 'Conv2DTranspose:conv2d_transpose_1', 'BatchNormalization:batch_normalization_1', 'Conv2DTranspose:conv2d_transpose_2', 'BatchNormalization:batch_normalization_2', 'Conv2DTranspose:conv2d_transpose_3', 'BatchNormalization:batch_normalization_3', 'Conv2DTranspose:conv2d_transpose_4']
after call: count_params() = 171825, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 2 variables the model does not track: ['wave_gan_generator/batch_normalization_5/gamma:0', 'wave_gan_generator/batch_normalization_5/beta:0']
second call: 2 variables watched that the first call did not use
probe (probe_calls.py, probe_bn.py): after two training-mode calls the generator tracks 4 BatchNormalization layers
(the upsampling ones made in __init__) and 8 non-trainable weights; the fifth, made in call(), is new each time
(its gamma/beta are watched by the tape but are not in model.trainable_weights, and its moving mean/variance are not
in model.non_trainable_weights). Inference-mode outputs of two calls are equal (max abs diff 0.0) only because
every fresh normalization starts at gamma=1, beta=0, mean 0, variance 1. No warning or exception printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers import Conv1DTranspose, Conv1D, BatchNormalization, Dense, Reshape
from tensorflow.keras.models import Model


class WaveGANGenerator(Model):
    def __init__(self, slice_len=16384, nch=1, kernel_len=25, dim=64,
                 use_batchnorm=False, upsample='zeros'):
        super(WaveGANGenerator, self).__init__()
        assert slice_len in [16384, 32768, 65536], "Invalid slice_len"

        self.slice_len = slice_len
        self.nch = nch
        self.kernel_len = kernel_len
        self.dim = dim
        self.use_batchnorm = use_batchnorm
        self.upsample = upsample

        dim_mul = 16 if slice_len == 16384 else 32
        self.fc = layers.Dense(16 * dim * dim_mul)
        self.reshape = layers.Reshape((16, dim * dim_mul))

        # BatchNorm factory
        def bn():
            return layers.BatchNormalization() if use_batchnorm else None

        # Upsampling (transposed conv) layers
        self.upconv_layers = []
        for _ in range(4):
            dim_mul //= 2
            conv = layers.Conv2DTranspose(filters=dim * dim_mul,
                                          kernel_size=(1, kernel_len),
                                          strides=(1, 4),
                                          padding='same')
            self.upconv_layers.append((conv, bn()))

        # Final layers based on slice length
        self.final_layers = []
        if slice_len == 16384:
            self.final_layers.append((layers.Conv2DTranspose(nch, (1, kernel_len), (1, 4), padding='same'), None))
        elif slice_len == 32768:
            self.final_layers.append((layers.Conv2DTranspose(dim, (1, kernel_len), (1, 4), padding='same'), bn()))
            self.final_layers.append((layers.Conv2DTranspose(nch, (1, kernel_len), (1, 2), padding='same'), None))
        elif slice_len == 65536:
            self.final_layers.append((layers.Conv2DTranspose(dim, (1, kernel_len), (1, 4), padding='same'), bn()))
            self.final_layers.append((layers.Conv2DTranspose(nch, (1, kernel_len), (1, 4), padding='same'), None))

    def conv1d_transpose_layer(self, inputs, conv2d_layer):
        x = tf.expand_dims(inputs, axis=1)  # (B, 1, T, C)
        x = conv2d_layer(x)
        return x[:, 0]  # Remove dummy dimension

    def call(self, z, training=False):
        x = self.fc(z)
        x = self.reshape(x)
        if self.use_batchnorm:
            x = layers.BatchNormalization()(x, training=training)
        x = tf.nn.relu(x)

        # Upsampling blocks
        for conv, bn in self.upconv_layers:
            x = self.conv1d_transpose_layer(x, conv)
            if bn is not None:
                x = bn(x, training=training)
            x = tf.nn.relu(x)

        # Final conv layers
        for i, (conv, bn) in enumerate(self.final_layers):
            x = self.conv1d_transpose_layer(x, conv)
            if bn is not None:
                x = bn(x, training=training)
            if i < len(self.final_layers) - 1 or self.slice_len != 16384:
                x = tf.nn.relu(x)

        return tf.nn.tanh(x)


def build_model():
    generator = WaveGANGenerator(dim=4, use_batchnorm=True)
    z = np.random.default_rng(0).uniform(-1.0, 1.0, (2, 100)).astype("float32")
    return generator, z
