"""A SincNet-for-EEG notebook's `SincConv2D` stores its Hamming window and time axis as plain tensors on `self`
(`self.Window = tf.tile(...)`, `self.T_Right = tf.tile(...)`) in `build()`, next to the two learnable cut-off weights
made with `add_weight`: correct on Keras 3 — the tensors are fixed constants, not weights, and both cut-offs are
counted and get gradients through `call()`.

From marcellosicbaldi/SincNet-Tensorflow (SincNet band-pass filters applied to EEG in 2D, channels x samples),
`sincnet.py`, an export of the Colab notebook `SincNet.ipynb`. `build()` adds `filt_b1` and `filt_band` of shape
`(N_filt, 1)` and initialises them with `set_weights` from random low cut-offs in 4..38 Hz divided by the global
`fs`; the window and `t_right` are `tf.constant`/`tf.linspace` results tiled per filter. `call()` recomputes the
band edges from the weights on every call, builds band-pass filters with `low_pass_` (which reads `self.T_Right`),
multiplies by `self.Window` and convolves with `tf.nn.conv2d`. What a naive checker flags: tensors made with
`tf.constant`/`tf.tile` stored on `self` in `build()` (reads as LD001), weights set with `set_weights` inside
`build()`, a `tf.ones` made in `call()`'s helper.

Porting edits: the exported file has no imports (they live in the notebook's first cell: numpy, math, tensorflow,
`tensorflow.keras.layers.Layer`) and reads the notebook's global `fs = 128`; both are supplied here. Its
`compute_output_shape` reads a `self.kernel_size` the layer never sets; Keras 3 calls it when the layer is used
on a symbolic input (tf.keras 2 did not), so it is left out. build_model() wires the layer the way the notebook's
EEG model starts, at a small size: `Input((4, 256, 1))` (4 electrodes x 2 s at 128 Hz) -> `SincConv2D(8, 33, fs)`
-> `BatchNormalization` -> `Flatten` -> `Dense(2, softmax)`.
"""

SOURCE = "https://github.com/marcellosicbaldi/SincNet-Tensorflow/blob/81d8f3c3e5b2f7e09af4a433f7590c4d3589d58a/sincnet.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/okbo_marcellosicbaldi_sincconv2d_window_and_time_axis_tensors_stored_in_build.py:
as returned: Functional, count_params() = 16434, 8 weights, unbuilt: none
after call: count_params() = 16434, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sinc_conv2d': 16}
second call: 0 variables watched that the first call did not use
(16 = filt_b1 + filt_band, (8, 1) each; both get gradients; Window and T_Right are not weights and need none.)"""

import math

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer, Input, BatchNormalization, Flatten, Dense
from tensorflow.keras.models import Model

fs = 128


class SincConv2D(Layer):

    def __init__(
            self,
            N_filt,
            Filt_dim,
            fs,
            padding="SAME",
            **kwargs):
        self.N_filt = N_filt
        self.Filt_dim = Filt_dim
        self.fs = fs
        self.padding = padding

        super(SincConv2D, self).__init__(**kwargs)

    def build(self, input_shape):
        # The filters are trainable parameters.
        self.filt_b1 = self.add_weight(
            name='filt_b1',
            shape=(self.N_filt, 1),
            initializer='uniform',
            trainable=True)
        self.filt_band = self.add_weight(
            name='filt_band',
            shape=(self.N_filt, 1),
            initializer='uniform',
            trainable=True)

        low_freq = 4
        high_freq = 38

        # Random initialization between low_freq and high_freq
        low_hz = np.expand_dims(np.random.uniform(low_freq, high_freq, self.N_filt), axis = -1)

        hz_points = np.linspace(low_freq, high_freq, self.N_filt+1)
        band_hz = np.expand_dims(np.diff(hz_points), axis = -1)

        t_right = tf.constant(tf.linspace(1.0, (self.Filt_dim - 1) / 2, int((self.Filt_dim - 1) / 2)) / self.fs, tf.float32)
        self.T_Right = tf.tile(tf.expand_dims(t_right, axis=0), (self.N_filt, 1))

        n = tf.linspace(0, self.Filt_dim - 1, self.Filt_dim)
        window = 0.54 - 0.46 * tf.cos(2 * math.pi * n / self.Filt_dim)
        window = tf.cast(window, tf.float32)
        self.Window = tf.tile(tf.expand_dims(window, axis=0), (self.N_filt, 1))

        # This sets the weights of the layer (filt_b1 and filt_band) from a list of NumPy arrays
        self.set_weights([low_hz/fs, band_hz/fs])

        super(SincConv2D, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x, **kwargs):

        low_freq = 4
        high_freq = 38
        # min_band = 5

        # Get lower and upper cutoff frequencies of the filters.
        filt_beg_freq = tf.abs(self.filt_b1)   # lower cutoff frequency

        # The upper cutoff is imposed to be always greater than the lower cutoff by filt_band
        # filt_band is a learnable parameter!! --> Instead of learning the upper cutoff I learn the pass bandwidth
        filt_end_freq = filt_beg_freq + tf.abs(self.filt_band)# + min_band/self.fs # upper cutoff frequency

        low_pass1 = self.low_pass_(filt_beg_freq*fs)
        low_pass2 = self.low_pass_(filt_end_freq*fs)
        band_pass = (low_pass2 - low_pass1)
        band_pass = band_pass / tf.reduce_max(band_pass, axis=1, keepdims=True)
        windowed_band_pass = band_pass * self.Window

        filters = tf.transpose(windowed_band_pass)
        filters = tf.reshape(filters, (1, self.Filt_dim, 1, self.N_filt))

        # Do the convolution.
        out = tf.nn.conv2d(
            x,
            filters=filters,
            strides = 1,
            padding=self.padding
        )

        return out

    def low_pass_(self, fc):
        y_right = tf.sin(math.pi * 2*fc*self.T_Right) / (math.pi * 2*fc*self.T_Right)
        y_left = tf.reverse(y_right, [1])
        y = tf.concat([y_left, tf.ones((self.N_filt, 1)), y_right], axis=1)
        return 2*fc*y


def build_model():
    inputs = Input((4, 256, 1))
    x = SincConv2D(8, 33, fs)(inputs)
    x = BatchNormalization()(x)
    x = Flatten()(x)
    outputs = Dense(2, activation="softmax")(x)
    return Model(inputs, outputs)
