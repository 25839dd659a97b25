"""A course RNNDecoder for machine translation builds its Bahdanau `SelfAttention` inside `call()`
(`attention = SelfAttention(s_prev.shape[1])`), so every decoding step gets a fresh attention with
three fresh Dense layers that the decoder never tracks and no optimizer ever sees.

The attention layer itself (W, U, V Dense sublayers made in `__init__`) is correct; the defect is
that the decoder creates it as a local in its own `call`, once per time step when the decoder is
unrolled by hand. The decoder's summary and `trainable_weights` hold only the embedding, the GRU
and the output Dense; the attention weights are new random values on every call.

Porting edits: `tf.keras` -> `keras` (tensorflow ops kept); `SelfAttention` inlined from the
sibling file `1-self_attention.py` of the same folder instead of `__import__`; the course's
test sizes shrunk (vocab 64, embedding 8, units 16, batch 2, 5 encoder steps).
"""

SOURCE = "https://github.com/anaruzz/holbertonschool-machine_learning/blob/a2fedc5798ce2b4ba3d975bc89fb30a5238a16af/supervised_learning/0x11-attention/2-rnn_decoder.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/z_anaruzz_rnn_decoder_self_attention_made_in_call.py:
as returned: RNNDecoder, count_params() = 3616, 6 weights, unbuilt: none
no inputs known: not called
Own script (/tmp/mine18b/m_dec.py: build_model(), then one call under a GradientTape and a
second identical call): decoder weights = embedding, GRU kernel/recurrent_kernel/bias, F
kernel/bias (6, 3616 params), nothing of the attention; the tape watched 12 variables, 6 of
them not tracked by the decoder (rnn_decoder/self_attention_2/kernel:0, bias:0 x3 - the W, U, V
of the attention made in that call); two identical calls give different outputs (fresh random
attention each call); gradient None for 0 of the 6 tracked weights."""

import keras
import numpy as np
import tensorflow as tf


class SelfAttention(keras.layers.Layer):
    """
    Class methods
    """
    def __init__(self, units):
        super(SelfAttention, self).__init__()
        self.W = keras.layers.Dense(units)
        self.U = keras.layers.Dense(units)
        self.V = keras.layers.Dense(1)

    def call(self, s_prev, hidden_states):
        s_prev = tf.expand_dims(s_prev, 1)
        e = self.V(tf.nn.tanh(self.W(s_prev) + self.U(hidden_states)))
        weights = tf.nn.softmax(e, axis=1)
        context = weights * hidden_states
        context = tf.reduce_sum(context, axis=1)
        return context, weights


class RNNDecoder(keras.layers.Layer):
    """ decode for machine translation """

    def __init__(self, vocab, embedding, units, batch):
        super(RNNDecoder, self).__init__()

        self.embedding = keras.layers.Embedding(vocab, embedding)
        self.gru = keras.layers.GRU(units, return_sequences=True,
                                    return_state=True,
                                    recurrent_initializer='glorot_uniform')
        self.F = keras.layers.Dense(vocab)

    def call(self, x, s_prev, hidden_states):
        """
        Method that calls for decoder layers
        """
        attention = SelfAttention(s_prev.shape[1])
        context, weights = attention(s_prev, hidden_states)
        x = self.embedding(x)
        x = tf.concat([tf.expand_dims(context, 1), x], -1)
        output, s = self.gru(x)
        output = tf.reshape(output, (-1, output.shape[2]))
        y = self.F(output)
        return y, s


def sample_inputs():
    rng = np.random.default_rng(0)
    x = tf.convert_to_tensor(rng.integers(0, 64, size=(2, 1)).astype("int32"))
    s_prev = tf.convert_to_tensor(rng.random((2, 16)).astype("float32"))
    hidden_states = tf.convert_to_tensor(rng.random((2, 5, 16)).astype("float32"))
    return x, s_prev, hidden_states


def build_model():
    decoder = RNNDecoder(64, 8, 16, 2)
    decoder(*sample_inputs())
    return decoder
