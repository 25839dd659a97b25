"""keras_STFT_layer's `Melspectrogram_functional`: the mel filterbank is made with
`mel_basis_tensor = K.variable(mel_basis)` outside any layer and applied by
`Lambda(lambda x: K.batch_dot(mel_basis_tensor, x, axes=(2, 1)), name='stft2mel')`: the Lambda closes
over a variable that no layer owns, so the model neither counts, trains nor saves the filterbank.

From keunwoochoi/keras_STFT_layer (`melgram.py` with `stft.py`; the precursor of kapre). The STFT half
is two `Convolution1D` layers initialised with DFT kernels (tracked, counted); the mel half is the
captured variable. The Sequential variant in the same file (`Melspectrogram`) puts the filterbank in a
`Convolution2D` that honours `trainable`; the functional variant silently drops it from the model.
On Keras 3 (as on tf.keras 2) the captured `tf.Variable` is not among the model's weights: it is used on
every call (the tape watches it) but `fit` never updates it and `save` never writes it.

Porting edits: Python 2 -> 3 (`xrange`, `print`, integer `/` -> `//` for filter counts);
Keras 1 -> Keras 3 names (`Convolution1D(nb_filter, n_dft, subsample_length=, border_mode=, bias=False,
weights=[k])` -> `Conv1D(nb_filter, n_dft, strides=, padding=, use_bias=False)` with the kernels set by
`set_weights` right after the layer is called; `merge(mode='sum')` -> `Add`; `Model(input=, output=)`
-> `Model(inputs, outputs)`); `scipy.signal.hann(sym=False)` replaced by the equivalent numpy periodic Hann;
`from keras import backend as K` -> `from tensorflow.keras import backend as K` (the tf.keras backend
shim still has `variable`, `batch_dot`, `log`, `maximum`, `max`); the author's `STFT_real.trainable = ...`
lines (an attribute set on the output tensor) kept; `Melgram_model.summary()` dropped (no printing);
sizes trimmed (n_dft 16, hop 8, 4 mel bins at 8 kHz, 64-sample mono input). `build_model()` returns
the model with ONE clip: the author's `batch_dot` of the (1, n_mels, n_freq) basis against a batch only
works for batch size 1 on Keras 3 ("Cannot do batch_dot on inputs with different batch sizes" for 2
clips), a separate shape limitation kept out of the measurement.
"""

