"""Music-SincNet's `MusicSinc1D` computes its band edges `self.filt_beg_freq = K.abs(self.filt_b1) + ...` and
`self.filt_end_freq` once in `build()` and builds the filters in `call()` from those stored tensors (the locals it
recomputes there are never used): on Keras 3 build runs eagerly, so the learnable cut-offs `filt_b1`/`filt_band` are
counted but get no gradient and never train (LD009).

From jaehwlee/Music-SincNet (SincNet front end for music auto-tagging with ReSE blocks), `layer.py` and `model.py`.
`build()` adds `filt_b1`/`filt_band` (`add_weight`, mel-initialised with `set_weights`), then stores on `self` the
band edges derived from them plus a Hamming window and a time axis as `K.variable`s. `call()` recomputes
`filt_beg_freq`, `filt_end_freq`, `window` and `t_right` as locals (two new `K.variable`s per call) but uses
`self.filt_beg_freq[i]`, `self.filt_end_freq[i]`, `self.t_right` and `self.window`; `sinc()` concatenates a new
`K.variable(np.array([1]))` per filter. The repository ran on graph-mode Keras, where `build()`'s tensors stayed
symbolic functions of the weights.

Porting edits: `import backend as K` imports the repository's `backend.py`, a vendored copy of tf.keras 2's backend;
here `K` is a small namespace mapping the ten functions used to the TensorFlow ops they run (`K.variable(v)` ->
`tf.Variable(v, dtype="float32")`, floatx; `K.reverse(x, 0)` -> `tf.reverse(x, [0])`; `K.conv1d(x, kernel)` ->
`tf.nn.conv1d(x, kernel, 1, "VALID")`; the others by name). `keras.engine.topology.Layer` -> `keras.layers.Layer`;
`conv_utils.conv_output_length`, gone from Keras 3, is a local copy of its "valid" branch; debug prints are dropped.
build_model() follows `music_sincnet()`'s front end at a small size: `Input((2048,))` -> `Reshape([-1, 1])` ->
`ZeroPadding1D((51 - 1) // 2)` -> `MusicSinc1D(8, 51, 22050)` -> `BatchNormalization` -> `relu`, then
`GlobalMaxPool1D` and `Dense(5, sigmoid)` in place of the nine ReSE blocks (which use TF1's `shape[-1].value`).
Doubt kept: the per-call `K.variable`s in `call()`/`sinc()` are a second defect (LD002), not the one labelled.
"""

