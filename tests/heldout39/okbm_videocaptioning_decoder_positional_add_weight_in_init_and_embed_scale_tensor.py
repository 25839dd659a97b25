"""Mfys212/VideoCaptioning's caption `Decoder` model keeps `self.embed_scale = tf.math.sqrt(tf.cast(d_models, ...))` as a raw tensor on self, and its `PositionalEncoding` layer calls `add_weight` in `__init__` with a shape given by hand; both look like catalog defects (raw tensor state, fixed-input-dim weight in __init__) but are fine: the scale is a constant, and the table's shape is (max sequence length, model width), settings rather than an input dimension.

From Mfys212/VideoCaptioning, `model/module.py`: `PositionalEncoding(sequence_length, embed_dim)` creates a trainable
`positional_encoding` weight of shape (sequence_length, embed_dim) in `__init__` and slices its first `length` rows in
call(); `Decoder(keras.Model)` embeds caption tokens, scales them by `embed_scale`, adds the learned positions, runs a
causal MultiHeadAttention and a list of `TransformerBlock`s that attend to the video encoder's output, and creates
`layers.Add()` inside call() (weightless). Nothing here depends on the width of a model input: `d_models` is the width
the Decoder itself produces with its Embedding, so the __init__-time `add_weight` cannot disagree with its input the
way LD004 warns about, and the positional table trains (it gets a gradient). The `embed_scale` tensor is a scalar
constant, not a weight. The TransformerBlocks are held in a list (tracked).

Porting edits: none to the classes. build_model() builds Decoder(d_models=16, 2 heads, vocab 40, seq_length 8, 2
blocks) and returns it with the tuple its call() unpacks: caption tokens (2, 8), encoder output (2, 5, 16) and a
padding mask of ones (the author's call() needs a mask: without one, `combined_mask` is never assigned).
"""

SOURCE = "https://github.com/Mfys212/VideoCaptioning/blob/058b046caa90f2fe64bea39b89a91a2ab6b88375/model/module.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bm/okbm_videocaptioning_decoder_positional_add_weight_in_init_and_embed_scale_tensor.py:
warning (x4): Layer 'transformer_block' (of type TransformerBlock) was passed an input with a mask attached to it. However, this layer does not support masking ... (harmless: the MultiHeadAttention output carries a mask)
as returned: Decoder, count_params() = 6232, 48 weights, unbuilt: none
after call: count_params() = 6232, 48 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 48 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_encoding': 128, 'transformer_block': 1696, 'transformer_block_1': 1696}
second call: 0 variables watched that the first call did not use
(the __init__-made 8x16 positional table is counted and gets a gradient; embed_scale adds no variable.)"""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class PositionalEncoding(tf.keras.layers.Layer):
    def __init__(self, sequence_length, embed_dim, **kwargs):
        super().__init__(**kwargs)
        self.positional_encoding = self.add_weight(
            name="positional_encoding",
            shape=(sequence_length, embed_dim),
            initializer=tf.keras.initializers.RandomNormal(),
            trainable=True
        )

    def call(self, inputs):
        batch_size = tf.shape(inputs)[0]
        length = tf.shape(inputs)[1]
        pos_encoding = tf.expand_dims(self.positional_encoding[:length, :], axis=0)
        return tf.tile(pos_encoding, [batch_size, 1, 1])


class TransformerBlock(tf.keras.layers.Layer):
    def __init__(self, d_models, num_heads, **kwargs):
        super().__init__(**kwargs)
        d = d_models // num_heads
        self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=d, dropout=0.1)
        self.layernorm_1 = layers.LayerNormalization()
        self.layernorm_2 = layers.LayerNormalization()
        self.dense = layers.Dense(d_models, activation="gelu")
        self.densel = layers.Dense(d_models)

    def call(self, query, key, value, mask=None, training=True):
        attention_output = self.attention(query=query, key=key, value=value, attention_mask=mask, training=training)
        out_1 = self.layernorm_1(layers.Add()([query, attention_output]))
        inputs = self.densel(self.dense(out_1))
        out = self.layernorm_2(layers.Add()([inputs, out_1]))
        return out


class Decoder(tf.keras.models.Model):
    def __init__(self, d_models, num_heads, vocab_size, seq_length, num_l, **kwargs):
        super().__init__(**kwargs)
        self.token_embeddings = layers.Embedding(input_dim=vocab_size, output_dim=d_models)
        self.embed_scale = tf.math.sqrt(tf.cast(d_models, tf.float32))
        self.positional_encoding = PositionalEncoding(sequence_length=seq_length, embed_dim=d_models)
        self.mask_att = layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=d_models // num_heads, dropout=0.1
        )
        self.layernorm = layers.LayerNormalization()
        self.attention = [TransformerBlock(d_models, num_heads) for _ in range(num_l)]
        self.linear = layers.Dense(d_models)
        self.out = layers.Dense(vocab_size)

    def call(self, inp, training=True):
        inputs, en_out, mask = inp
        inputs = self.token_embeddings(inputs)
        inputs = layers.Add()([inputs * self.embed_scale, self.positional_encoding(inputs)])
        causal_mask = self.get_causal_attention_mask(inputs)
        if mask is not None:
            padding_mask = tf.cast(mask[:, :, tf.newaxis], dtype=tf.int32)
            combined_mask = tf.cast(mask[:, tf.newaxis, :], dtype=tf.int32)
            combined_mask = tf.minimum(combined_mask, causal_mask)
        mask_out = self.mask_att(
            query=inputs, key=inputs, value=inputs, attention_mask=combined_mask, training=training
        )
        inputs = self.layernorm(layers.Add()([inputs, mask_out]))
        for layer in self.attention:
            inputs = layer(query=inputs, key=en_out, value=en_out, mask=padding_mask, training=training)
        return self.out(self.linear(inputs))

    def get_causal_attention_mask(self, inputs):
        input_shape = tf.shape(inputs)
        batch_size, sequence_length = input_shape[0], input_shape[1]
        i = tf.range(sequence_length)[:, tf.newaxis]
        j = tf.range(sequence_length)
        mask = tf.cast(i >= j, dtype="int32")
        mask = tf.reshape(mask, (1, input_shape[1], input_shape[1]))
        mult = tf.concat(
            [tf.expand_dims(batch_size, -1), tf.constant([1, 1], dtype=tf.int32)],
            axis=0,
        )
        return tf.tile(mask, mult)


def build_model():
    model = Decoder(d_models=16, num_heads=2, vocab_size=40, seq_length=8, num_l=2)
    tokens = (np.arange(16, dtype="int32").reshape(2, 8) % 39) + 1
    en_out = np.random.default_rng(0).random((2, 5, 16)).astype("float32")
    mask = np.ones((2, 8), dtype="int32")
    inputs = (tokens, en_out, mask)
    model(inputs, training=False)
    return model, inputs
