"""A Listen-Attend-Spell speech recogniser's pyramidal BiLSTM layer (`pBLSTM`) decorates `call()` with
`@tf.function`, keeps its `LSTM` as an attribute next to the `Bidirectional` that wraps it, and builds
`ZeroPadding1D`/`Reshape` layers inside `call()` to halve the time axis.

From ServerSideHannes/las (`model.py`, "tf 2.0 implementation of Listen, attend and spell"). On Keras 3
the model builds and runs, but the listener does not learn: the `Bidirectional` (and so its forward and
backward LSTM copies) is first built inside the `tf.function` trace of `pBLSTM.call()`, and the traced
function apparently does not connect those weights to the output (measured: without `@tf.function`
the same Bidirectional gets gradients, but then the Python `if` on a tensor cannot trace), so every LSTM kernel, recurrent kernel and bias
of the three pBLSTMs gets a `None` gradient (the input still gets a gradient; the `Dense` layers of the
speller do). Separately, `self.LSTM` itself is never called (Keras 3's `Bidirectional` runs copies made
from its config): three `LSTM` sublayers stay unbuilt with 0 weights and Keras warns that each pBLSTM
"looks like it has unbuilt state".

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); the attend step
`RNN(att_rnn(dim), return_sequences=True)(input_2, constants=x)` and its `attention`/`att_rnn` cells left
out, because Keras 3's `RNN` has no `constants` argument (the call raises TypeError), so the speller's
Dense layers read the listener output directly and the model has one input; dim 256 -> 8, 256 mel
features -> 6, 16 tokens -> 5, 16 frames; the module-level `model = LAS(...)` moved into `build_model()`.
"""

SOURCE = "https://github.com/ServerSideHannes/las/blob/bc35cf677fe5343109984be93624b3cedde1d031/model.py"
CODES = ("LD009", "LD005")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/m_las_pblstm_tf_function_call_lstm_weights_get_no_gradient.py:
warning: `build()` was called on layer 'p_blstm', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. [...] (also for 'p_blstm_1', 'p_blstm_2')
as returned: Functional, count_params() = 1445, 22 weights, unbuilt: ['LSTM:lstm', 'LSTMCell:lstm_cell', 'LSTM:lstm_1', 'LSTMCell:lstm_cell', 'LSTM:lstm_2', 'LSTMCell:lstm_cell']
after call: count_params() = 1445, 22 trainable weights, unbuilt: ['LSTM:lstm', 'LSTMCell:lstm_cell', 'LSTM:lstm_1', 'LSTMCell:lstm_cell', 'LSTM:lstm_2', 'LSTMCell:lstm_cell']; output dtypes ['float32']
gradient None for 18 of 22 trainable weights: ['p_blstm/bidirectional/forward_lstm/lstm_cell/kernel', 'p_blstm/bidirectional/forward_lstm/lstm_cell/recurrent_kernel', 'p_blstm/bidirectional/forward_lstm/lstm_cell/bias', 'p_blstm/bidirectional/backward_lstm/lstm_cell/kernel', 'p_blstm/bidirectional/backward_lstm/lstm_cell/recurrent_kernel', 'p_blstm/bidirectional/backward_lstm/lstm_cell/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'p_blstm': 352, 'p_blstm_1': 672, 'p_blstm_2': 304}
second call: 0 variables watched that the first call did not use
Own probes: /tmp/mine25b/las_fit.py: two fit() epochs print Keras's "Gradients do not exist for
variables [all 18 forward/backward lstm_cell kernels, recurrent kernels and biases]" and change 4/22
trainable weights (the two speller Dense layers), 0/18 LSTM weights; pBLSTM.LSTM.built False with
0 weights and bidi_LSTM.forward_layer is not pBLSTM.LSTM. /tmp/mine25b/las_probe.py: a single
pBLSTM called eagerly under a tape gives a gradient for its input but None for all 6 LSTM weights;
the same layer with the Bidirectional call and no @tf.function gives gradients for all 6."""

import tensorflow as tf
import keras


class pBLSTM(keras.layers.Layer):
  def __init__(self, dim):
    super(pBLSTM, self).__init__()

    self.dim        = dim
    self.LSTM       = keras.layers.LSTM(self.dim, return_sequences=True)
    self.bidi_LSTM  = keras.layers.Bidirectional(self.LSTM)

  @tf.function
  def call(self, inputs):
    y = self.bidi_LSTM(inputs) # (..., seq_len, 2*dim)

    if tf.shape(inputs)[1] % 2 == 1:
      y = keras.layers.ZeroPadding1D(padding=(0, 1))(y)

    y = keras.layers.Reshape(target_shape=(-1, int(self.dim*4)))(y) # (..., seq_len//2, 4*dim)
    return y


def LAS(dim, f_1, no_tokens):
  input_1 = keras.Input(shape=(None, f_1))

  #Listen; Lower resoultion by 8x
  x = pBLSTM( dim//2 )(input_1) # (..., audio_len//2, dim*2)
  x = pBLSTM( dim//2 )(x) # (..., audio_len//4, dim*2)
  x = pBLSTM( dim//4 )(x) # (..., audio_len//8, dim)

  #Spell
  x = keras.layers.Dense(dim, activation="relu")(x) # (..., seq_len, dim)
  x = keras.layers.Dense(no_tokens, activation="softmax")(x) # (..., seq_len, no_tokens)

  model = keras.Model(inputs=input_1, outputs=x)
  return model


def build_model():
    import numpy as np
    model = LAS(8, 6, 5)
    model.compile(loss="mse", optimizer="adam")
    frames = np.random.default_rng(0).random((2, 16, 6)).astype("float32")
    return model, frames
