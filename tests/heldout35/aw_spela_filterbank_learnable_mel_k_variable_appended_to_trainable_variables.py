"""spela's learnable Filterbank creates its mel matrix with `tf.keras.backend.variable` in `build()` and appends it
to `self.trainable_variables`: on Keras 3 the "trainable" filterbank is not a weight, gets no gradient, never trains.

From kongkip/spela (`spela/filterbank.py`, a tf.keras rewrite of kapre's Filterbank). `Filterbank(n_fbs, trainable,
...)` is meant to learn a spectrogram -> mel projection initialised with mel triangles: `build()` sets
`self.filterbank = tf.keras.backend.variable(filterbank_mel(...).transpose())` and then, if `trainable`,
`self.trainable_variables.append(self.filterbank)`, else `self.non_trainable_variables.append(...)`. Both properties
return a fresh list, so the append is lost (LD006, mutating the weight lists); what is kept on self is a backend
`tf.Variable` (the legacy backend's `variable()`), which Keras 3 does not track (LD003). `call()` multiplies by it,
so the forward pass is right and nothing warns, but the layer reports 0 params and the optimizer never sees the
filterbank. (The same file sets `self.trainable = trainable` after `super().__init__()`: that is the layer's own
flag, set at the right time, not a defect.)

Porting edits: `spela.utils.backend.filterbank_mel` calls `librosa.filters.mel` (librosa is not installed here); it
is replaced by a small NumPy Slaney-style triangular mel matrix of the same (n_mels, n_freq) shape. The layer class
is the author's. `build_model()` wires what the repo's mel pipeline feeds it: a (257 freq, 63 frames, 1) power
spectrogram -> Filterbank(n_fbs=40, trainable=True) -> Flatten -> Dense(10), functional.
"""

SOURCE = "https://github.com/kongkip/spela/blob/75b3bbe5b0669576a19bf6b50ef346d2aed833da/spela/filterbank.py"
CODES = ("LD003", "LD006")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aw_spela_filterbank_learnable_mel_k_variable_appended_to_trainable_variables.py:
as returned: Functional, count_params() = 25210, 2 weights, unbuilt: none
after call: count_params() = 25210, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['learnable_mel/Variable:0']
params of the case's own layers: {'learnable_mel': 0}
second call: 0 variables watched that the first call did not use
(25,210 = the Dense's 40*63*10 + 10; the (257, 40) filterbank, 10,280 values that trainable=True should train,
is missing from the count and from model.trainable_weights.)"""

import numpy as np
import tensorflow as tf


def filterbank_mel(sr, n_freq, n_mels=128, fmin=0.0, fmax=None):
    """Stand-in for spela.utils.backend.filterbank_mel (librosa.filters.mel): (n_mels, n_freq) triangles."""
    fmax = sr / 2.0 if fmax is None else fmax
    hz_to_mel = lambda f: 2595.0 * np.log10(1.0 + f / 700.0)
    mel_to_hz = lambda m: 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    fft_freqs = np.linspace(0, sr / 2.0, n_freq)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))
    weights = np.zeros((n_mels, n_freq))
    for i in range(n_mels):
        lower = (fft_freqs - mel_f[i]) / (mel_f[i + 1] - mel_f[i])
        upper = (mel_f[i + 2] - fft_freqs) / (mel_f[i + 2] - mel_f[i + 1])
        weights[i] = np.maximum(0, np.minimum(lower, upper)) * 2.0 / (mel_f[i + 2] - mel_f[i])
    return weights.astype(tf.keras.backend.floatx())


class Filterbank(tf.keras.layers.Layer):
    def __init__(self, n_fbs, trainable, sr=16000, init="mel", fmin=0., fmax=None,
                 bins_per_octave=12, image_data_format="default", **kwargs):
        super(Filterbank, self).__init__(**kwargs)
        self.supports_masking = True
        self.n_fbs = n_fbs
        assert init in ("mel", "log", "linear", "uni_random")
        assert sr is not None
        if fmax is None:
            self.fmax = sr / 2.0
        else:
            self.fmax = fmax
        if init in ("mel", "log"):
            assert sr is not None

        self.fmin = fmin
        self.init = init
        self.bins_per_octave = bins_per_octave
        self.sr = sr
        self.trainable = trainable
        self.filterbank = None
        assert image_data_format in ("default", "channel_first", "channel_last")
        if image_data_format == "default":
            self.image_data_format = tf.keras.backend.image_data_format()
        else:
            self.image_data_format = image_data_format

    def build(self, input_shape):
        super(Filterbank, self).build(input_shape)
        self.built = True
        if self.image_data_format == "channel_first":
            self.n_ch = input_shape[1]
            self.n_freq = input_shape[2]
            self.n_time = input_shape[3]
        else:
            self.n_ch = input_shape[3]
            self.n_freq = input_shape[1]
            self.n_time = input_shape[2]

        if self.init == "mel":
            self.filterbank = tf.keras.backend.variable(filterbank_mel(sr=self.sr,
                                                                       n_freq=self.n_freq,
                                                                       n_mels=self.n_fbs,
                                                                       fmin=self.fmin,
                                                                       fmax=self.fmax).transpose(),
                                                        dtype=tf.keras.backend.floatx())
        if self.trainable:
            self.trainable_variables.append(self.filterbank)
        else:
            self.non_trainable_variables.append(self.filterbank)

    def compute_output_shape(self, input_shape):
        if self.image_data_format == "channel_first":
            return input_shape[0], self.n_ch, self.n_fbs, self.n_time
        else:
            return input_shape[0], self.n_fbs, self.n_time, self.n_ch

    def call(self, inputs, **kwargs):
        # reshape so that the last axis id freq axis
        if self.image_data_format == "channel_first":
            x = tf.keras.backend.permute_dimensions(inputs, (0, 1, 3, 1))
        else:
            x = tf.keras.backend.permute_dimensions(inputs, [0, 3, 2, 1])
        output = tf.keras.backend.dot(x, self.filterbank)
        # reshape back
        if self.image_data_format == "channel_first":
            return tf.keras.backend.permute_dimensions(output, [0, 1, 3, 2])
        else:
            return tf.keras.backend.permute_dimensions(output, [0, 3, 2, 1])


def build_model():
    spec = tf.keras.Input(shape=(257, 63, 1))
    mel = Filterbank(n_fbs=40, trainable=True, sr=16000, name="learnable_mel")(spec)
    x = tf.keras.layers.Flatten()(mel)
    out = tf.keras.layers.Dense(10, activation="softmax")(x)
    return tf.keras.Model(spec, out)
