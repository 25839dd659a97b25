"""An unconditioned WaveNet keeps its residual blocks in a plain Python list built by a list
comprehension, each block (`WaveNetLayer`) returns a `(residual, skip)` tuple, and the model sums the
skips in a Python loop that starts from `aggregate = None`.

From jirsat/wavenets (`src/wavenet/non_cond_wavenet.py` and `src/wavenet/layers.py`, commit 076a4a0).
Looks like an untracked container (blocks in a list attribute, not a `Sequential`), a layer that
returns two tensors, and a block whose `call(self, inputs=False)` has no `training` argument while
the model passes `training=training`. On Keras 3 all of it works: the list assigned to
`self.wavenet_layers` is tracked, each block's two `Conv1D`s are built on the first call and counted,
every kernel gets a gradient, and Keras drops the `training` keyword for a `call()` that does not take
it.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); the `Discretization` layer and the custom
`train_step`/`generate` helpers that use it left out (Keras 3's `Discretization` also rejects the
NumPy `bin_boundaries` array the file passes); kernel_size 2, 4 channels, 3 blocks, dilation bound
6 (the author's check raises when the bound IS a power of the kernel size, so 8 is refused); 256-way
output kept; `build_model()` returns the model and a batch of 2 sequences of 16 samples.
"""

SOURCE = "https://github.com/jirsat/wavenets/blob/076a4a098ceab45103b8078937a3c69aacbd63a7/src/wavenet/non_cond_wavenet.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okm_wavenets_wavenet_layers_in_list_return_residual_and_skip.py:
as returned: NonCondWaveNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['WaveNetLayer:wave_net_layer', 'Conv1D:conv1d_1', 'Conv1D:conv1d', ..., 'Conv1D:conv1d_6', 'Conv1D:conv1d_7'] (a subclassed model before its first call)
after call: count_params() = 1528, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'wave_net_layer': 44, 'wave_net_layer_1': 92, 'wave_net_layer_2': 92}
second call: 0 variables watched that the first call did not use
(44 = dilated Conv1D 1->8 (k=2) 24 + 1x1 Conv1D 8/2->4 20; 92 = 4->8 (k=2) 72 + 20; the three blocks
held in the plain list are tracked; no error or warning about the `training` keyword.)"""

import math

import numpy as np
import tensorflow as tf
import keras


class WaveNetLayer(keras.layers.Layer):
  """WaveNet layer.

  This layer strictly follows paper and does not include conditioning.
  Some other public implementation include convolutions on residual connection,
  and different 1x1 convolutions for skip and main connections."""
  def __init__(self, dilation_rate, kernel, channels, **kwargs):
    super().__init__()
    self.dilated_conv = keras.layers.Conv1D(
      filters=2*channels,
      kernel_size=kernel,
      dilation_rate=2*dilation_rate,
      padding='causal')
    self.conv1 = keras.layers.Conv1D(
      filters=channels,
      kernel_size=1,
      padding='same')


  def call(self, inputs=False):
    x = inputs

    # create residual connection
    # this is place where some implementations use convolution
    # with kernel size 1 change number of channels
    residual = x

    # dilated convolution
    # some implementations use stack of dilated convolutions
    x = self.dilated_conv(x)

    # split into parts for gated activation
    # this allows usage of only one layer for both
    t,s = tf.split(x, 2, axis=-1)
    # gated activation
    x = tf.math.tanh(t) * tf.math.sigmoid(s)

    # 1x1 convolution
    x = self.conv1(x)

    # skip connection
    # some implementations use different 1x1 convolution here
    skip = x

    # add residual connection
    x = x + residual
    return x, skip


class NonCondWaveNet(keras.Model):
  """WaveNet model without conditioning."""

  def __init__(self, kernel_size, channels, layers, dilatation_bound=512):
    super().__init__()

    #compute dilatations for layers
    if math.log(dilatation_bound,kernel_size) % 1 == 0:
      raise ValueError('Dilatation bound must be power of kernel_size.')
    dilatations = [int(kernel_size**(i%math.log(dilatation_bound,kernel_size)))
                   for i in range(layers)]

    self.wavenet_layers = [WaveNetLayer(dil, kernel_size, channels)
                           for dil in dilatations]
    self.pre_final = keras.layers.Conv1D(kernel_size=1,
                                         filters=channels,
                                         padding='same')
    self.final = keras.layers.Conv1D(kernel_size=1,
                                     filters=256,
                                     padding='same')
    self.softmax = keras.layers.Softmax(axis=-1)

    # TODO: compute receptive field
    self.receptive_field = 0
    for dil in dilatations:
      self.receptive_field += dil*(kernel_size-1)

  def call(self, inputs, training=False):
    x = inputs
    aggregate = None
    for layer in self.wavenet_layers:
      x, skip = layer(x, training=training)

      if aggregate is None:
        aggregate = skip
      else:
        aggregate = aggregate + skip

    x = keras.activations.relu(aggregate)
    x = self.pre_final(x)
    x = keras.activations.relu(x)
    x = self.final(x)
    x = self.softmax(x)
    return x


def build_model():
    model = NonCondWaveNet(kernel_size=2, channels=4, layers=3, dilatation_bound=6)
    audio = np.random.default_rng(0).uniform(-1, 1, (2, 16, 1)).astype("float32")
    return model, audio
