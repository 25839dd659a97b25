"""kapre 0.3 ApplyFilterbank: a fixed mel filterbank tensor stored on self in __init__, before super().__init__().

`ApplyFilterbank(type='mel', filterbank_kwargs=...)` computes the mel filterbank with
`backend.filterbank_mel(...)` (a tf tensor) and stores it as `self.filterbank` in `__init__`,
together with its other settings, and only then calls `super().__init__(**kwargs)`; call() is a
`tf.tensordot` with that tensor. A raw tensor kept on the layer and a late super().__init__()
look like lost weights / reset settings, but the filterbank is a deliberately fixed, non-trainable
transform (kapre's trainable variant is a different layer), it is created eagerly in __init__
(not in a traced build), and no Keras setting is assigned before super: the model has exactly
the Conv2D/Dense weights it should, all with gradients.
(`backend.filterbank_mel` is inlined below in shortened form.)
"""

SOURCE = "https://github.com/keunwoochoi/kapre/blob/master/kapre/time_frequency.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oku_kapre_apply_filterbank_constant_before_super.py:
as returned: Sequential, count_params() = 116, 4 weights, unbuilt: none
after call: count_params() = 116, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'magnitude': 0, 'apply_filterbank': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer

_CH_FIRST_STR = 'channels_first'
_CH_LAST_STR = 'channels_last'
_CH_DEFAULT_STR = 'default'


# --- kapre/backend.py (shortened) -----------------------------------------------------------
def validate_data_format_str(data_format):
    if data_format not in (_CH_DEFAULT_STR, _CH_FIRST_STR, _CH_LAST_STR):
        raise ValueError('data_format should be one of {}'.format(
            str([_CH_FIRST_STR, _CH_LAST_STR, _CH_DEFAULT_STR])) + ' but we received {}'.format(data_format))


def _hz_to_mel(f):
    return 2595.0 * np.log10(1.0 + np.asarray(f) / 700.0)


def _mel_to_hz(m):
    return 700.0 * (10.0 ** (np.asarray(m) / 2595.0) - 1.0)


def filterbank_mel(sample_rate, n_freq, n_mels=128, f_min=0.0, f_max=None, htk=False, norm='slaney'):
    """A tf.Tensor (n_freq, n_mels) of triangular mel filters."""
    if f_max is None:
        f_max = float(sample_rate) / 2
    freqs = np.linspace(0, float(sample_rate) / 2, n_freq)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(f_min), _hz_to_mel(f_max), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, freqs)
    weights = np.zeros((n_mels, n_freq))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    if norm == 'slaney':
        weights *= (2.0 / (mel_f[2: n_mels + 2] - mel_f[:n_mels]))[:, np.newaxis]
    return tf.convert_to_tensor(weights.T, dtype=tf.float32)


class backend:  # stands in for `from . import backend`
    validate_data_format_str = staticmethod(validate_data_format_str)
    filterbank_mel = staticmethod(filterbank_mel)


# --- kapre/time_frequency.py ----------------------------------------------------------------
class Magnitude(Layer):
    """Compute the magnitude of the complex input, resulting in a float tensor"""

    def call(self, x):
        return tf.abs(x)


class ApplyFilterbank(Layer):
    """
    Apply a filterbank to the input spectrograms.

    Args:
        filterbank (`Tensor`): filterbank tensor in a shape of (n_freq, n_filterbanks)
        data_format (`str`): specifies the data format of batch input/output
        **kwargs: Keyword args for the parent keras layer (e.g., `name`)
    """

    def __init__(
        self, type, filterbank_kwargs, data_format='default', **kwargs,
    ):

        backend.validate_data_format_str(data_format)

        self.type = type
        self.filterbank_kwargs = filterbank_kwargs

        if type == 'log':
            self.filterbank = _log_filterbank = backend.filterbank_log(**filterbank_kwargs)
        elif type == 'mel':
            self.filterbank = _mel_filterbank = backend.filterbank_mel(**filterbank_kwargs)

        if data_format == _CH_DEFAULT_STR:
            self.data_format = K.image_data_format()
        else:
            self.data_format = data_format

        if self.data_format == _CH_FIRST_STR:
            self.freq_axis = 3
        else:
            self.freq_axis = 2
        super(ApplyFilterbank, self).__init__(**kwargs)

    def call(self, x):
        # x: 2d batch input. (b, t, fr, ch) or (b, ch, t, fr)
        output = tf.tensordot(x, self.filterbank, axes=(self.freq_axis, 0))
        # ch_last -> (b, t, ch, new_fr). ch_first -> (b, ch, t, new_fr)
        if self.data_format == _CH_LAST_STR:
            output = tf.transpose(output, (0, 1, 3, 2))
        return output

    def get_config(self):
        config = super(ApplyFilterbank, self).get_config()
        config.update(
            {
                'type': self.type,
                'filterbank_kwargs': self.filterbank_kwargs,
                'data_format': self.data_format,
            }
        )
        return config


def build_model(n_frame=12, n_fft=64):
    kwargs = {
        'sample_rate': 16000,
        'n_freq': n_fft // 2 + 1,
        'n_mels': 16,
        'f_min': 0.0,
        'f_max': 8000,
    }
    model = keras.Sequential()
    model.add(keras.Input(shape=(n_frame, n_fft // 2 + 1, 1)))  # STFT frames (kapre.STFT output)
    model.add(Magnitude())
    model.add(ApplyFilterbank(type='mel', filterbank_kwargs=kwargs))
    model.add(keras.layers.Conv2D(8, (3, 3), activation='relu'))
    model.add(keras.layers.GlobalAveragePooling2D())
    model.add(keras.layers.Dense(4, activation='softmax'))
    return model
