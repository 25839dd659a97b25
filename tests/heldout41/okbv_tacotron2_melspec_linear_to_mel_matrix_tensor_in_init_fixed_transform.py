"""A Tacotron 2 `MelSpec` layer keeps `tf.signal.linear_to_mel_weight_matrix(...)` as a plain tensor on `self` in
`__init__` and multiplies by it in `call()`: looks like LD001, but the mel filterbank is a fixed transform, not a
weight, and Keras 3 runs it correctly (0 parameters is the intended count).

From theodorblackbird/tacotron2 (a TF 2 Tacotron 2 for LJSpeech), `model/layers/MelSpec.py`. `MelSpec.__init__` sets
frame/FFT/mel settings and `self.mel_filterbank = tf.signal.linear_to_mel_weight_matrix(num_mel_bins=...,
num_spectrogram_bins=self.frame_length // 2 + 1, sample_rate=..., lower_edge_hertz=..., upper_edge_hertz=...)`;
`call(audio)` takes `tf.signal.stft` of the squeezed waveform, `tf.matmul(tf.square(magnitude),
self.mel_filterbank)`, and converts to dB. Nothing in it is meant to learn: the matrix is a deterministic function
of the constructor arguments (recomputed identically on every construction, so nothing is lost on save/reload), and
no gradient is wanted for it. A checker that flags every tensor stored on self would flag this.

Porting edits: the original's last line `tfio.audio.dbscale(mel, top_db=80)` needs tensorflow-io (not installed in
the measuring environment); it is replaced by the same dB conversion written with tf ops (`10*log10(max(mel,
1e-10))` clipped to 80 dB below the per-example maximum). build_model() wires it as what it computes, a
waveform -> log-mel front end (how the repository's training script calls it was not checked): `keras.Input((8192, 1))` -> `MelSpec()`; a `Dense(80)` is added after it only so the
model has one trainable layer to contrast with (Tacotron 2's decoder predicts such frames).
"""

SOURCE = "https://github.com/theodorblackbird/tacotron2/blob/119adf41c74b37801f29b398edc38cf4123e360b/model/layers/MelSpec.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/okbv_tacotron2_melspec_linear_to_mel_matrix_tensor_in_init_fixed_transform.py:
as returned: Functional, count_params() = 6480, 2 weights, unbuilt: none
after call: count_params() = 6480, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mel_spec': 0}
second call: 0 variables watched that the first call did not use
probe (probe_ok.py mel): mel_filterbank is an EagerTensor (513, 80), identical across two MelSpec() instances; after
save_weights/load_weights into a freshly built model "same outputs: True max abs diff 0.0" (nothing of the layer
needs saving); trainable weights ['dense/kernel', 'dense/bias'], 0 non-trainable. No warning printed."""

import tensorflow as tf
from tensorflow import keras


class MelSpec(tf.keras.layers.Layer):
    def __init__(
            self,
            frame_length=1024,
            frame_step=256,
            fft_length=None,
            sampling_rate=22050,
            num_mel_channels=80,
            freq_min=125,
            freq_max=7600,
            **kwargs
            ):
        super().__init__(**kwargs)
        self.frame_length = frame_length
        self.frame_step = frame_step
        self.fft_length = fft_length
        self.sampling_rate = sampling_rate
        self.num_mel_channels = num_mel_channels
        self.freq_min = freq_min
        self.freq_max = freq_max

        self.mel_filterbank = tf.signal.linear_to_mel_weight_matrix(
                num_mel_bins=self.num_mel_channels,
                num_spectrogram_bins=self.frame_length // 2 + 1,
                sample_rate=self.sampling_rate,
                lower_edge_hertz=self.freq_min,
                upper_edge_hertz=self.freq_max,
                )

    def call(self, audio):
        stft = tf.signal.stft(
                tf.squeeze(audio, -1),
                self.frame_length,
                self.frame_step,
                self.fft_length,
                pad_end=True,                    )

        magnitude = tf.abs(stft)

        mel = tf.matmul(tf.square(magnitude), self.mel_filterbank)
        # was: log_mel_spec = tfio.audio.dbscale(mel, top_db=80)
        db = 10.0 * tf.math.log(tf.maximum(mel, 1e-10)) / tf.math.log(10.0)
        log_mel_spec = tf.maximum(db, tf.reduce_max(db, axis=[-2, -1], keepdims=True) - 80.0)
        return log_mel_spec


def build_model():
    audio = keras.Input((8192, 1))
    mel = MelSpec()(audio)
    frames = keras.layers.Dense(80)(mel)
    return keras.Model(audio, frames)
