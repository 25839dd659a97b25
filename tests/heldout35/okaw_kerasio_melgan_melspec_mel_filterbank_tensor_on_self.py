"""The keras.io MelGAN example's `MelSpec` layer stores `tf.signal.linear_to_mel_weight_matrix(...)`, a raw tensor,
on self in `__init__`: it looks like an untracked weight, but it is a fixed mel projection that nothing should learn,
and the generator's real weights are all tracked and trained.

From keras-team/keras-io `examples/audio/melgan_spectrogram_inversion.py` (Darshan Deshpande, 2021, tf.keras-era).
`MelSpec(layers.Layer)` turns raw audio into a log-mel spectrogram inside the generator: `__init__` computes
`self.mel_filterbank` (513 x 80) with `tf.signal.linear_to_mel_weight_matrix`, and `call(audio, training=True)`
does STFT -> magnitude -> `tf.matmul(tf.square(magnitude), self.mel_filterbank)` -> dB, only when training (at
inference the generator is fed spectrograms directly). A raw `tf.*` tensor assigned to self in `__init__` is
exactly LD001's pattern, but LD001 is about weight-like state: this matrix is a fixed DSP transform (the example
never wants it trained), so a layer with 0 params is the right answer. `create_generator` wires `MelSpec()(inp)`
into a functional model after which all convolutions are ordinary tracked layers.

Porting edits: `tensorflow_addons` (WeightNormalization) does not exist for Keras 3, so the `WeightNormalization(...)`
wrappers are removed and the bare Conv1D/Conv1DTranspose kept; `tfio.audio.dbscale(mel, top_db=80)` (tensorflow-io)
is written out as 10*log10 clipped to 80 dB below the max; the generator is shrunk (first conv 64 filters and one
`conv_block(x, 32, 8)` with its residual stack instead of four blocks from 512 filters); the dataset, losses,
discriminator and MelGAN trainer are dropped. `build_model()` is the example's `create_generator((None, 1))`.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/ff6a507b2737777a8845ff9a2f1caf7f53ce3e78/examples/audio/melgan_spectrogram_inversion.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaw_kerasio_melgan_melspec_mel_filterbank_tensor_on_self.py:
as returned: Functional, count_params() = 87553, 18 weights, unbuilt: none
after call: count_params() = 87553, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mel_spec': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


def _dbscale(mel, top_db=80):
    """Stand-in for tfio.audio.dbscale."""
    power = 10.0 * tf.math.log(tf.maximum(mel, 1e-10)) / tf.math.log(10.0)
    return tf.maximum(power, tf.reduce_max(power) - top_db)


class MelSpec(layers.Layer):
    def __init__(
        self,
        frame_length=1024,
        frame_step=256,
        fft_length=None,
        sampling_rate=22050,
        num_mel_channels=80,
        freq_min=125,
        freq_max=7600,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.frame_length = frame_length
        self.frame_step = frame_step
        self.fft_length = fft_length
        self.sampling_rate = sampling_rate
        self.num_mel_channels = num_mel_channels
        self.freq_min = freq_min
        self.freq_max = freq_max
        # Defining mel filter. This filter will be multiplied with the STFT output
        self.mel_filterbank = tf.signal.linear_to_mel_weight_matrix(
            num_mel_bins=self.num_mel_channels,
            num_spectrogram_bins=self.frame_length // 2 + 1,
            sample_rate=self.sampling_rate,
            lower_edge_hertz=self.freq_min,
            upper_edge_hertz=self.freq_max,
        )

    def call(self, audio, training=True):
        # We will only perform the transformation during training.
        if training:
            stft = tf.signal.stft(
                tf.squeeze(audio, -1),
                self.frame_length,
                self.frame_step,
                self.fft_length,
                pad_end=True,
            )
            magnitude = tf.abs(stft)
            mel = tf.matmul(tf.square(magnitude), self.mel_filterbank)
            log_mel_spec = _dbscale(mel, top_db=80)
            return log_mel_spec
        else:
            return audio

    def get_config(self):
        config = super(MelSpec, self).get_config()
        config.update(
            {
                "frame_length": self.frame_length,
                "frame_step": self.frame_step,
                "fft_length": self.fft_length,
                "sampling_rate": self.sampling_rate,
                "num_mel_channels": self.num_mel_channels,
                "freq_min": self.freq_min,
                "freq_max": self.freq_max,
            }
        )
        return config


def residual_stack(input, filters):
    c1 = layers.Conv1D(filters, 3, dilation_rate=1, padding="same")(input)
    lrelu1 = layers.LeakyReLU()(c1)
    c2 = layers.Conv1D(filters, 3, dilation_rate=1, padding="same")(lrelu1)
    add1 = layers.Add()([c2, input])

    lrelu2 = layers.LeakyReLU()(add1)
    c3 = layers.Conv1D(filters, 3, dilation_rate=3, padding="same")(lrelu2)
    lrelu3 = layers.LeakyReLU()(c3)
    c4 = layers.Conv1D(filters, 3, dilation_rate=1, padding="same")(lrelu3)
    add2 = layers.Add()([add1, c4])

    lrelu4 = layers.LeakyReLU()(add2)
    c5 = layers.Conv1D(filters, 3, dilation_rate=9, padding="same")(lrelu4)
    lrelu5 = layers.LeakyReLU()(c5)
    c6 = layers.Conv1D(filters, 3, dilation_rate=1, padding="same")(lrelu5)
    add3 = layers.Add()([c6, add2])

    return add3


def conv_block(input, conv_dim, upsampling_factor):
    conv_t = layers.Conv1DTranspose(conv_dim, 16, upsampling_factor, padding="same")(input)
    lrelu1 = layers.LeakyReLU()(conv_t)
    res_stack = residual_stack(lrelu1, conv_dim)
    lrelu2 = layers.LeakyReLU()(res_stack)
    return lrelu2


def create_generator(input_shape):
    inp = keras.Input(input_shape)
    x = MelSpec()(inp)
    x = layers.Conv1D(64, 7, padding="same")(x)  # example: 512
    x = layers.LeakyReLU()(x)
    x = conv_block(x, 32, 8)  # example: blocks of 256/8, 128/8, 64/2, 32/2
    x = layers.Conv1D(1, 7, padding="same", activation="tanh")(x)
    return keras.Model(inp, x)


def build_model():
    generator = create_generator((None, 1))
    audio = tf.random.uniform((2, 8192, 1), -1.0, 1.0)  # DESIRED_SAMPLES = 8192
    return generator, audio
