"""Audio Spectrogram layer: DFT kernels made with `K.variable` in build() and pushed into `self.trainable_weights` / `self.non_trainable_weights` with `.append`.

spela's Spectrogram (a kapre port to tf.keras) builds its STFT kernels as backend variables and
decides trainability by appending them to the public weight lists. The issue reports that with
`trainable_kernel=False` the summary still shows all 263,168 kernel parameters as trainable (the
appends are no-ops on a property that returns a fresh list; the attribute-tracked variables were
trainable). Run on Keras 3, `K.variable` returns a raw tf.Variable that Keras 3 does not track at
all: the layer reports 0 parameters whichever flag is passed, and the kernels are neither trained
nor saved.
"""

SOURCE = "https://github.com/kongkip/spela/issues/3"
CODES = ("LD003", "LD006")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py t_spectrogram_kvariable_kernels.py:
as returned: Sequential, count_params() = 4228, 2 weights, unbuilt: none
after call: count_params() = 4228, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['sequential/static_stft/real_kernels:0', 'sequential/static_stft/imag_kernels:0']
params of the case's own layers: {'static_stft': 0}
second call: 0 variables watched that the first call did not use
(K.variable returns a tf ResourceVariable: the 2 x 2,112 DFT kernel values are used but not tracked --
the layer reports 0 params and they are not saved; the .append calls on trainable_weights /
non_trainable_weights change nothing)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer


def get_stft_kernels(n_dft):
    """DFT kernels for a real-valued STFT, shaped (n_dft, 1, 1, n_filter)."""
    nb_filter = n_dft // 2 + 1
    timesteps = np.arange(n_dft)
    w_ks = np.arange(nb_filter) * 2 * np.pi / float(n_dft)
    dft_real_kernels = np.cos(w_ks.reshape(-1, 1) * timesteps.reshape(1, -1)).T
    dft_imag_kernels = -np.sin(w_ks.reshape(-1, 1) * timesteps.reshape(1, -1)).T
    window = np.hanning(n_dft).reshape(-1, 1)
    dft_real_kernels = (dft_real_kernels * window)[:, np.newaxis, np.newaxis, :]
    dft_imag_kernels = (dft_imag_kernels * window)[:, np.newaxis, np.newaxis, :]
    return dft_real_kernels.astype(K.floatx()), dft_imag_kernels.astype(K.floatx())


def conv_output_length(input_length, filter_size, padding, stride):
    if input_length is None:
        return None
    output_length = input_length if padding == "same" else input_length - filter_size + 1
    return (output_length + stride - 1) // stride


def amplitude_to_decibel(x, amin=1e-10, dynamic_range=80.0):
    log_spec = 10 * K.log(K.maximum(x, amin)) / np.log(10).astype(K.floatx())
    log_spec = log_spec - K.max(log_spec)
    return K.maximum(log_spec, -1 * dynamic_range)


class Spectrogram(Layer):
    """Spectrogram layer that outputs spectrogram(s) in 2D image format (input: (channels, samples))."""

    def __init__(self, n_dft=512, n_hop=None, padding="same", power_spectrogram=2.0,
                 return_decibel_spectrogram=False, trainable_kernel=False, image_data_format="default",
                 **kwargs):
        assert n_dft > 1 and ((n_dft & (n_dft - 1)) == 0), "n_dft should be > 1 and power of 2"
        assert isinstance(trainable_kernel, bool)
        assert padding in ("same", "valid")
        if n_hop is None:
            n_hop = n_dft // 2
        if image_data_format == "default":
            self.image_data_format = K.image_data_format()
        else:
            self.image_data_format = image_data_format
        self.n_dft = n_dft
        self.n_filter = n_dft // 2 + 1
        self.trainable_kernel = trainable_kernel
        self.n_hop = n_hop
        self.padding = padding
        self.power_spectrogram = float(power_spectrogram)
        self.return_decibel_spectrogram = return_decibel_spectrogram
        super(Spectrogram, self).__init__(**kwargs)

    def build(self, input_shape):
        self.n_ch = input_shape[1]
        self.len_src = input_shape[2]
        self.is_mono = self.n_ch == 1
        self.ch_axis_idx = 1 if self.image_data_format == "channels_first" else 3
        self.n_frame = conv_output_length(self.len_src, self.n_dft, self.padding, self.n_hop)

        dft_real_kernels, dft_imag_kernels = get_stft_kernels(self.n_dft)
        self.dft_real_kernels = K.variable(dft_real_kernels, dtype=K.floatx(), name="real_kernels")
        self.dft_imag_kernels = K.variable(dft_imag_kernels, dtype=K.floatx(), name="imag_kernels")
        if self.trainable_kernel:
            self.trainable_weights.append(self.dft_real_kernels)
            self.trainable_weights.append(self.dft_imag_kernels)
        else:
            self.non_trainable_weights.append(self.dft_real_kernels)
            self.non_trainable_weights.append(self.dft_imag_kernels)
        super(Spectrogram, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        if self.image_data_format == "channels_first":
            return input_shape[0], self.n_ch, self.n_filter, self.n_frame
        return input_shape[0], self.n_filter, self.n_frame, self.n_ch

    def call(self, x):
        output = self._spectrogram_mono(x[:, 0:1, :])
        if self.is_mono is False:
            for ch_idx in range(1, self.n_ch):
                output = K.concatenate((output, self._spectrogram_mono(x[:, ch_idx:ch_idx + 1, :])),
                                       axis=self.ch_axis_idx)
        if self.power_spectrogram != 2.0:
            output = K.pow(K.sqrt(output), self.power_spectrogram)
        if self.return_decibel_spectrogram:
            output = amplitude_to_decibel(output)
        return output

    def get_config(self):
        config = {"n_dft": self.n_dft, "n_hop": self.n_hop, "padding": self.padding,
                  "power_spectrogram": self.power_spectrogram,
                  "return_decibel_spectrogram": self.return_decibel_spectrogram,
                  "trainable_kernel": self.trainable_kernel, "image_data_format": self.image_data_format}
        base_config = super(Spectrogram, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def _spectrogram_mono(self, x):
        x = K.permute_dimensions(x, [0, 2, 1])
        x = K.expand_dims(x, 3)
        subsample = (self.n_hop, 1)
        output_real = K.conv2d(x, self.dft_real_kernels, strides=subsample, padding=self.padding,
                               data_format="channels_last")
        output_imag = K.conv2d(x, self.dft_imag_kernels, strides=subsample, padding=self.padding,
                               data_format="channels_last")
        output = output_real ** 2 + output_imag ** 2
        if self.image_data_format == "channels_last":
            output = K.permute_dimensions(output, [0, 3, 1, 2])
        else:
            output = K.permute_dimensions(output, [0, 2, 3, 1])
        return output


def build_model():
    model = tf.keras.Sequential()
    model.add(tf.keras.Input(shape=(1, 1024)))
    model.add(Spectrogram(n_dft=64, n_hop=32, return_decibel_spectrogram=True, power_spectrogram=2.0,
                          trainable_kernel=False, name="static_stft"))
    model.add(tf.keras.layers.Flatten())
    model.add(tf.keras.layers.Dense(4))
    return model
