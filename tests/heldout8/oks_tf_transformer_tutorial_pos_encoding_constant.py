"""Correct: the TensorFlow Transformer tutorial keeps the sinusoidal position table as a plain tensor attribute (`self.pos_encoding = positional_encoding(...)`) and its encoder layers in a Python list.

In "Neural machine translation with a Transformer and Keras" the `PositionalEmbedding` layer builds
the (2048, d_model) sin/cos table with NumPy and `tf.cast` in `__init__` and adds a slice of it in
`call`. A weight-like tensor stored on self in `__init__` is the raw-tensor bug when the tensor is
meant to be learned; here it is a fixed, non-learned table by design, so nothing is lost. The
Encoder keeps `EncoderLayer`s in a list comprehension, attention layers wrap
`MultiHeadAttention` + `LayerNormalization` + `Add`, and FeedForward holds a Sequential. All
sublayers are tracked and trained on Keras 3.
"""

SOURCE = "https://www.tensorflow.org/text/tutorials/transformer"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oks_tf_transformer_tutorial_pos_encoding_constant.py:
warning: Layer 'global_self_attention' (of type GlobalSelfAttention) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information
warning: Layer 'encoder_layer' (of type EncoderLayer) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream la
as returned: Functional, count_params() = 8192, 33 weights, unbuilt: none
after call: count_params() = 8192, 33 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 33 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 8192, 'encoder_layer_1': 3296, 'feed_forward_1': 1104, 'global_self_attention_1': 2192, 'encoder_layer': 3296, 'feed_forward': 1104, 'global_self_attention': 2192, 'positional_embedding': 1600}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


def positional_encoding(length, depth):
    depth = depth/2

    positions = np.arange(length)[:, np.newaxis]     # (seq, 1)
    depths = np.arange(depth)[np.newaxis, :]/depth   # (1, depth)

    angle_rates = 1 / (10000**depths)         # (1, depth)
    angle_rads = positions * angle_rates      # (pos, depth)

    pos_encoding = np.concatenate(
        [np.sin(angle_rads), np.cos(angle_rads)],
        axis=-1)

    return tf.cast(pos_encoding, dtype=tf.float32)


class PositionalEmbedding(tf.keras.layers.Layer):
    def __init__(self, vocab_size, d_model):
        super().__init__()
        self.d_model = d_model
        self.embedding = tf.keras.layers.Embedding(vocab_size, d_model, mask_zero=True)
        self.pos_encoding = positional_encoding(length=2048, depth=d_model)

    def compute_mask(self, *args, **kwargs):
        return self.embedding.compute_mask(*args, **kwargs)

    def call(self, x):
        length = tf.shape(x)[1]
        x = self.embedding(x)
        # This factor sets the relative scale of the embedding and positonal_encoding.
        x *= tf.math.sqrt(tf.cast(self.d_model, tf.float32))
        x = x + self.pos_encoding[tf.newaxis, :length, :]
        return x


class BaseAttention(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__()
        self.mha = tf.keras.layers.MultiHeadAttention(**kwargs)
        self.layernorm = tf.keras.layers.LayerNormalization()
        self.add = tf.keras.layers.Add()


class GlobalSelfAttention(BaseAttention):
    def call(self, x):
        attn_output = self.mha(
            query=x,
            value=x,
            key=x)
        x = self.add([x, attn_output])
        x = self.layernorm(x)
        return x


class FeedForward(tf.keras.layers.Layer):
    def __init__(self, d_model, dff, dropout_rate=0.1):
        super().__init__()
        self.seq = tf.keras.Sequential([
            tf.keras.layers.Dense(dff, activation='relu'),
            tf.keras.layers.Dense(d_model),
            tf.keras.layers.Dropout(dropout_rate)
        ])
        self.add = tf.keras.layers.Add()
        self.layer_norm = tf.keras.layers.LayerNormalization()

    def call(self, x):
        x = self.add([x, self.seq(x)])
        x = self.layer_norm(x)
        return x


class EncoderLayer(tf.keras.layers.Layer):
    def __init__(self, *, d_model, num_heads, dff, dropout_rate=0.1):
        super().__init__()

        self.self_attention = GlobalSelfAttention(
            num_heads=num_heads,
            key_dim=d_model,
            dropout=dropout_rate)

        self.ffn = FeedForward(d_model, dff)

    def call(self, x):
        x = self.self_attention(x)
        x = self.ffn(x)
        return x


class Encoder(tf.keras.layers.Layer):
    def __init__(self, *, num_layers, d_model, num_heads,
                 dff, vocab_size, dropout_rate=0.1):
        super().__init__()

        self.d_model = d_model
        self.num_layers = num_layers

        self.pos_embedding = PositionalEmbedding(
            vocab_size=vocab_size, d_model=d_model)

        self.enc_layers = [
            EncoderLayer(d_model=d_model,
                         num_heads=num_heads,
                         dff=dff,
                         dropout_rate=dropout_rate)
            for _ in range(num_layers)]
        self.dropout = tf.keras.layers.Dropout(dropout_rate)

    def call(self, x):
        # `x` is token-IDs shape: (batch, seq_len)
        x = self.pos_embedding(x)  # Shape `(batch_size, seq_len, d_model)`.

        # Add dropout.
        x = self.dropout(x)

        for i in range(self.num_layers):
            x = self.enc_layers[i](x)

        return x  # Shape `(batch_size, seq_len, d_model)`.


def build_model():
    sample_encoder = Encoder(num_layers=2,
                             d_model=16,
                             num_heads=2,
                             dff=32,
                             vocab_size=100)
    tokens = tf.keras.Input(shape=(12,), dtype='int32')
    outputs = sample_encoder(tokens)
    return tf.keras.Model(tokens, outputs)
