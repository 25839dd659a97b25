"""basic-pitch's `ReflectionPad1D` and `ConstantPad1D` (TF replicas of torch's padding layers used by its nnAudio
port) set `self.input_spec = [tf.keras.layers.InputSpec(ndim=3)]` before calling `super().__init__(**kwargs)`
(LD013). On Keras 3, `Layer.__init__` sets `_input_spec = None`, so the declared rank check is silently reset: the
layers accept any input, and a mono waveform passed without its channel axis, (batch, samples) instead of
(batch, 1, samples), is no longer refused with Keras' "expected ndim=3" message naming the layer but fails inside
`tf.pad` with an error about the rank of the paddings.

From spotify/basic-pitch (Spotify's lightweight automatic music transcription, audio to MIDI), `basic_pitch/layers/
nnaudio.py` at fa5997a (HEAD, 2025-11-13). The CQT front end of the model (`CQT2010v2`, built by `basic_pitch/
models.py` through `nnaudio.CQT(...)`) creates `self.padding = ConstantPad1D(self.n_fft // 2, 0)` or
`ReflectionPad1D(self.n_fft // 2)` for `center=True`, and `get_cqt_complex` applies it to the (batch, 1, samples)
waveform before convolving with the CQT kernels (`tf.nn.conv1d` after transposing to NWC).

Porting edits: none in the two layers (copied as written). The model is ours and small, standing in for the CQT
stage: a (1, 8192)-sample mono waveform in channels-first layout -> `ReflectionPad1D(512)` (center padding for a
1024-point kernel) -> `Permute((2, 1))` (to NWC, as `get_cqt_complex` transposes) -> `Conv1D(84, 1024, strides=256)`
as a learned 84-bin filterbank -> magnitude (`Activation(tf.abs)`) -> `Dense(88, 'sigmoid')` piano-key
activations per frame.
"""

SOURCE = "https://github.com/spotify/basic-pitch/blob/fa5997af0a8210982619003269994a1be25eddf3/basic_pitch/layers/nnaudio.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/cc_basicpitch_reflectionpad1d_input_spec_before_super_reset.py:
as returned: Functional, count_params() = 93580, 4 weights, unbuilt: none
after call: count_params() = 93580, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'center_padding': 0}
second call: 0 variables watched that the first call did not use
(On the (batch, 1, samples) input it was written for the layer works: the model trains, 4 weights with gradients.) probe_bp.py: right after construction ReflectionPad1D(4).input_spec and ConstantPad1D(4).input_spec are None (set before super().__init__(), reset by it). On a (2, 8192) waveform without the channel axis ReflectionPad1D(512) raises InvalidArgumentError from MirrorPad: 'The first dimension of paddings must be the rank of inputs...'; the same layer written with super().__init__() first raises ValueError "Input 0 ... of layer 'fixed' is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (2, 8192)". No warning printed."""

import tensorflow as tf
import numpy as np
from typing import Any, List, Optional, Tuple, Union


class ReflectionPad1D(tf.keras.layers.Layer):
    """
    Replica of Torch's nn.ReflectionPad1D in TF.
    """

    def __init__(self, padding: Union[int, Tuple[int]] = 1, **kwargs: Any):
        self.padding = padding
        self.input_spec = [tf.keras.layers.InputSpec(ndim=3)]
        super(ReflectionPad1D, self).__init__(**kwargs)

    def compute_output_shape(self, s: List[int]) -> Tuple[int, int, int]:
        return (s[0], s[1], s[2] + 2 * self.padding if isinstance(self.padding, int) else self.padding[0])

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return tf.pad(x, [[0, 0], [0, 0], [self.padding, self.padding]], "REFLECT")


class ConstantPad1D(tf.keras.layers.Layer):
    """
    Replica of Torch's nn.ConstantPad1D in TF.
    """

    def __init__(self, padding: Union[int, Tuple[int]] = 1, value: int = 0, **kwargs: Any):
        self.padding = padding
        self.value = value
        self.input_spec = [tf.keras.layers.InputSpec(ndim=3)]
        super(ConstantPad1D, self).__init__(**kwargs)

    def compute_output_shape(self, s: List[int]) -> Tuple[int, int, int]:
        return (s[0], s[1], s[2] + 2 * self.padding if isinstance(self.padding, int) else self.padding[0])

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return tf.pad(x, [[0, 0], [0, 0], [self.padding, self.padding]], "CONSTANT", self.value)


def build_model(n_samples=8192, n_fft=1024, hop_length=256, n_bins=84):
    audio = tf.keras.Input(shape=(1, n_samples), name='audio_ncw')
    x = ReflectionPad1D(n_fft // 2, name='center_padding')(audio)
    x = tf.keras.layers.Permute((2, 1))(x)
    x = tf.keras.layers.Conv1D(n_bins, n_fft, strides=hop_length, padding='valid', name='filterbank')(x)
    x = tf.keras.layers.Activation(tf.abs, name='magnitude')(x)
    notes = tf.keras.layers.Dense(88, activation='sigmoid', name='note_activations')(x)
    return tf.keras.Model(audio, notes, name='transcription_frontend')