SOURCE = "https://github.com/jaehwlee/Music-SincNet/blob/1dd4b24f7c1845c836f082d56913f0caff55f0c4/layer.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/bo_musicsincnet_musicsinc1d_band_edges_computed_in_build_no_gradient.py:
as returned: Functional, count_params() = 93, 8 weights, unbuilt: none
after call: count_params() = 93, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['music_sinc1d/filt_b1', 'music_sinc1d/filt_band']
tape watched 18 variables the model does not track: ['music_sinc1d/Variable:0', 'music_sinc1d/Variable:0', 'functional/music_sinc1d/Variable:0', 'functional/music_sinc1d/Variable:0', 'functional/music_sinc1d/Variable:0', 'functional/music_sinc1d/Variable:0']
params of the case's own layers: {'music_sinc1d': 16}
second call: 16 variables watched that the first call did not use
(16 = filt_b1 + filt_band, 8 each; the 18 untracked variables read are build()'s window and t_right plus one
K.variable per sinc() call, 2 x 8 filters, 16 of them new on every call; call()'s own window/t_right locals are
created but never read.)"""

import types

import numpy as np
import math
import tensorflow as tf
from keras.layers import Layer
from keras.layers import (
    Input, Reshape, ZeroPadding1D, BatchNormalization, Activation, GlobalMaxPool1D, Dense,
)
from keras.models import Model

K = types.SimpleNamespace(
    abs=tf.abs, cos=tf.cos, sin=tf.sin, cast=tf.cast, stack=tf.stack, transpose=tf.transpose,
    reshape=tf.reshape, max=tf.reduce_max,
    variable=lambda value: tf.Variable(value, dtype="float32"),
    reverse=lambda x, axes: tf.reverse(x, [axes]),
    concatenate=lambda tensors: tf.concat(tensors, -1),
    conv1d=lambda x, kernel: tf.nn.conv1d(x, kernel, 1, "VALID"),
)


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    # Keras 2's keras.utils.conv_utils.conv_output_length ("valid" branch), gone from Keras 3
    dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    return (input_length - dilated_filter_size + 1 + stride - 1) // stride


class MusicSinc1D(Layer):
    def __init__(self, N_filt, Filt_dim, fs, **kwargs):
        self.N_filt = N_filt
        self.Filt_dim = Filt_dim
        self.fs = fs

        super(MusicSinc1D, self).__init__(**kwargs)

    def build(self, input_shape):
        # The filters are trainable parameters.
        self.filt_b1 = self.add_weight(
            name="filt_b1",
            shape=(self.N_filt,),
            initializer="he_uniform",
            trainable=True,
        )
        self.filt_band = self.add_weight(
            name="filt_band",
            shape=(self.N_filt,),
            initializer="he_uniform",
            trainable=True,
        )

        # Mel Initialization of the filterbanks
        low_freq_mel = 80
        high_freq_mel = 2595 * np.log10(1 + (self.fs / 2) / 700)  # Convert Hz to Mel
        mel_points = np.linspace(
            low_freq_mel, high_freq_mel, self.N_filt
        )  # Equally spaced in Mel scale
        f_cos = 700 * (10 ** (mel_points / 2595) - 1)  # Convert Mel to Hz
        b1 = np.roll(f_cos, 1)
        b2 = np.roll(f_cos, -1)
        b1[0] = 30
        b2[-1] = (self.fs / 2) - 100
        self.freq_scale = self.fs * 1.0
        self.set_weights([b1 / self.freq_scale, (b2 - b1) / self.freq_scale])

        # Get beginning and end frequencies of the filters.
        min_freq = 50.0
        min_band = 50.0
        self.filt_beg_freq = K.abs(self.filt_b1) + min_freq / self.freq_scale
        self.filt_end_freq = self.filt_beg_freq + (
            K.abs(self.filt_band) + min_band / self.freq_scale
        )

        # Filter window (hamming).
        n = np.linspace(0, self.Filt_dim, self.Filt_dim)
        window = 0.54 - 0.46 * K.cos(2 * math.pi * n / self.Filt_dim)
        window = K.cast(window, "float32")
        self.window = K.variable(window)

        # TODO what is this?
        t_right_linspace = np.linspace(
            1, (self.Filt_dim - 1) / 2, int((self.Filt_dim - 1) / 2)
        )
        self.t_right = K.variable(t_right_linspace / self.fs)

        super(MusicSinc1D, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x, **kwargs):
        # filters = K.zeros(shape=(N_filt, Filt_dim))
        min_freq = 50.0
        min_band = 50.0
        filt_beg_freq = K.abs(self.filt_b1) + min_freq / self.freq_scale
        filt_end_freq = filt_beg_freq + (
            K.abs(self.filt_band) + min_band / self.freq_scale
        )

        n = np.linspace(0, self.Filt_dim, self.Filt_dim)
        window = 0.54 - 0.46 * K.cos(2 * math.pi * n / self.Filt_dim)
        window = K.cast(window, "float32")
        window = K.variable(window)

        t_right_linspace = np.linspace(
            1, (self.Filt_dim - 1) / 2, int((self.Filt_dim - 1) / 2)
        )
        t_right = K.variable(t_right_linspace / self.fs)

        # Compute the filters.
        output_list = []
        for i in range(self.N_filt):
            low_pass1 = (
                2
                * self.filt_beg_freq[i]
                * sinc(self.filt_beg_freq[i] * self.freq_scale, self.t_right)
            )
            low_pass2 = (
                2
                * self.filt_end_freq[i]
                * sinc(self.filt_end_freq[i] * self.freq_scale, self.t_right)
            )
            band_pass = low_pass2 - low_pass1
            band_pass = band_pass / K.max(band_pass)
            output_list.append(band_pass * self.window)
        filters = K.stack(output_list)  # (80, 251)
        filters = K.transpose(filters)  # (251, 80)
        filters = K.reshape(
            filters, (self.Filt_dim, 1, self.N_filt)
        )  # (251,1,80) in TF: (filter_width, in_channels, out_channels) in
        # PyTorch (out_channels, in_channels, filter_width)

        # Do the convolution.
        out = K.conv1d(x, kernel=filters)

        return out

    def compute_output_shape(self, input_shape):
        new_size = conv_output_length(
            input_shape[1], self.Filt_dim, padding="valid", stride=1, dilation=1
        )
        return (input_shape[0],) + (new_size,) + (self.N_filt,)


def sinc(band, t_right):
    y_right = K.sin(2 * band * t_right) / (2 * band * t_right)
    # y_left = flip(y_right, 0) TODO remove if useless
    y_left = K.reverse(y_right, 0)
    var = K.variable(np.array([1]))
    y = K.concatenate([y_left, var, y_right])
    return y


def build_model(filter_size=51, sr=22050, filter_num=8, num_classes=5):
    inputs = Input((2048,))
    x = Reshape([-1, 1])(inputs)
    # MusicSinc
    x = ZeroPadding1D(padding=(filter_size - 1) // 2)(x)
    x = MusicSinc1D(filter_num, filter_size, sr)(x)
    x = BatchNormalization()(x)
    x = Activation("relu")(x)
    x = GlobalMaxPool1D()(x)
    x = Dense(num_classes, activation="sigmoid", kernel_initializer="glorot_uniform")(x)
    return Model(inputs, x)
