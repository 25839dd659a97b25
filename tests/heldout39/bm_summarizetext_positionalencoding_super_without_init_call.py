"""supehungay/summarize-text's `PositionalEncoding(tf.keras.layers.Layer)` writes `super(PositionalEncoding, self)` without `.__init__()`, so Layer.__init__ never runs; the Encoder that holds it crashes on Keras 3 with "'PositionalEncoding' object has no attribute 'built'" as soon as Keras checks its sublayers.

From supehungay/summarize-text (a Vietnamese text-summarisation Transformer written after the TensorFlow tutorial),
`src/manual_model/PositionalEncoding.py`: the layer only stores `position` and `d_model` and overrides `__call__` to
return the sinusoid table, so it owns no weights; but its super call is a bare expression (`super(...)` builds a proxy
and drops it), so none of Layer's state (`built`, `_layers`, trackers, name, dtype policy) exists. `Encoder.__init__`
assigns it as `self.pos_encoding` and adds `self.pos_encoding()[:, :seq_len, :]` to the scaled token embeddings. In
the author's repository every layer overrides `__call__` instead of `call()`, which happens to bypass the Keras
machinery that would trip over the half-made layer; as soon as the Encoder runs under a Keras `Model.__call__`, Keras
walks the sublayers and fails.

Porting edits: the modules (`library.py`'s imports, `MultiHeadAttention.py`, `FeedForwardNetwork.py`,
`EncoderLayer.py`, `Encoder.py`) are inlined; `EncoderLayer` stores the FFN as `self.fnn` but calls `self.ffn` (an
AttributeError of its own), fixed to `self.ffn` so the run reaches the defect. build_model() wraps the author's Encoder
(2 layers, d_model=16, 2 heads, dff=32, vocab 40, 12 positions) in a small `keras.Model` whose call() runs
`self.encoder(x, training, None)` (the author's Transformer does the same from its own `__call__`) and calls it once
on a (2, 10) token batch, which raises.
"""

