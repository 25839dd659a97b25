"""Transformer decoder (the one that feeds the pointer-generator head) keeps its DecoderLayers in a plain Python list, builds each feed-forward block with a module-level factory returning a Sequential, and lets MultiHeadAttention build lazily: all tracked and trained.

JRice15/csc582-styleshift `transformer.py` (adapted from the TensorFlow text Transformer tutorial):
`Decoder.__init__` makes `self.dec_layers = [DecoderLayer(...) for _ in range(num_layers)]` and calls
them by index in `call()`, collecting each layer's attention weights into a local dict and returning the
last decoder state (which the pointer head consumes); `DecoderLayer` holds two
`tf.keras.layers.MultiHeadAttention` (no build of its own; MHA builds on its first call) and `self.ffn =
point_wise_feed_forward_network(d_model, d_ff)`, a function returning `tf.keras.Sequential([Dense, Dense])`.
It looks like LD011 (layers in a list / made by a helper function) and LD005 (attention sublayers never
built in a build()), but Keras 3 wraps the list in a tracked list, the Sequential is an attribute, and
every sublayer is built on the first call. Porting edits: none to the classes (`tensorflow_probability` is
imported by the module only for the look-ahead mask and is not needed here). build_model() wires a
2-layer Decoder into a functional model over target embeddings and an encoder output, without masks.
"""

SOURCE = "https://github.com/JRice15/csc582-styleshift/blob/babde0604ef05c22f9b48966ad2bfb2f8d32cfb0/transformer.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
As returned: Functional, count_params() = 1808, 52 weights, unbuilt: none; after call: 1808, 52 trainable
weights, unbuilt: none; gradient None for 0 of 52; tape watched 0 untracked variables; params of the case's
own layers: {'decoder': 1808, 'decoder_layer_1': 904, 'decoder_layer': 904}; second call: 0 new
variables. No warning."""

import tensorflow as tf


def point_wise_feed_forward_network(d_model, d_ff):
    return tf.keras.Sequential([
        tf.keras.layers.Dense(d_ff, activation='relu'),
        tf.keras.layers.Dense(d_model)
    ])


class DecoderLayer(tf.keras.layers.Layer):
    def __init__(self, *, d_model, num_heads, d_key, d_ff, rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_key = d_key
        self.d_ff = d_ff
        self.rate = rate
        self.mha1 = tf.keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim=d_key)
        self.mha2 = tf.keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim=d_key)
        self.ffn = point_wise_feed_forward_network(d_model, d_ff)
        self.layernorm1 = tf.keras.layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = tf.keras.layers.LayerNormalization(epsilon=1e-6)
        self.layernorm3 = tf.keras.layers.LayerNormalization(epsilon=1e-6)
        self.dropout1 = tf.keras.layers.Dropout(rate)
        self.dropout2 = tf.keras.layers.Dropout(rate)
        self.dropout3 = tf.keras.layers.Dropout(rate)

    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        attn1, attn1_weights = self.mha1(x, x, attention_mask=look_ahead_mask,
                                         training=training, return_attention_scores=True)
        attn1 = self.dropout1(attn1, training=training)
        out1 = self.layernorm1(attn1 + x)
        attn2, attn2_weights = self.mha2(out1, enc_output, attention_mask=padding_mask,
                                         training=training, return_attention_scores=True)
        attn2 = self.dropout2(attn2, training=training)
        out2 = self.layernorm2(attn2 + out1)
        ffn_output = self.ffn(out2)
        ffn_output = self.dropout3(ffn_output, training=training)
        out3 = self.layernorm3(ffn_output + out2)
        return out3, out2, attn1_weights, attn2_weights


class Decoder(tf.keras.layers.Layer):
    def __init__(self, *, num_layers, d_model, d_key, num_heads, d_ff, rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self.num_layers = num_layers
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_key = d_key
        self.d_ff = d_ff
        self.rate = rate
        self.dropout = tf.keras.layers.Dropout(rate)
        self.dec_layers = [
            DecoderLayer(d_model=d_model, num_heads=num_heads, d_ff=d_ff, d_key=d_key, rate=rate)
            for _ in range(num_layers)]

    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        x = self.dropout(x, training=training)
        attention_weights = {}
        for i in range(self.num_layers):
            x, dec_state, attn1, attn2 = self.dec_layers[i](x, enc_output, training=training,
                                                            look_ahead_mask=look_ahead_mask,
                                                            padding_mask=padding_mask)
            attention_weights[f"decoder_layer{i}_attn1_weights"] = attn1
            attention_weights[f"decoder_layer{i}_attn2_weights"] = attn2
        return x, dec_state, attention_weights


def build_model():
    tar = tf.keras.Input(shape=(4, 8), name="tar_embedded")
    enc = tf.keras.Input(shape=(5, 8), name="enc_output")
    decoder = Decoder(num_layers=2, d_model=8, d_key=4, num_heads=2, d_ff=16)
    x, dec_state, attention_weights = decoder(tar, enc, training=None, look_ahead_mask=None, padding_mask=None)
    return tf.keras.Model([tar, enc], [x, dec_state])
