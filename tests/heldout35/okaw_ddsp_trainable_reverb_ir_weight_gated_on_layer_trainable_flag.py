"""DDSP's Reverb processor uses the layer's own `trainable` flag as a mode switch: it creates its impulse response
with `add_weight` in a shape-ignoring `build()` only `if self.trainable`, and sets `self.built = True` itself. It
looks like a conditional, never-built or mis-flagged weight; on Keras 3 the IR is tracked, trainable and trained.

From magenta/ddsp (`ddsp/effects.py`, `Reverb(processors.Processor)`; `Processor` is a `tf.keras.layers.Layer`
whose `__init__(name, trainable)` forwards `trainable` to the Keras base class and whose `call(*args,
return_outputs_dict=False, **kwargs)` runs `get_controls` then `get_signal`). With `Reverb(trainable=True,
reverb_length=...)`, the solo-instrument timbre-transfer setup, `build(self, unused_input_shape)` adds
`self._ir = self.add_weight(name='ir', shape=[reverb_length], initializer=random_normal(stddev=1e-6))` and sets
`self.built = True` without calling `super().build()` (a Myth in the catalog); `get_controls` tiles the IR over
the batch and `get_signal` FFT-convolves the dry audio with it after zeroing its first tap. A checker might see a
weight that exists only on one branch, a build that skips `super().build()`, or the layer-level `trainable` read as
a setting (LD013-style worries): on Keras 3 the weight is created on the first call, counted, listed in
`trainable_weights`, and gets a gradient.

Porting edits: `ddsp.core.fft_convolve(audio, ir, padding='same', delay_compensation=0)` (a framed, time-varying FFT
convolution) is replaced by a plain single-frame FFT convolution cropped to the input length, the same operation
for one IR per example; `tf_float32` is `tf.cast(..., tf.float32)`; `gin` registration is dropped. The
`Processor` and `Reverb` bodies are the library's. `build_model()` wires a functional model with a static batch
of 2 (the processor reads `int(audio.shape[0])`): a Dense standing in for the DDSP decoder + harmonic synth makes
1,024 samples of dry audio from 16 features, then `Reverb(trainable=True, reverb_length=256)`.
"""

SOURCE = "https://github.com/magenta/ddsp/blob/88621d2725e5af05114c4b322bc187ffae8c1f56/ddsp/effects.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaw_ddsp_trainable_reverb_ir_weight_gated_on_layer_trainable_flag.py:
as returned: Functional, count_params() = 17664, 3 weights, unbuilt: none
after call: count_params() = 17664, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reverb': 256}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

tfkl = tf.keras.layers


def tf_float32(x):
    return tf.cast(x, tf.float32)


def fft_convolve(audio, impulse_response, padding='same', delay_compensation=0):
    """Stand-in for ddsp.core.fft_convolve with one IR per example ('same' padding, no delay compensation)."""
    audio_size = int(audio.shape[-1])
    ir_size = int(impulse_response.shape[-1])
    fft_size = 1
    while fft_size < audio_size + ir_size - 1:
        fft_size *= 2
    audio_fft = tf.signal.rfft(audio, fft_length=[fft_size])
    ir_fft = tf.signal.rfft(impulse_response, fft_length=[fft_size])
    full = tf.signal.irfft(audio_fft * ir_fft, fft_length=[fft_size])
    return full[:, :audio_size]


class Processor(tfkl.Layer):
  """Abstract base class for signal processors."""

  def __init__(self, name, trainable=False):
    super().__init__(name=name, trainable=trainable, autocast=False)

  def call(self, *args, return_outputs_dict=False, **kwargs):
    """Convert input tensors arguments into a signal tensor."""
    # Don't use `training` or `mask` arguments from keras.Layer.
    for k in ['training', 'mask']:
      if k in kwargs:
        _ = kwargs.pop(k)

    controls = self.get_controls(*args, **kwargs)
    signal = self.get_signal(**controls)
    if return_outputs_dict:
      return dict(signal=signal, controls=controls)
    else:
      return signal

  def get_controls(self, *args, **kwargs):
    raise NotImplementedError

  def get_signal(self, *args, **kwargs):
    raise NotImplementedError


class Reverb(Processor):
  """Convolutional (FIR) reverb."""

  def __init__(self,
               trainable=False,
               reverb_length=48000,
               add_dry=True,
               name='reverb'):
    super().__init__(name=name, trainable=trainable)
    self._reverb_length = reverb_length
    self._add_dry = add_dry

  def _mask_dry_ir(self, ir):
    """Set first impulse response to zero to mask the dry signal."""
    if len(ir.shape) == 1:
      ir = ir[tf.newaxis, :]  # Add a batch dimension
    if len(ir.shape) == 3:
      ir = ir[:, :, 0]  # Remove unnessary channel dimension.
    dry_mask = tf.zeros([int(ir.shape[0]), 1], tf.float32)
    return tf.concat([dry_mask, ir[:, 1:]], axis=1)

  def _match_dimensions(self, audio, ir):
    """Tile the impulse response variable to match the batch size."""
    if len(ir.shape) == 1:
      ir = ir[tf.newaxis, :]
    batch_size = int(audio.shape[0])
    return tf.tile(ir, [batch_size, 1])

  def build(self, unused_input_shape):
    """Initialize impulse response."""
    if self.trainable:
      initializer = tf.random_normal_initializer(mean=0, stddev=1e-6)
      self._ir = self.add_weight(
          name='ir',
          shape=[self._reverb_length],
          dtype=tf.float32,
          initializer=initializer)
    self.built = True

  def get_controls(self, audio, ir=None):
    if self.trainable:
      ir = self._match_dimensions(audio, self._ir)
    else:
      if ir is None:
        raise ValueError('Must provide "ir" tensor if Reverb trainable=False.')

    return {'audio': audio, 'ir': ir}

  def get_signal(self, audio, ir):
    audio, ir = tf_float32(audio), tf_float32(ir)
    ir = self._mask_dry_ir(ir)
    wet = fft_convolve(audio, ir, padding='same', delay_compensation=0)
    return (wet + audio) if self._add_dry else wet


def build_model():
    features = tf.keras.Input(shape=(16,), batch_size=2, name="decoder_features")
    dry_audio = tfkl.Dense(1024, activation="tanh", name="synth_stand_in")(features)
    wet_audio = Reverb(trainable=True, reverb_length=256)(dry_audio)
    return tf.keras.Model(features, wet_audio, name="ddsp_with_trainable_reverb")
