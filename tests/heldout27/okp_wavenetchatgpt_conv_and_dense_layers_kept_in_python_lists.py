"""A WaveNet-style model keeps its dilated causal `Conv1D` layers and per-step `Dense(1)` layers in two
plain Python lists built in `__init__` and indexes them in `call()`.

From cashlo/WaveNet-with-ChatGPT (`model.py`). Lists of layers assigned to a Keras 3 model attribute
are wrapped and tracked, so every conv and dense layer is a tracked sublayer: built on the first call,
counted, trained (no None gradient).

Porting edits: `tf.keras` -> `keras` (no `tf.*` op was used); `num_filters` 16 -> 4 (the author's loop
makes `num_filters` conv/dense pairs with dilations 2**i); `build_model()` returns the model and one
batch of 2 mono sequences of length 16.
"""

SOURCE = "https://github.com/cashlo/WaveNet-with-ChatGPT/blob/486dddf65db34fb7b539bf4299c88315190e1959/model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okp_wavenetchatgpt_conv_and_dense_layers_kept_in_python_lists.py:
as returned: WaveNetModel, count_params() raised ValueError, 0 weights, unbuilt: ['Conv1D:conv1d', 'Dense:dense', ..., 'Dense:dense_3'] (nothing built before a call)
after call: count_params() = 84, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(4 Conv1D(4, k=3) on 1 then 1 channel + 4 Dense(1): every layer in both lists is counted.)"""

import numpy as np
import keras


class WaveNetModel(keras.Model):
  def __init__(self, num_filters=16, kernel_size=3, dilation_rates=None):
    super(WaveNetModel, self).__init__()
    self.num_filters = num_filters
    self.kernel_size = kernel_size

    # Set the dilation rates for the layers
    if dilation_rates is None:
      dilation_rates = [2**i for i in range(num_filters)]

    self.conv_layers = []
    self.dense_layers = []
    for i in range(num_filters):
      conv_layer = keras.layers.Conv1D(
          filters=num_filters, kernel_size=kernel_size,
          dilation_rate=dilation_rates[i], padding="causal",
          activation="relu")
      self.conv_layers.append(conv_layer)
      dense_layer = keras.layers.Dense(1)
      self.dense_layers.append(dense_layer)

  def call(self, inputs):
    x = inputs
    for i in range(self.num_filters):
      x = self.conv_layers[i](x)
      x = self.dense_layers[i](x)
    return x


def build_model():
    audio = np.random.default_rng(0).random((2, 16, 1)).astype("float32")
    return WaveNetModel(num_filters=4), audio