SOURCE = "https://github.com/supehungay/summarize-text/blob/8fb80ae9367e81ad3316d32e72e8c04f93d206a3/src/manual_model/PositionalEncoding.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bm/bm_summarizetext_positionalencoding_super_without_init_call.py:
build_model() raised AttributeError: 'PositionalEncoding' object has no attribute '_losses'
warning: `build()` was called on layer 'encoder_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. ...
probe (probe_pe.py): `PositionalEncoding(10, 8)` constructs and its __call__ returns a (1, 10, 8) table; a layer that
holds it and uses call() raises AttributeError: 'PositionalEncoding' object has no attribute 'built' on its first call;
in a stripped-down copy of the author's all-__call__ wiring the forward pass runs (the half-made layer is skipped) and
model.count_params() raises "isn't built"; before the harness returned the model, the standard script's own
`layer.built` check also raised AttributeError on it."""

import numpy as np
import tensorflow as tf


class PositionalEncoding(tf.keras.layers.Layer):
    def __init__(self, position, d_model):
        super(PositionalEncoding, self)
        self.position = position
        self.d_model = d_model

    def get_angles(self, position, i, d_model):
        angle_rates = 1 / np.power(10000, (2 * (i // 2)) / np.float32(d_model))
        return position * angle_rates

    def __call__(self):
        angle_rads = self.get_angles(np.arange(self.position)[:, np.newaxis],
                                     np.arange(self.d_model)[np.newaxis, :],
                                     self.d_model)

        # apply sin to even indices in the array; 2i
        angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])

        # apply cos to odd indices in the array; 2i+1
        angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])

        pos_encoding = angle_rads[np.newaxis, ...]

        return tf.cast(pos_encoding, dtype=tf.float32)


class MultiHeadAttention(tf.keras.layers.Layer):
    def __init__(self, d_model, num_heads):
        super(MultiHeadAttention, self).__init__()
        self.num_heads = num_heads
        self.d_model = d_model

        assert d_model % self.num_heads == 0

        self.depth = d_model // self.num_heads

        self.wq = tf.keras.layers.Dense(d_model)
        self.wk = tf.keras.layers.Dense(d_model)
        self.wv = tf.keras.layers.Dense(d_model)

        self.dense = tf.keras.layers.Dense(d_model)

    def scaled_dot_product_attention(self, q, k, v, mask):
        matmul_qk = tf.matmul(q, k, transpose_b=True)
        dk = tf.cast(tf.shape(k)[-1], tf.float32)
        scaled_attention_logits = matmul_qk / tf.math.sqrt(dk)
        if mask is not None:
            scaled_attention_logits += (mask * -1e9)
        attention_weights = tf.nn.softmax(scaled_attention_logits, axis=-1)
        output = tf.matmul(attention_weights, v)
        return output, attention_weights

    def split_heads(self, x, batch_size):
        x = tf.reshape(x, (batch_size, -1, self.num_heads, self.depth))
        return tf.transpose(x, perm=[0, 2, 1, 3])

    def __call__(self, v, k, q, mask):
        batch_size = tf.shape(q)[0]
        q = self.wq(q)
        k = self.wk(k)
        v = self.wv(v)
        q = self.split_heads(q, batch_size)
        k = self.split_heads(k, batch_size)
        v = self.split_heads(v, batch_size)
        scaled_attention, attention_weights = self.scaled_dot_product_attention(q, k, v, mask)
        scaled_attention = tf.transpose(scaled_attention, perm=[0, 2, 1, 3])
        concat_attention = tf.reshape(scaled_attention, (batch_size, -1, self.d_model))
        output = self.dense(concat_attention)
        return output, attention_weights


class FeedForwardNetwork(tf.keras.layers.Layer):
    def __init__(self):
        super(FeedForwardNetwork, self).__init__()

    def point_wise_feed_forward_network(self, d_model, dff):
        return tf.keras.Sequential([
            tf.keras.layers.Dense(dff, activation='relu'),
            tf.keras.layers.Dense(d_model)
        ])


class EncoderLayer(tf.keras.layers.Layer):
    def __init__(self, d_model, num_heads, dff, rate=0.1):
        super(EncoderLayer, self).__init__()

        self.mha = MultiHeadAttention(d_model, num_heads)
        self.ffn = FeedForwardNetwork().point_wise_feed_forward_network(d_model, dff)  # porting edit: was self.fnn

        self.layernorm1 = tf.keras.layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = tf.keras.layers.LayerNormalization(epsilon=1e-6)

        self.dropout1 = tf.keras.layers.Dropout(rate)
        self.dropout2 = tf.keras.layers.Dropout(rate)

    def __call__(self, x, training, mask):
        attn_output, _ = self.mha(x, x, x, mask)
        attn_output = self.dropout1(attn_output, training=training)
        out1 = self.layernorm1(x + attn_output)  # residual

        ffn_output = self.ffn(out1)
        ffn_output = self.dropout2(ffn_output, training=training)
        out2 = self.layernorm2(out1 + ffn_output)  # residual

        return out2


class Encoder(tf.keras.layers.Layer):
    def __init__(self, num_layers, d_model, num_heads, dff, input_vocab_size, maximum_position_encoding, rate=0.1):
        super(Encoder, self).__init__()

        self.d_model = d_model
        self.num_layers = num_layers

        self.embedding = tf.keras.layers.Embedding(input_vocab_size, d_model)
        self.pos_encoding = PositionalEncoding(maximum_position_encoding, self.d_model)

        self.enc_layers = [EncoderLayer(d_model, num_heads, dff, rate) for _ in range(num_layers)]

        self.dropout = tf.keras.layers.Dropout(rate)

    def __call__(self, x, training, mask):
        seq_len = tf.shape(x)[1]

        x = self.embedding(x)
        x *= tf.math.sqrt(tf.cast(self.d_model, tf.float32))
        x += self.pos_encoding()[:, :seq_len, :]

        x = self.dropout(x, training=training)

        for i in range(self.num_layers):
            x = self.enc_layers[i](x, training, mask)

        return x


class EncoderModel(tf.keras.Model):
    """Harness: runs the author's Encoder the way Transformer.__call__ does, from a Keras call()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Encoder(2, 16, 2, 32, 40, 12)

    def call(self, x, training=False):
        return self.encoder(x, training, None)


def build_model():
    tokens = (np.arange(20, dtype="int32").reshape(2, 10) % 39) + 1
    model = EncoderModel()
    model(tokens)  # raises here on Keras 3, as the user sees it
    return model, tokens
