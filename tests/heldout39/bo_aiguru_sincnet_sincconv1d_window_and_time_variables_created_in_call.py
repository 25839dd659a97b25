"""AI-Guru's Keras SincNet port builds its Hamming window, its time axis and a constant `ones(1)` as fresh
`K.variable`s inside `call()` (and in the `sinc` helper it calls) on every forward pass: on Keras 3 each call makes new
untracked `tf.Variable`s that the tape watches, that the layer never counts or saves (LD002).

From AI-Guru/SincNet (an early Keras port of Ravanelli and Bengio's SincNet, raw-waveform speaker recognition),
`sincnet.py`. `build()` is correct: `filt_b1` and `filt_band` by `add_weight`, mel-spaced initial values through
`set_weights`. `call()` then computes the band edges from them and, per call, `window = K.variable(K.cast(0.54 -
0.46 * K.cos(...)))` and `t_right = K.variable(linspace / fs)`; `sinc()` concatenates `K.variable(K.ones(1))` between
the two halves of each filter. The filters are stacked, reshaped and applied with `K.conv1d`. `demo.py` wires
`Sequential([SincConv1D(2, 25, 16000, input_shape=(1024, 1)), Flatten(), Dense(10)])`.

Porting edits: Keras 3's `keras.backend` has none of these functions; each `K.x` is spelled as the TensorFlow op the
Keras 2 TF backend ran (`K.variable(v)` -> `tf.Variable(v, dtype="float32")`, floatx; `K.abs/cos/sin/cast/stack/
reshape/concatenate` -> `tf.*`; `K.max` -> `tf.reduce_max`; `K.reverse(y, 0)` -> `tf.reverse(y, [0])`; `K.conv1d(x,
kernel)` -> `tf.nn.conv1d(x, kernel, 1, "VALID")`). `keras.engine.topology.Layer` -> `keras.layers.Layer`,
`keras.utils.conv_utils.conv_output_length`, gone
from Keras 3, is a three-line local copy of its "valid" branch; the debug prints are left out. build_model() is
`demo.py`'s Sequential (the input given by `keras.Input((1024, 1))` instead of `input_shape=`). Other defects of the
file (the filter bank reshaped to `(N_filt, 1, Filt_dim)`, i.e. 2 taps and 25 output channels) are kept as written.
"""

SOURCE = "https://github.com/AI-Guru/SincNet/blob/7db396b155fd687d2ebfa5c11d3125d5842ea4f7/sincnet.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/bo_aiguru_sincnet_sincconv1d_window_and_time_variables_created_in_call.py:
as returned: Sequential, count_params() = 255764, 4 weights, unbuilt: none
after call: count_params() = 255764, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 6 variables the model does not track: ['sequential/sinc_conv1d/Variable:0', 'sequential/sinc_conv1d/Variable:0', 'sequential/sinc_conv1d/Variable:0', 'sequential/sinc_conv1d/Variable:0', 'sequential/sinc_conv1d/Variable:0', 'sequential/sinc_conv1d/Variable:0']
params of the case's own layers: {'sinc_conv1d': 4}
second call: 6 variables watched that the first call did not use
(the 6 untracked variables are the per-call window and t_right plus one `ones(1)` per sinc() call, 2 filters x 2;
python _probe_aiguru.py: model.predict raised ValueError ... "tf.function only supports singleton tf.Variables
created on the first call" — under tf.function (predict/fit) the layer cannot run at all.)"""

import math

import numpy as np
import tensorflow as tf
import keras
from keras import layers, models
from keras.layers import Layer


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    # Keras 2's keras.utils.conv_utils.conv_output_length, which Keras 3 no longer has ("valid" branch only)
    dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    output_length = input_length - dilated_filter_size + 1
    return (output_length + stride - 1) // stride


class SincConv1D(Layer):

    def __init__(
        self,
        N_filt,
        Filt_dim,
        fs,
        **kwargs):

        self.N_filt=N_filt
        self.Filt_dim=Filt_dim
        self.fs=fs

        super(SincConv1D, self).__init__(**kwargs)

    def build(self, input_shape):

        # The filters are trainable parameters.
        self.filt_b1 = self.add_weight(
            name='filt_b1',
            shape=(self.N_filt,),
            initializer='uniform',
            trainable=True)
        self.filt_band = self.add_weight(
            name='filt_band',
            shape=(self.N_filt,),
            initializer='uniform',
            trainable=True)

        # Mel Initialization of the filterbanks
        low_freq_mel = 80
        high_freq_mel = (2595 * np.log10(1 + (self.fs / 2) / 700))  # Convert Hz to Mel
        mel_points = np.linspace(low_freq_mel, high_freq_mel, self.N_filt)  # Equally spaced in Mel scale
        f_cos = (700 * (10**(mel_points / 2595) - 1)) # Convert Mel to Hz
        b1 = np.roll(f_cos, 1)
        b2 = np.roll(f_cos, -1)
        b1[0] = 30
        b2[-1] = (self.fs / 2) - 100
        self.freq_scale=self.fs * 1.0
        self.set_weights([b1/self.freq_scale, (b2-b1)/self.freq_scale])

        super(SincConv1D, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x):

        # Get beginning and end frequencies of the filters.
        min_freq = 50.0
        min_band = 50.0
        filt_beg_freq = tf.abs(self.filt_b1) + min_freq / self.freq_scale
        filt_end_freq = filt_beg_freq + (tf.abs(self.filt_band) + min_band / self.freq_scale)

        # Filter window (hamming).
        n = np.linspace(0, self.Filt_dim, self.Filt_dim)
        window = 0.54 - 0.46 * tf.cos(2 * math.pi * n / self.Filt_dim)
        window = tf.cast(window, "float32")
        window = tf.Variable(window, dtype="float32")

        # TODO what is this?
        t_right_linspace = np.linspace(1, (self.Filt_dim - 1) / 2, int((self.Filt_dim -1) / 2))
        t_right = tf.Variable(t_right_linspace / self.fs, dtype="float32")

        # Compute the filters.
        output_list = []
        for i in range(self.N_filt):
            low_pass1 = 2 * filt_beg_freq[i] * sinc(filt_beg_freq[i] * self.freq_scale, t_right)
            low_pass2 = 2 * filt_end_freq[i] * sinc(filt_end_freq[i] * self.freq_scale, t_right)
            band_pass= (low_pass2 - low_pass1)
            band_pass = band_pass / tf.reduce_max(band_pass)
            output_list.append(band_pass * window)
        filters = tf.stack(output_list)

        # Reshape the filters. TODO is this really necessary?
        filters = tf.reshape(filters, (self.N_filt, 1, self.Filt_dim))

        # Do the convolution.
        out = tf.nn.conv1d(
            x,
            filters,
            1,
            "VALID"
        )

        return out

    def compute_output_shape(self, input_shape):
        new_size = conv_output_length(
            input_shape[1],
            self.N_filt,
            padding="valid",
            stride=1,
            dilation=1)
        return (input_shape[0],) + (new_size,) + (self.Filt_dim,)


def sinc(band, t_right):
    y_right = tf.sin(2 * math.pi * band * t_right) / (2 * math.pi * band * t_right)

    #y_left = flip(y_right, 0) TODO remove if useless
    y_left = tf.reverse(y_right, [0])

    y = tf.concat([y_left, tf.Variable(tf.ones(1), dtype="float32"), y_right], 0)

    return y


def build_model():
    model = models.Sequential()
    model.add(keras.Input((1024, 1)))
    model.add(SincConv1D(2, 25, 16000))
    model.add(layers.Flatten())
    model.add(layers.Dense(10))
    return model
