"""SincNet front end: the learnable band edges are turned into tensors once in build(), so they never train.

keras-sincnet's `SincConv1D` creates its two trainable weights (`filt_b1`, `filt_band`: low cut-off
and band width of each sinc band-pass filter) with `add_weight`, mel-initialises them with
`set_weights`, and then, still in `build()`, computes `self.filt_beg_freq = abs(self.filt_b1) + ...`
and `self.filt_end_freq = ...`. `call()` builds the filters only from those cached tensors. Built
eagerly, they are constants: the two weights are counted but get no gradient (the filterbank the
paper is about is frozen at its mel initialisation). The issue is about the other state: the helper
variables (`window`, `t_right`, and a module-level `v = K.variable(K.ones(1))` that `sinc()`
concatenates into every filter) are created as trainable variables outside `add_weight`; the global
one is used by the layer but is not one of its weights. Ported from `K.*` to `tf.*`/`keras.Variable`.
"""

SOURCE = "https://github.com/grausof/keras-sincnet/issues/10"
CODES = ("LD009", "LD011")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py k_sincnet_band_edges_cached_in_build.py:
as returned: Functional, count_params() = 20901, 14 weights, unbuilt: none
after call: count_params() = 20901, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 14 trainable weights: ['sinc_conv1d/filt_b1', 'sinc_conv1d/filt_band']
tape watched 1 variables the model does not track: ['variable:0']
params of the case's own layers: {'sinc_conv1d': 65, 'layer_norm': 16, 'layer_norm_1': 32}
second call: 0 variables watched that the first call did not use"""

import math

import numpy as np
import keras
import tensorflow as tf
from tensorflow.keras.layers import Layer
from keras import initializers

debug = False


class LayerNorm(Layer):
    """Layer Normalization in the style of https://arxiv.org/abs/1607.06450"""

    def __init__(self, scale_initializer="ones", bias_initializer="zeros", **kwargs):
        super(LayerNorm, self).__init__(**kwargs)
        self.epsilon = 1e-6
        self.scale_initializer = initializers.get(scale_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    def get_config(self):
        return {"scale_initializer": self.scale_initializer, "bias_initializer": self.bias_initializer}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer=self.scale_initializer,
                                     trainable=True, name="{}_scale".format(self.name))
        self.bias = self.add_weight(shape=(input_shape[-1],), initializer=self.bias_initializer,
                                    trainable=True, name="{}_bias".format(self.name))
        self.built = True

    def call(self, x, mask=None):
        mean = tf.reduce_mean(x, axis=-1, keepdims=True)
        std = tf.math.reduce_std(x, axis=-1, keepdims=True)
        norm = (x - mean) * (1 / (std + self.epsilon))
        return norm * self.scale + self.bias

    def compute_output_shape(self, input_shape):
        return input_shape


def debug_print(*objects):
    if debug:
        print(*objects)


