"""A TF2 WaveGAN generator (a `keras.Model`) builds every transposed convolution of its upsampling stack inside a
helper that `call()` runs, `layers.Conv2DTranspose(...)(x)` (LD002): the five upconvolutions are new, untrained
layers on every call, the model tracks only its first Dense, and every generated waveform comes from fresh random
filters.

From natha-ui/wavegan (a TensorFlow 2 / Keras port of Chris Donahue's WaveGAN for raw-audio synthesis), `wavegan.py`
at commit 35b7acd. `WaveGANGenerator.__init__` creates `self.fc` (Dense) and `self.reshape`, and for the
upsampling stack stores only `(filters, bn_layer())` tuples in `self.upconvs`/`self.final_layers`; the method
`conv1d_transpose(self, inputs, filters, kernel_size, stride)` does `tf.expand_dims`, then
`layers.Conv2DTranspose(filters=..., kernel_size=(1, kernel_size), strides=(1, stride), padding='same')(x)`, and
`call()` runs it four times plus once for the final layer (slice_len 16384). With `use_batchnorm=True`, `call()` also
makes a `layers.BatchNormalization()` on the fly after the projection. The discriminator in the same file holds its
convolutions correctly. The repository's next commit (024a282) moves the transposed convolutions into `__init__`
(`self.upconv_layers`) and keeps only the inline BatchNormalization; the companion case
`bv_natha_wavegan_generator_fixed_convs_batchnorm_still_made_in_call` is that version.

Porting edits: none to the class (`tensorflow.keras` is Keras 3 here). build_model() builds the generator with the
file's defaults except `dim=4` (the file defaults to 64, a 16.8 M-parameter Dense at 16384 samples; 4 keeps the
measurement small and changes no structure) and returns it with a batch of two 100-d latent vectors, the input the
WaveGAN training script samples.
"""

SOURCE = "https://github.com/natha-ui/wavegan/blob/35b7acd5a85bbb19f43faf39476ffd1dde138a24/wavegan.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/bv_natha_wavegan_generator_conv2dtranspose_made_in_call_helper.py:
as returned: WaveGANGenerator, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense']
after call: count_params() = 103424, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 10 variables the model does not track: ['wave_gan_generator/conv2d_transpose_5/kernel:0', 'wave_gan_generator/conv2d_transpose_5/bias:0', 'wave_gan_generator/conv2d_transpose_6/kernel:0', 'wave_gan_generator/conv2d_transpose_6/bias:0', 'wave_gan_generator/conv2d_transpose_7/kernel:0', 'wave_gan_generator/conv2d_transpose_7/bias:0']
second call: 10 variables watched that the first call did not use
probe (probe_calls.py): two calls on the same latent batch give (2, 16384, 1) waveforms that differ (max abs diff
0.0126: new random upconvolutions each call); the tape watched 12 variables while model.trainable_weights has 2
(the projection Dense's kernel and bias, count_params() 103424); the 5 transposed convolutions (10 variables,
68,161 values at dim=4) are never counted, trained or saved. No warning or exception printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers import Conv1DTranspose, Conv1D, BatchNormalization, Dense, Reshape
from tensorflow.keras.models import Model


class WaveGANGenerator(Model):
    def __init__(self, slice_len=16384, nch=1, kernel_len=25, dim=64,
                 use_batchnorm=False, upsample='zeros'):
        super(WaveGANGenerator, self).__init__()
        assert slice_len in [16384, 32768, 65536]
        self.slice_len = slice_len
        self.nch = nch
        self.kernel_len = kernel_len
        self.dim = dim
        self.use_batchnorm = use_batchnorm
        self.upsample = upsample

        dim_mul = 16 if slice_len == 16384 else 32
        self.fc = layers.Dense(16 * dim * dim_mul)
        self.reshape = layers.Reshape((16, dim * dim_mul))
        self.bn_layers = []

        def bn_layer():
            return layers.BatchNormalization() if use_batchnorm else tf.identity

        self.upconvs = []
        for _ in range(4):
            dim_mul //= 2
            self.upconvs.append((dim * dim_mul, bn_layer()))
        if slice_len == 16384:
            self.final_layers = [(nch, None)]
        elif slice_len == 32768:
            self.final_layers = [
                (dim, bn_layer()),
                (nch, None)
            ]
        elif slice_len == 65536:
            self.final_layers = [
                (dim, bn_layer()),
                (nch, None)
            ]

    def conv1d_transpose(self, inputs, filters, kernel_size, stride):
        # Use Conv2DTranspose and reshape to simulate 1D transposed convolution
        x = tf.expand_dims(inputs, axis=1)  # (B, 1, T, C)
        x = layers.Conv2DTranspose(filters=filters,
                                   kernel_size=(1, kernel_size),
                                   strides=(1, stride),
                                   padding='same')(x)
        return x[:, 0]  # Remove dummy spatial dimension

    def call(self, z, training=False):
        dim_mul = 16 if self.slice_len == 16384 else 32
        x = self.fc(z)
        x = self.reshape(x)
        if self.use_batchnorm:
            x = layers.BatchNormalization()(x, training=training)
        x = tf.nn.relu(x)
        dim_mul //= 2

        # Main upsampling blocks
        for filters, bn in self.upconvs:
            x = self.conv1d_transpose(x, filters, self.kernel_len, 4)
            if self.use_batchnorm:
                x = bn(x, training=training)
            x = tf.nn.relu(x)

        # Final layer(s)
        if self.slice_len == 16384:
            filters, _ = self.final_layers[0]
            x = self.conv1d_transpose(x, filters, self.kernel_len, 4)
        elif self.slice_len == 32768:
            for i, (filters, bn) in enumerate(self.final_layers):
                stride = 4 if i == 0 else 2
                x = self.conv1d_transpose(x, filters, self.kernel_len, stride)
                if bn is not None:
                    x = bn(x, training=training)
                if i == 0:
                    x = tf.nn.relu(x)
        elif self.slice_len == 65536:
            for filters, bn in self.final_layers:
                x = self.conv1d_transpose(x, filters, self.kernel_len, 4)
                if bn is not None:
                    x = bn(x, training=training)
                x = tf.nn.relu(x)
        return tf.nn.tanh(x)


def build_model():
    generator = WaveGANGenerator(dim=4)
    z = np.random.default_rng(0).uniform(-1.0, 1.0, (2, 100)).astype("float32")
    return generator, z
