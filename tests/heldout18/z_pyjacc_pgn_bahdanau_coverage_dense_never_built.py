"""A pointer-generator's BahdanauAttention keeps a coverage projection `W_c` that only runs when
`use_coverage=True` and a previous coverage exists; the module's own demo calls the attention
with the default `use_coverage=False`, so `W_c` is never called and never built.

The layer (and the Encoder, Decoder and Pointer next to it) overrides `__call__` instead of
`call`, so Keras never runs a `build()` for it either: `W_c` stays `0 (unbuilt)` while the
three other Dense layers are built by being called. Whatever the coverage switch says at
training time, the attention as demonstrated carries a sublayer that holds no weights.

Porting edits: `tf.keras` -> `keras` with `tensorflow` ops kept; the demo's sizes shrunk
(batch 2, 7 encoder steps, 8 units, attention units 10 as in the demo); the encoder output and
hidden state replaced by random tensors of the demo's shapes; the Encoder/Decoder/Pointer
classes, the GPU setup and vocabulary loading left out.
"""

SOURCE = "https://github.com/Pyjacc/Word2VecSeq2SeqBaseLineAll/blob/fcc426c3af3b8a9870dc8d56cb8534d35fa7b16e/seq2seq_pgn_tf2_lj/model_layers.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/z_pyjacc_pgn_bahdanau_coverage_dense_never_built.py:
as returned: BahdanauAttention, count_params() = count_params() raised ValueError, 6 weights, unbuilt: ['Dense:dense_2']
no inputs known: not called
Own script (/tmp/mine18b/m_attn.py: build_model(), then one more call under a GradientTape):
W_s, W_h, V built with 2 weights each; W_c (dense_2) built False, 0 weights; layer.weights = 6
(dense, dense_1, dense_3 kernels/biases, nothing of W_c); the attention layer itself built False
(its `__call__` override skips Layer.__call__); gradient None for 0 of the 6 tracked weights."""

import keras
import tensorflow as tf


class BahdanauAttention(keras.layers.Layer):
    def __init__(self, units):
        super(BahdanauAttention, self).__init__()
        self.W_s = keras.layers.Dense(units)
        self.W_h = keras.layers.Dense(units)
        self.W_c = keras.layers.Dense(units)
        self.V = keras.layers.Dense(1)

    def __call__(self, dec_hidden, enc_output, enc_pad_mask, use_coverage=False, prev_coverage=None):
        hidden_with_time_axis = tf.expand_dims(dec_hidden, 1)

        if use_coverage and prev_coverage is not None:
            score = self.V(tf.nn.tanh(self.W_s(enc_output) + self.W_h(hidden_with_time_axis) + self.W_c(prev_coverage)))
            mask = tf.cast(enc_pad_mask, dtype=score.dtype)
            masked_score = tf.squeeze(score, axis=-1) * mask
            masked_score = tf.expand_dims(masked_score, axis=2)
            attention_weights = tf.nn.softmax(masked_score, axis=1)
            coverage = attention_weights + prev_coverage
        else:
            score = self.V(tf.nn.tanh(
                self.W_s(enc_output) + self.W_h(hidden_with_time_axis)))
            mask = tf.cast(enc_pad_mask, dtype=score.dtype)
            masked_score = tf.squeeze(score, axis=-1) * mask
            masked_score = tf.expand_dims(masked_score, axis=2)
            attention_weights = tf.nn.softmax(masked_score, axis=1)
            if use_coverage:
                coverage = attention_weights
            else:
                coverage = []

        context_vector = attention_weights * enc_output
        context_vector = tf.reduce_sum(context_vector, axis=1)
        return context_vector, attention_weights, coverage


def build_model():
    batch_size, enc_max_len, units = 2, 7, 8
    enc_output = tf.random.uniform((batch_size, enc_max_len, units))
    enc_hidden = tf.random.uniform((batch_size, units))
    enc_pad_mask = tf.ones(shape=(batch_size, enc_max_len), dtype=tf.int32)

    attention_layer = BahdanauAttention(10)
    attention_layer(enc_hidden, enc_output, enc_pad_mask)
    return attention_layer
