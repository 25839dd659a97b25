"""kapre's ParametricMel filterbank: Gaussian means/stds made with K.variable, then `self.trainable_weights = [...]`.

The learnable mel filterbank (`kapre/Filterbank.py`) creates `means`, `stds` and the fixed
`center_freqs` with `K.variable(...)` in build() and then declares which are trainable by
assigning `self.trainable_weights = [self.means, self.stds]` (the Keras 1/2 idiom). On Keras 3
`trainable_weights` is a read-only property: building the layer raises AttributeError, so the
audio front-end cannot even be wired into a model. (Keras-1 spellings ported to Keras 2: `dim=`
-> `axis=`, `initializations` import dropped; `_mel_frequencies` from TimeFrequency.py inlined.)
"""

SOURCE = "https://github.com/keunwoochoi/kapre/blob/2fc3b416fb1726840d70e3add646cadda5ab0680/kapre/Filterbank.py"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py u_kapre_parametric_mel_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'ParametricMel' object has no setter"""

import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import Layer
from tensorflow.keras import backend as K


# --- kapre/TimeFrequency.py (helpers) --------------------------------------------------------
def _hz_to_mel(frequencies):
    return 2595.0 * np.log10(1.0 + np.asanyarray(frequencies) / 700.0)


def _mel_to_hz(mels):
    return 700.0 * (10.0 ** (np.asanyarray(mels) / 2595.0) - 1.0)


def _mel_frequencies(n_mels=128, fmin=0.0, fmax=11025.0):
    min_mel = _hz_to_mel(fmin)
    max_mel = _hz_to_mel(fmax)
    mels = np.linspace(min_mel, max_mel, n_mels)
    return _mel_to_hz(mels)


# --- kapre/Filterbank.py ------------------------------------------------------------------
class ParametricMel(Layer):
    '''Parametric mel assumes a mono STFT input, i.e., (None, row, col).
    It converts 2d stft image into 2d filterbank-ed image.

    The conversion matrix, `freq_to_mel` in `call()` is parameterized by
    `self.n_mels` Gaussian kernels, of which means and stds are initialized with
    `self.means_init` and `self.stds_init`. The means and stds are trainable.

    # Shapes
        input_shape: (None, n_freqs, n_time)

        output_shape: (None, n_mels, n_time)
    '''
    def __init__(self, n_mels, n_freqs, sr, scale=24., init='mel', fmax=None, **kwargs):
        self.supports_masking = True
        self.scale = scale # scaling
        self.n_mels = n_mels
        assert init in ('mel', 'linear', 'log', 'uni_random')
        if fmax is None:
            fmax = sr / 2.
        if init == 'mel':
            self.means_init = np.array(_mel_frequencies(n_mels, fmin=0.0,
                                                        fmax=sr/2),
                                       dtype='float32')
        elif init == 'linear':
            f_between = float(fmax) / n_mels
            f_low = f_between / 2.
            self.means_init = np.arange(f_low, fmax, f_between)

        stds = self.means_init[1:] - self.means_init[:-1]
        self.stds_init = 0.3 * np.hstack((stds[0:1], stds[:])) # 0.3: kinda make sense by the resulting images..
        self.center_freqs_init = [float(i)*sr/2/(n_freqs-1) for i in range(n_freqs)] # dft frequencies

        super(ParametricMel, self).__init__(**kwargs)

    def build(self, input_shape):
        self.means = K.variable(self.means_init,
                                name='{}_means'.format(self.name))
        self.stds =  K.variable(self.stds_init,
                                name='{}_stds'.format(self.name))

        self.center_freqs_init = np.array(self.center_freqs_init)[np.newaxis, :] # (1, n_freq)
        self.center_freqs_init = np.tile(self.center_freqs_init, (self.n_mels, 1)) # (n_mels, n_freq)
        self.center_freqs = K.variable(self.center_freqs_init,
                                       name='{}_center_freqs'.format(self.name))
        self.trainable_weights = [self.means, self.stds] # [self.means, self.stds]
        self.n_freq = input_shape[1]
        self.n_time = input_shape[2]
        self.built = True

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], self.n_mels, input_shape[2])

    def call(self, x, mask=None):
        means = K.expand_dims(self.means, axis=1)
        stds = K.expand_dims(self.stds, axis=1)
        freq_to_mel = (self.scale * K.exp(-1. * K.square(self.center_freqs - means) \
                           / (2. * K.square(stds)))) \
                          / (np.sqrt(2. * np.pi).astype('float32') * stds)  # (n_mel, n_freq)
        out = K.dot(freq_to_mel, x) # (n_mel, None, n_time)
        return K.permute_dimensions(out, (1, 0, 2))

    def get_config(self):
        config = {'n_mels': self.n_mels}
        base_config = super(ParametricMel, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    # a spectrogram classifier front-end as in kapre's examples: (n_freqs, n_time) STFT magnitudes in
    model = keras.models.Sequential()
    model.add(keras.Input(shape=(257, 40)))
    model.add(ParametricMel(n_mels=32, n_freqs=257, sr=16000))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(10, activation='softmax'))
    return model
