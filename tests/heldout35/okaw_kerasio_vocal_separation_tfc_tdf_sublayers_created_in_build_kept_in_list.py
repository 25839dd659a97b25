"""The keras.io vocal-track-separation example creates every sublayer of its TFC-TDF blocks inside `build(self, *_)`
(one block even collects them in a list appended to in `build`) and never builds them there: it looks like
sublayers made too late and left unbuilt, but on Keras 3 they are tracked, built on first call and trained.

From keras-team/keras-io `examples/audio/vocal_track_separation.py` (Joaquin Jimenez, 2024, a Keras 3 port of the
TFC_TDF_Net U-Net for singing-voice separation). `TimeDistributedDenseBlock`, `TimeFrequencyConvolution` and
`Downscale`/`Upscale` take only settings in `__init__` and create their GroupNormalization/Dense/Conv2D sublayers in
`build(self, *_)`, ignoring the shape; `TimeFrequencyTransformBlock.build()` sets `self.blocks = []` and appends
4 sublayers per repetition. `Upscale` only swaps the class attribute `conv_cls = layers.Conv2DTranspose`. A checker
could read this as LD002 (state made outside `__init__`, during the first call) or LD005 (sublayers no `build()`
builds). Keras 3 runs `build()` once, before `built` is set, so assigning sublayers there is legal and tracked
(the list becomes a TrackedList), and each sublayer builds itself when `call()` first uses it while the functional
model is traced. Measured: every weight is counted, none unbuilt, all get gradients.

Porting edits: none to the layers or to `build_model()` (the example's own name); the constants are shrunk so the
case is cheap (STFT 256/64 instead of 2048/512, a 4032-sample chunk, 8 base channels with growth 8, 2 scales
instead of 4), the dataset, training and plotting code is dropped. The case's `build_model()` calls the example's
`build_model(keras.Input((CHUNK_SIZE,)), ...)` as the example does.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/4b099937c79b8897da2929bc9a69fd73b5ce767a/examples/audio/vocal_track_separation.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaw_kerasio_vocal_separation_tfc_tdf_sublayers_created_in_build_kept_in_list.py:
as returned: Functional, count_params() = 69120, 145 weights, unbuilt: none
after call: count_params() = 69120, 145 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 145 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'time_frequency_transform_block': 4608, 'time_frequency_convolution_3': 592, 'time_distributed_dense_block_1': 1056, 'time_frequency_convolution_2': 592, 'time_frequency_convolution_1': 592, 'time_distributed_dense_block': 1056, 'time_frequency_convolution': 592, 'downscale': 544, 'time_frequency_transform_block_1': 10496, 'time_frequency_convolution_7': 2336, 'time_distributed_dense_block_3': 320, 'time_frequency_convolution_6': 2336, 'time_frequency_convolution_5': 2336, 'time_distributed_dense_block_2': 320, 'time_frequency_convolution_4': 2336, 'downscale_1': 1584, 'time_frequency_transform_block_2': 22400, 'time_frequency_convolution_11': 5232, 'time_distributed_dense_block_5': 160, 'time_frequency_convolution_10': 5232, 'time_frequency_convolution_9': 5232, 'time_distributed_dense_block_4': 160, 'time_frequency_convolution_8': 5232, 'upscale': 1568, 'time_frequency_transform_block_3': 20096, 'time_frequency_convolution_15': 2336, 'time_distributed_dense_block_7': 320, 'time_frequency_convolution_14': 2336, 'time_frequency_convolution_13': 4672, 'time_distributed_dense_block_6': 384, 'time_frequency_convolution_12': 9280, 'upscale_1': 528, 'time_frequency_transform_block_4': 7040, 'time_frequency_convolution_19': 592, 'time_distributed_dense_block_9': 1056, 'time_frequency_convolution_18': 592, 'time_frequency_convolution_17': 1184, 'time_distributed_dense_block_8': 1088, 'time_frequency_convolution_16': 2336}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops, saving

MUSDB_STREAMS = {"mixture": 0, "drums": 1, "bass": 2, "other": 3, "vocals": 4}
TARGET_INSTRUMENTS = {track: MUSDB_STREAMS[track] for track in ("vocals",)}
N_INSTRUMENTS = len(TARGET_INSTRUMENTS)
N_SUBBANDS = 4
CHUNK_SIZE = 4032  # example: 65024
STFT_N_FFT = 256  # example: 2048
STFT_HOP_LENGTH = 64  # example: 512
N_CHANNELS = 8  # example: 64


def stft(inputs, fft_size=STFT_N_FFT, sequence_stride=STFT_HOP_LENGTH):
    """Compute the STFT for the input audio and return the real and imaginary parts."""
    real_x, imag_x = ops.stft(inputs, fft_size, sequence_stride, fft_size)
    real_x, imag_x = ops.expand_dims(real_x, -1), ops.expand_dims(imag_x, -1)
    x = ops.concatenate((real_x, imag_x), axis=-1)

    # Drop last freq sample for convenience
    return ops.split(x, [x.shape[2] - 1], axis=2)[0]


@saving.register_keras_serializable(package="okaw")
class TimeDistributedDenseBlock(layers.Layer):
    def __init__(self, bottleneck_factor, fft_dim, **kwargs):
        super().__init__(**kwargs)
        self.fft_dim = fft_dim
        self.hidden_dim = fft_dim // bottleneck_factor

    def build(self, *_):
        self.group_norm_1 = layers.GroupNormalization(groups=-1)
        self.group_norm_2 = layers.GroupNormalization(groups=-1)
        self.dense_1 = layers.Dense(self.hidden_dim, use_bias=False)
        self.dense_2 = layers.Dense(self.fft_dim, use_bias=False)

    def call(self, x):
        # Apply normalization and dense layers frequency-wise
        x = ops.gelu(self.group_norm_1(x))
        x = ops.swapaxes(x, -1, -2)
        x = self.dense_1(x)

        x = ops.gelu(self.group_norm_2(ops.swapaxes(x, -1, -2)))
        x = ops.swapaxes(x, -1, -2)
        x = self.dense_2(x)
        return ops.swapaxes(x, -1, -2)


@saving.register_keras_serializable(package="okaw")
class TimeFrequencyConvolution(layers.Layer):
    def __init__(self, channels, **kwargs):
        super().__init__(**kwargs)
        self.channels = channels

    def build(self, *_):
        self.group_norm = layers.GroupNormalization(groups=-1)
        self.conv = layers.Conv2D(self.channels, 3, padding="same", use_bias=False)

    def call(self, x):
        return self.conv(ops.gelu(self.group_norm(x)))


@saving.register_keras_serializable(package="okaw")
class TimeFrequencyTransformBlock(layers.Layer):
    def __init__(
        self, channels, length, fft_dim, bottleneck_factor, in_channels=None, **kwargs
    ):
        super().__init__(**kwargs)
        self.channels = channels
        self.length = length
        self.fft_dim = fft_dim
        self.bottleneck_factor = bottleneck_factor
        self.in_channels = in_channels or channels

    def build(self, *_):
        self.blocks = []
        # Add blocks in a flat list to avoid nested structures
        for i in range(self.length):
            in_channels = self.channels if i > 0 else self.in_channels
            self.blocks.append(TimeFrequencyConvolution(in_channels))
            self.blocks.append(
                TimeDistributedDenseBlock(self.bottleneck_factor, self.fft_dim)
            )
            self.blocks.append(TimeFrequencyConvolution(self.channels))
            # Residual connection
            self.blocks.append(layers.Conv2D(self.channels, 1, 1, use_bias=False))

    def call(self, inputs):
        x = inputs
        for i in range(0, len(self.blocks), 4):
            tfc_1 = self.blocks[i](x)
            tdf = self.blocks[i + 1](x)
            tfc_2 = self.blocks[i + 2](tfc_1 + tdf)
            x = tfc_2 + self.blocks[i + 3](x)  # Residual connection
        return x


@saving.register_keras_serializable(package="okaw")
class Downscale(layers.Layer):
    conv_cls = layers.Conv2D

    def __init__(self, channels, scale, **kwargs):
        super().__init__(**kwargs)
        self.channels = channels
        self.scale = scale

    def build(self, *_):
        self.conv = self.conv_cls(self.channels, self.scale, self.scale, use_bias=False)
        self.norm = layers.GroupNormalization(groups=-1)

    def call(self, inputs):
        return self.norm(ops.gelu(self.conv(inputs)))


@saving.register_keras_serializable(package="okaw")
class Upscale(Downscale):
    conv_cls = layers.Conv2DTranspose


def _example_build_model(
    inputs,
    n_instruments=N_INSTRUMENTS,
    n_subbands=N_SUBBANDS,
    channels=N_CHANNELS,
    fft_dim=(STFT_N_FFT // 2) // N_SUBBANDS,
    n_scales=2,  # example: 4
    scale=(2, 2),
    block_size=2,
    growth=8,  # example: 128
    bottleneck_factor=2,
    **kwargs,
):
    """The example's build_model(), unchanged apart from the smaller defaults."""
    x = stft(inputs)

    mix = ops.reshape(x, (-1, x.shape[1], x.shape[2] // n_subbands, 2 * n_subbands))
    first_conv_out = layers.Conv2D(channels, 1, 1, use_bias=False)(mix)
    x = first_conv_out

    encoder_outs = []
    for _ in range(n_scales):
        x = TimeFrequencyTransformBlock(
            channels, block_size, fft_dim, bottleneck_factor
        )(x)
        encoder_outs.append(x)
        fft_dim, channels = fft_dim // scale[0], channels + growth
        x = Downscale(channels, scale)(x)

    x = TimeFrequencyTransformBlock(channels, block_size, fft_dim, bottleneck_factor)(x)

    for _ in range(n_scales):
        fft_dim, channels = fft_dim * scale[0], channels - growth
        x = ops.concatenate([Upscale(channels, scale)(x), encoder_outs.pop()], axis=-1)
        x = TimeFrequencyTransformBlock(
            channels, block_size, fft_dim, bottleneck_factor, in_channels=x.shape[-1]
        )(x)

    x = ops.concatenate([mix, x * first_conv_out], axis=-1)
    x = layers.Conv2D(channels, 1, 1, use_bias=False, activation="gelu")(x)
    x = layers.Conv2D(n_instruments * n_subbands * 2, 1, 1, use_bias=False)(x)

    x = ops.reshape(x, (-1, x.shape[1], x.shape[2] * n_subbands, n_instruments, 2))
    x = ops.transpose(x, (0, 3, 1, 2, 4))
    x = ops.reshape(x, (-1, n_instruments, x.shape[2], x.shape[3] * 2))

    return keras.Model(inputs=inputs, outputs=x, **kwargs)


def build_model():
    return _example_build_model(keras.Input((CHUNK_SIZE,)), name="tfc_tdf_net")