class SincConv1D(Layer):

    def __init__(self, N_filt, Filt_dim, fs, **kwargs):
        self.N_filt = N_filt
        self.Filt_dim = Filt_dim
        self.fs = fs
        super(SincConv1D, self).__init__(**kwargs)

    def get_config(self):
        return {"N_filt": self.N_filt, "Filt_dim": self.Filt_dim, "fs": self.fs}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def build(self, input_shape):
        # The filters are trainable parameters.
        self.filt_b1 = self.add_weight(name="filt_b1", shape=(self.N_filt,), initializer="uniform",
                                       trainable=True)
        self.filt_band = self.add_weight(name="filt_band", shape=(self.N_filt,), initializer="uniform",
                                         trainable=True)

        # Mel Initialization of the filterbanks
        low_freq_mel = 80
        high_freq_mel = 2595 * np.log10(1 + (self.fs / 2) / 700)
        mel_points = np.linspace(low_freq_mel, high_freq_mel, self.N_filt)
        f_cos = 700 * (10 ** (mel_points / 2595) - 1)
        b1 = np.roll(f_cos, 1)
        b2 = np.roll(f_cos, -1)
        b1[0] = 30
        b2[-1] = (self.fs / 2) - 100
        self.freq_scale = self.fs * 1.0
        self.set_weights([b1 / self.freq_scale, (b2 - b1) / self.freq_scale])

        # Get beginning and end frequencies of the filters.
        min_freq = 50.0
        min_band = 50.0
        self.filt_beg_freq = tf.abs(self.filt_b1) + min_freq / self.freq_scale
        self.filt_end_freq = self.filt_beg_freq + (tf.abs(self.filt_band) + min_band / self.freq_scale)

        # Filter window (hamming).
        n = np.linspace(0, self.Filt_dim, self.Filt_dim)
        window = 0.54 - 0.46 * tf.cos(2 * math.pi * n / self.Filt_dim)
        window = tf.cast(window, "float32")
        self.window = keras.Variable(window, name="window")
        debug_print("  window", self.window.shape)

        t_right_linspace = np.linspace(1, (self.Filt_dim - 1) / 2, int((self.Filt_dim - 1) / 2))
        self.t_right = keras.Variable(t_right_linspace / self.fs, name="t_right", dtype="float32")
        debug_print("  t_right", self.t_right)

        super(SincConv1D, self).build(input_shape)

    def call(self, x, **kwargs):
        output_list = []
        for i in range(self.N_filt):
            low_pass1 = 2 * self.filt_beg_freq[i] * sinc(self.filt_beg_freq[i] * self.freq_scale, self.t_right)
            low_pass2 = 2 * self.filt_end_freq[i] * sinc(self.filt_end_freq[i] * self.freq_scale, self.t_right)
            band_pass = low_pass2 - low_pass1
            band_pass = band_pass / tf.reduce_max(band_pass)
            output_list.append(band_pass * self.window)
        filters = tf.stack(output_list)
        filters = tf.transpose(filters)
        filters = tf.reshape(filters, (self.Filt_dim, 1, self.N_filt))
        out = tf.nn.conv1d(x, filters, stride=1, padding="VALID")
        debug_print("  out", out)
        return out

    def compute_output_shape(self, input_shape):
        new_size = input_shape[1] - self.Filt_dim + 1 if input_shape[1] is not None else None
        return (input_shape[0], new_size, self.N_filt)


# defining variable outside function to fix the following error
# 'ValueError: A tf.Variable created inside your tf.function has been garbage-collected.'
v = keras.Variable(tf.ones(1))


def sinc(band, t_right):
    y_right = tf.sin(2 * math.pi * band * t_right) / (2 * math.pi * band * t_right)
    y_left = tf.reverse(y_right, [0])
    y = tf.concat([y_left, tf.convert_to_tensor(v), y_right], axis=0)
    return y


def getModel(input_shape, out_dim, N_filt=8, Filt_dim=33, fs=16000):
    inputs = tf.keras.layers.Input(input_shape)
    x = SincConv1D(N_filt, Filt_dim, fs)(inputs)
    x = tf.keras.layers.MaxPooling1D(pool_size=3)(x)
    x = LayerNorm()(x)
    x = tf.keras.layers.LeakyReLU(negative_slope=0.2)(x)
    x = tf.keras.layers.Conv1D(16, 5, strides=1, padding="valid")(x)
    x = tf.keras.layers.MaxPooling1D(pool_size=3)(x)
    x = LayerNorm()(x)
    x = tf.keras.layers.LeakyReLU(negative_slope=0.2)(x)
    x = tf.keras.layers.Flatten()(x)
    x = tf.keras.layers.Dense(32)(x)
    prediction = tf.keras.layers.Dense(out_dim, activation="softmax")(x)
    return tf.keras.Model(inputs=inputs, outputs=prediction)


def build_model():
    return getModel((400, 1), out_dim=4)