SOURCE = "https://github.com/keunwoochoi/keras_STFT_layer/blob/09bea19812417c5487ae867bc03b74399c569f42/melgram.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/aj_kerasstft_melgram_lambda_batch_dot_captured_mel_variable.py:
as returned: Functional, count_params() = 288, 2 weights, unbuilt: none
after call: count_params() = 288, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31d/p_stft2.py): the Lambda 'stft2mel' closes over a trainable ResourceVariable of
shape (1, 4, 9) (the mel basis); it is not in model.weights and the Lambda has 0 weights (the 288
params are the two 16-tap DFT convs, 2 x 16 x 9); a tape does give it a gradient, but
compile(SGD(0.1), 'mse') + one fit step leaves it unchanged (fit only updates model.trainable_variables);
no warning is printed."""

import numpy as np
import keras
from keras.layers import Conv1D, Input, Lambda, Add, Permute
from keras.models import Model
from tensorflow.keras import backend as K


def _get_stft_kernels(n_dft, keras_ver='new'):
    assert n_dft > 1 and ((n_dft & (n_dft - 1)) == 0), \
        ('n_dft should be > 1 and power of 2, but n_dft == %d' % n_dft)
    
    nb_filter = n_dft//2 + 1
    
    # prepare DFT filters
    timesteps = range(n_dft)
    w_ks = [2*np.pi*k/float(n_dft) for k in range(n_dft)]
    dft_real_kernels = np.array([[np.cos(w_k*n) for n in timesteps] for w_k in w_ks])
    dft_imag_kernels = np.array([[np.sin(w_k*n) for n in timesteps] for w_k in w_ks])

    # windowing DFT filters
    dft_window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_dft) / n_dft)  # scipy.signal.hann(n_dft, sym=False)
    dft_window = dft_window.reshape((1, -1))
    dft_real_kernels = np.multiply(dft_real_kernels, dft_window)
    dft_imag_kernels = np.multiply(dft_imag_kernels, dft_window)
    
    dft_real_kernels = dft_real_kernels[:nb_filter].transpose()
    dft_imag_kernels = dft_imag_kernels[:nb_filter].transpose()
    dft_real_kernels = dft_real_kernels[:, np.newaxis, :]
    dft_imag_kernels = dft_imag_kernels[:, np.newaxis, :]

    return dft_real_kernels, dft_imag_kernels


def Logam_layer(name='log_amplitude'):
    def logam(x):
        log_spec = 10*K.log(K.maximum(x, 1e-10))/np.log(10).astype('float32')
        log_spec = log_spec - K.max(log_spec)  # [-?, 0]
        log_spec = K.maximum(log_spec, -80.0)  # [-80, 0]
        return log_spec
    return Lambda(lambda x: logam(x), name=name)


def get_spectrogram_tensors(n_dft, input_shape, trainable=False, 
                            n_hop=None, border_mode='same', 
                            logamplitude=True):
    assert trainable in (True, False)

    if n_hop is None:
        n_hop = n_dft // 2

    # get DFT kernels  
    dft_real_kernels, dft_imag_kernels = _get_stft_kernels(n_dft)
    nb_filter = n_dft//2 + 1

    # layers - one for the real, one for the imaginary
    x = Input(shape=input_shape, name='audio_input', dtype='float32')

    real_conv = Conv1D(nb_filter, n_dft, strides=n_hop, padding=border_mode,
                       use_bias=False, name='dft_real')
    STFT_real = real_conv(x)
    real_conv.set_weights([dft_real_kernels])

    imag_conv = Conv1D(nb_filter, n_dft, strides=n_hop, padding=border_mode,
                       use_bias=False, name='dft_imag')
    STFT_imag = imag_conv(x)
    imag_conv.set_weights([dft_imag_kernels])
    
    STFT_real.trainable = trainable
    STFT_imag.trainable = trainable
    
    STFT_real = Lambda(lambda x: x ** 2, name='real_pow')(STFT_real)
    STFT_imag = Lambda(lambda x: x ** 2, name='imag_pow')(STFT_imag)

    STFT_magnitude = Add(name='sum')([STFT_real, STFT_imag])

    if logamplitude:
        STFT_magnitude = Logam_layer()(STFT_magnitude)
    
    # output: (#sample, freq, time)
    STFT_magnitude = Permute((2, 1))(STFT_magnitude) 

    return x, STFT_magnitude


def _mel_frequencies(n_mels=128, fmin=0.0, fmax=11025.0):
    def _mel_to_hz(mels):
        mels = np.atleast_1d(mels)
        f_min = 0.0
        f_sp = 200.0 / 3
        freqs = f_min + f_sp * mels
        min_log_hz = 1000.0                         # beginning of log region (Hz)
        min_log_mel = (min_log_hz - f_min) / f_sp   # same (Mels)
        logstep = np.log(6.4) / 27.0                # step size for log region
        log_t = (mels >= min_log_mel)
        freqs[log_t] = min_log_hz * np.exp(logstep * (mels[log_t] - min_log_mel))
        return freqs

    def _hz_to_mel(frequencies):
        frequencies = np.atleast_1d(frequencies)
        f_min = 0.0
        f_sp = 200.0 / 3
        mels = (frequencies - f_min) / f_sp
        min_log_hz = 1000.0                         # beginning of log region (Hz)
        min_log_mel = (min_log_hz - f_min) / f_sp   # same (Mels)
        logstep = np.log(6.4) / 27.0                # step size for log region
        log_t = (frequencies >= min_log_hz)
        mels[log_t] = min_log_mel + np.log(frequencies[log_t]/min_log_hz) / logstep
        return mels

    min_mel = _hz_to_mel(fmin)
    max_mel = _hz_to_mel(fmax)
    mels = np.linspace(min_mel, max_mel, n_mels)
    return _mel_to_hz(mels)


def _dft_frequencies(sr=22050, n_dft=2048):
    return np.linspace(0,
                       float(sr) / 2,
                       int(1 + n_dft//2),
                       endpoint=True)


def _mel(sr, n_dft, n_mels=128, fmin=0.0, fmax=None):
    if fmax is None:
        fmax = float(sr) / 2

    # init
    n_mels = int(n_mels)
    weights = np.zeros((n_mels, int(1 + n_dft // 2)))

    # center freqs of each FFT bin
    dftfreqs = _dft_frequencies(sr=sr, n_dft=n_dft)

    # centre freqs of mel bands
    freqs = _mel_frequencies(n_mels + 2,
                            fmin=fmin,
                            fmax=fmax)
    # Slaney-style mel is scaled to be approx constant energy per channel
    enorm = 2.0 / (freqs[2:n_mels+2] - freqs[:n_mels])

    for i in range(n_mels):
        # lower and upper slopes qfor all bins
        lower = (dftfreqs - freqs[i]) / (freqs[i+1] - freqs[i])
        upper = (freqs[i+2] - dftfreqs) / (freqs[i+2] - freqs[i+1])

        # .. then intersect them with each other and zero
        weights[i] = np.maximum(0, np.minimum(lower, upper)) * enorm[i]

    return weights


def Melspectrogram_functional(n_dft, input_shape, n_hop=None, border_mode='same', 
                   logamplitude=True, sr=22050, n_mels=128, fmin=0.0, fmax=None):
    ''' Mel-spectrogram keras layer
    sr: sampling rate (used to compute mel-frequency filter banks)
    '''
    if input_shape is None:
        raise RuntimeError('specify input shape')

    n_freq = n_dft//2 + 1

    # Prepare STFT.
    x, STFT_magnitude = get_spectrogram_tensors(n_dft, 
                                                n_hop=n_hop, 
                                                border_mode=border_mode, 
                                                input_shape=input_shape,
                                                logamplitude=False) 
    # output: (None, freq, time)
    stft_model = Model(x, STFT_magnitude)
    n_time = stft_model.output_shape[2]

    # build a Mel filter
    mel_basis = _mel(sr, n_dft, n_mels, fmin, fmax) # (128, 1025) (mel_bin, n_freq)
    # mel_basis = np.fliplr(mel_basis) # to make it from low-f to high-freq
    mel_basis = mel_basis[np.newaxis, :]

    mel_basis_tensor = K.variable(mel_basis)

    melgram = Lambda(lambda x: K.batch_dot(mel_basis_tensor, x, axes=(2, 1)), name='stft2mel')(STFT_magnitude)
    
    if logamplitude:
        melgram = Logam_layer()(melgram)

    Melgram_model = Model(x, melgram)
    return Melgram_model


def build_model():
    model = Melspectrogram_functional(n_dft=16, input_shape=(64, 1), n_hop=8, sr=8000, n_mels=4)
    clip = np.random.default_rng(0).normal(size=(1, 64, 1)).astype("float32")  # one clip, as in melgram.ipynb
    return model, clip
