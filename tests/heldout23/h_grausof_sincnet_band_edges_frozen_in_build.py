"""keras-sincnet's `SincConv1D` computes the filters' band edges (`filt_beg_freq`, `filt_end_freq`) from its
trainable `filt_b1` / `filt_band` weights once, inside `build()`, and `call()` only reads those stored
tensors, so the two learnable filterbank weights are counted but never reach the loss.

From grausof/keras-sincnet (`sincnet.py`, the Keras port of SincNet's learnable band-pass front-end, wired
by `model.py`'s `get_model`). `build()` makes `filt_b1`/`filt_band` with `add_weight`, loads the mel
initialisation with `set_weights`, then stores `K.abs(self.filt_b1) + min_freq / freq_scale` and the end
frequency on `self`: on Keras 3 the functional model builds the layer eagerly, so these are constant
EagerTensors snapshotting the initial values. `call()` builds every sinc filter from the snapshots, so the
whole point of SincNet (learning the cut-off frequencies) silently does nothing: the weights show in the
summary, get a `None` gradient, and stay at their initial values. The window and `t_right` are
`K.variable`s (tf.Variables, untracked on Keras 3) and `sinc()` uses a module-level `v = K.variable(...)`;
those hold constants and are kept as the author wrote them.

Porting edits: `tensorflow.python.keras.utils.conv_utils` -> a local `conv_output_length` (same formula for
'valid'); `from keras import initializers` kept; `LayerNorm` and `model.summary()` dropped; `get_model`
`LeakyReLU(alpha=...)` -> `negative_slope=` (Keras 3 name); trimmed to SincConv1D(4 filters of length 15, fs 16000) -> MaxPooling1D -> LeakyReLU -> Conv1D(4) ->
Flatten -> Dense(3) on 200-sample inputs (the repository reads these sizes from `conf.py`).
"""

SOURCE = "https://github.com/grausof/keras-sincnet/blob/aa12dd9676f93e2dc6d951d278f2af876782d877/sincnet.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/h_grausof_sincnet_band_edges_frozen_in_build.py:
as returned: Functional, count_params() = 791, 6 weights, unbuilt: none
after call: count_params() = 791, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['sinc_conv1d/filt_b1', 'sinc_conv1d/filt_band']
tape watched 3 variables the model does not track: ['Variable:0', 'sinc_conv1d/window:0', 'sinc_conv1d/t_right:0']
params of the case's own layers: {'sinc_conv1d': 8}
second call: 0 variables watched that the first call did not use
(the 8 counted SincConv1D params are filt_b1/filt_band: counted, never trained; the three untracked
tf.Variables are the constant window, t_right and the module-level `v`.)"""

import math

import numpy as np
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Conv1D, Dense, Flatten, Input, Layer, LeakyReLU, MaxPooling1D
from tensorflow.keras.models import Model

debug = False


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if padding == "valid":
        output_length = input_length - dilated_filter_size + 1
    else:
        output_length = input_length
    return (output_length + stride - 1) // stride


def debug_print(*objects):
    if debug:
        print(*objects)


class SincConv1D(Layer):

    def __init__(
            self,
            N_filt,
            Filt_dim,
            fs,
            **kwargs):
        self.N_filt = N_filt
        self.Filt_dim = Filt_dim
        self.fs = fs

        super(SincConv1D, self).__init__(**kwargs)

    # overriding get_config method as __init__ function has positional arguements
    def get_config(self):
        return {"N_filt": self.N_filt,
                "Filt_dim": self.Filt_dim,
                "fs": self.fs}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

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
        f_cos = (700 * (10 ** (mel_points / 2595) - 1))  # Convert Mel to Hz
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
        self.filt_end_freq = self.filt_beg_freq + (K.abs(self.filt_band) + min_band / self.freq_scale)

        # Filter window (hamming).
        n = np.linspace(0, self.Filt_dim, self.Filt_dim)
        window = 0.54 - 0.46 * K.cos(2 * math.pi * n / self.Filt_dim)
        window = K.cast(window, "float32")

        # specifying unique name to the variable to fix issue while saving the model
        self.window = K.variable(window, name='window')
        debug_print("  window", self.window.shape)

        # TODO what is this?
        t_right_linspace = np.linspace(1, (self.Filt_dim - 1) / 2, int((self.Filt_dim - 1) / 2))

        # specifying unique name to the variable to fix issue while saving the model
        self.t_right = K.variable(t_right_linspace / self.fs, name='t_right')
        debug_print("  t_right", self.t_right)

        super(SincConv1D, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x, **kwargs):
        debug_print("call")

        # Compute the filters.
        output_list = []
        for i in range(self.N_filt):
            low_pass1 = 2 * self.filt_beg_freq[i] * sinc(self.filt_beg_freq[i] * self.freq_scale, self.t_right)
            low_pass2 = 2 * self.filt_end_freq[i] * sinc(self.filt_end_freq[i] * self.freq_scale, self.t_right)
            band_pass = (low_pass2 - low_pass1)
            band_pass = band_pass / K.max(band_pass)
            output_list.append(band_pass * self.window)
        filters = K.stack(output_list)  # (80, 251)
        filters = K.transpose(filters)  # (251, 80)
        filters = K.reshape(filters, (self.Filt_dim, 1,
                                      self.N_filt))  # (251,1,80) in TF: (filter_width, in_channels, out_channels)

        # Do the convolution.
        out = K.conv1d(
            x,
            kernel=filters
        )
        debug_print("  out", out)

        return out

    def compute_output_shape(self, input_shape):
        new_size = conv_output_length(
            input_shape[1],
            self.Filt_dim,
            padding="valid",
            stride=1,
            dilation=1)
        return (input_shape[0],) + (new_size,) + (self.N_filt,)


# defining variable outside function to fix the following error
# 'ValueError: A tf.Variable created inside your tf.function has been garbage-collected.'
v = K.variable(K.ones(1))
def sinc(band, t_right):
    y_right = K.sin(2 * math.pi * band * t_right) / (2 * math.pi * band * t_right)
    y_left = K.reverse(y_right, 0)
    y = K.concatenate([y_left, v, y_right])
    return y


def get_model(input_shape, out_dim):
    inputs = Input(input_shape)
    x = SincConv1D(4, 15, 16000)(inputs)

    x = MaxPooling1D(pool_size=3)(x)
    x = LeakyReLU(negative_slope=0.2)(x)

    x = Conv1D(4, 5, strides=1, padding='valid')(x)
    x = LeakyReLU(negative_slope=0.2)(x)
    x = Flatten()(x)

    prediction = Dense(out_dim, activation='softmax')(x)
    model = Model(inputs=inputs, outputs=prediction)
    return model


def build_model():
    return get_model((200, 1), 3)
