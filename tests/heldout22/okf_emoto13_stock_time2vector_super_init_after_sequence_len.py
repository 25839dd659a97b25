"""A Time2Vec layer for a stock-forecasting transformer sets `self.sequence_len` before calling
`super().__init__()` and makes its four weight vectors with `add_weight` in `build()`.

From Emoto13/stock_project (`src/models/Transformer/customizable/Time2Vector.py`). Looks like the
late-`super().__init__()` trap, but the only thing set first is a plain integer setting that
`Layer.__init__` does not touch (no `trainable`, `name`, sublayer or variable), and the weights are made in
`build()`: on Keras 3 the layer keeps `sequence_len`, counts its 4 weight vectors and all get gradients.
(The same author's later project, python-stock-project, moved the `add_weight` calls into `__init__`.)

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); `sequence_len` 128 -> 8; the author's
transformer around it trimmed to Time2Vector + concatenation + a pooled Dense head on (batch, 8, 1)
windows; `build_model()` returns the model.
"""

SOURCE = "https://github.com/Emoto13/stock_project/blob/4c2fa104039d30b3fc5250efd77a0fd4bd85e426/src/models/Transformer/customizable/Time2Vector.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okf_emoto13_stock_time2vector_super_init_after_sequence_len.py:
as returned: Functional, count_params() = 36, 6 weights, unbuilt: none
after call: count_params() = 36, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'time2_vector': 32}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras
from keras.layers import Layer


class Time2Vector(Layer):
  def __init__(self, sequence_len=128):
    self.sequence_len = sequence_len
    super(Time2Vector, self).__init__()

  def build(self, input_shape):
    self.weights_linear = self.add_weight(name='weight_linear',
                                shape=(int(self.sequence_len),),
                                initializer='uniform',
                                trainable=True)

    self.bias_linear = self.add_weight(name='bias_linear',
                                shape=(int(self.sequence_len),),
                                initializer='uniform',
                                trainable=True)

    self.weights_periodic = self.add_weight(name='weight_periodic',
                                shape=(int(self.sequence_len),),
                                initializer='uniform',
                                trainable=True)

    self.bias_periodic = self.add_weight(name='bias_periodic',
                                shape=(int(self.sequence_len),),
                                initializer='uniform',
                                trainable=True)

  def call(self, x):
    x = tf.squeeze(x, axis=(2,)) # Convert (batch, seq_len, 5) to (batch, seq_len)
    time_linear = self.weights_linear * x + self.bias_linear
    time_linear = tf.expand_dims(time_linear, axis=-1) # (batch, seq_len, 1)
    time_periodic = tf.math.sin(tf.multiply(x, self.weights_periodic) + self.bias_periodic)
    time_periodic = tf.expand_dims(time_periodic, axis=-1)
    return tf.concat([time_linear, time_periodic], axis=-1) # (batch, seq_len, 2)


def build_model():
    in_seq = keras.Input(shape=(8, 1))
    x = Time2Vector(8)(in_seq)
    x = keras.layers.Concatenate(axis=-1)([in_seq, x])
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = keras.layers.Dense(1)(x)
    return keras.Model(in_seq, out)
