"""teal's audio front-end layers: `MelSpectrogram` (a subclass of `Spectrogram`, itself a subclass of the
`STFT` layer) computes its mel filter bank with `tf.signal.linear_to_mel_weight_matrix` in `build()` and
keeps the resulting tensor on `self._lin_to_mel_matrix`, sets that attribute to `None` in `__init__`, and
never calls `super().build()`.

From am1tyadav/teal (`teal/mel_spectrogram.py`, with `teal/spectrogram.py`, `teal/stft.py` and
`teal/power_to_db.py`; the library's layers are meant to be placed at the front of a Keras model on raw
audio). It looks like the raw-tensor-state trap (a `tf.*` tensor stored on `self` in `build()` instead of
a variable) and the build-without-super myth, but the mel matrix is a fixed, non-learnable projection by
design (teal has no trainable front-end), so nothing is lost when Keras does not count it: on Keras 3 the
front-end layers report 0 parameters as intended, the model's only weights are the classifier's, every
one of them gets a gradient, and no variable is watched outside the model.

Porting edits: the four files joined (the `from teal import ...` imports become local names); a small
classifier as a teal user would write it: 1 s of 8 kHz audio -> MelSpectrogram(8000, n_fft=256,
hop_length=128, n_mels=16) -> PowerToDb -> Reshape(..., 1) -> Conv2D(4, 3) -> GlobalAveragePooling2D ->
Dense(3).
"""

SOURCE = "https://github.com/am1tyadav/teal/blob/6d3f372d97b2d0ab1b34e03ce9205a5e7ef88f10/teal/mel_spectrogram.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/okh_teal_mel_spectrogram_filterbank_tensor_in_build.py:
as returned: Functional, count_params() = 55, 4 weights, unbuilt: none
after call: count_params() = 55, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mel_spectrogram': 0, 'power_to_db': 0}
second call: 0 variables watched that the first call did not use
(55 = Conv2D 3*3*1*4 + 4 = 40 + Dense 4*3 + 3 = 15; the 129x16 mel matrix is a constant, as designed.)"""

import tensorflow as tf
from tensorflow.keras import layers


class STFT(layers.Layer):
    def __init__(self, n_fft: int, hop_length: int):
        super(STFT, self).__init__()

        self._n_fft = n_fft
        self._hop_length = hop_length

    def call(self, inputs, *args, **kwargs):
        return tf.signal.stft(
            inputs,
            frame_length=self._n_fft,
            frame_step=self._hop_length
        )

    def get_config(self):
        config = super(STFT, self).get_config()
        config.update({
            "_n_fft": self._n_fft,
            "_hop_length": self._hop_length,
        })
        return config


class Spectrogram(STFT):
    """Spectrogram

    Computes power spectrum of input audio
    """
    def __init__(
            self,
            n_fft: int,
            hop_length: int,
            *args,
            power: float = 2.,
            **kwargs
    ):
        super().__init__(
            n_fft=n_fft,
            hop_length=hop_length,
            *args, **kwargs
        )

        self._power = power

    def call(self, inputs, *args, **kwargs):
        _stft = super().call(inputs, *args, **kwargs)
        return tf.math.pow(tf.abs(_stft), self._power)

    def get_config(self):
        config = super().get_config()
        config.update({
            "_power": self._power
        })
        return config


def get_mel_filter_bank(sample_rate: int, n_fft: int, n_mels: int):
    return tf.signal.linear_to_mel_weight_matrix(
        num_mel_bins=n_mels,
        num_spectrogram_bins=n_fft // 2 + 1,
        sample_rate=sample_rate,
        lower_edge_hertz=0,
        upper_edge_hertz=sample_rate / 2,
    )


class MelSpectrogram(Spectrogram):
    """MelSpectrogram

    Compute mel spectrogram of input audio
    """

    def __init__(
            self,
            sample_rate: int,
            n_fft: int,
            hop_length: int,
            n_mels: int,
            *args,
            power: float = 2.,
            **kwargs
    ):
        super().__init__(
            n_fft,
            hop_length,
            *args,
            power=power,
            **kwargs
        )

        self._sample_rate = sample_rate
        self._n_mels = n_mels
        self._lin_to_mel_matrix = None

    def build(self, input_shape):
        self._lin_to_mel_matrix = get_mel_filter_bank(
            self._sample_rate, self._n_fft, self._n_mels
        )

    def call(self, inputs, *args, **kwargs):
        _spec = super().call(inputs, *args, **kwargs)
        return tf.matmul(_spec, self._lin_to_mel_matrix)

    def get_config(self):
        config = super().get_config()
        config.update({
            "_sample_rate": self._sample_rate,
            "_n_mels": self._n_mels
        })
        return config


class PowerToDb(layers.Layer):
    def __init__(self,
                 top_db: float = 80.0,
                 epsilon: float = 1e-10):
        super(PowerToDb, self).__init__()

        self._top_db = top_db
        self._epsilon = epsilon

    def call(self, inputs, *args, **kwargs):
        _epsilon = tf.zeros_like(inputs) + self._epsilon
        _log = tf.math.log(tf.maximum(inputs, _epsilon))
        _log_10 = 10 * tf.math.divide(_log, tf.math.log(tf.constant(10, dtype=inputs.dtype)))
        _value_max = tf.expand_dims(tf.reduce_max(_log_10, axis=(1, 2)) - self._top_db, axis=-1)
        _value_max = tf.expand_dims(_value_max, axis=-1)
        _clipped = tf.maximum(_log_10, _value_max)
        return _clipped


def build_model():
    inputs = tf.keras.Input((8000,))
    x = MelSpectrogram(8000, n_fft=256, hop_length=128, n_mels=16)(inputs)
    x = PowerToDb()(x)
    x = layers.Reshape((-1, 16, 1))(x)
    x = layers.Conv2D(4, 3, activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(3)(x)
    return tf.keras.Model(inputs, outputs)
