"""A transformer decoder block is a plain Python class holding Keras layers, used only to wire a
functional model.

The "attention is all you need" Keras port defines `DecoderLayer` as an ordinary class (not a Keras
Layer) whose `__init__` creates attention, normalization and feed-forward layers and whose `__call__`
applies them to Keras tensors. Because the block only runs while the functional graph is wired, every
layer it holds becomes a node of the model and is tracked. Rewritten with Keras 3 layers.
"""

SOURCE = "https://github.com/lsdefine/attention-is-all-you-need-keras/issues/26"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_plain_python_decoder_block_wired_functionally.py:
as returned: Functional, count_params() = 915, 26 weights, unbuilt: none
after call: count_params() = 915, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


class DecoderBlock:
    def __init__(self, d_model, d_inner, n_head):
        self.self_attention = layers.MultiHeadAttention(n_head, d_model // n_head)
        self.cross_attention = layers.MultiHeadAttention(n_head, d_model // n_head)
        self.norm1 = layers.LayerNormalization()
        self.norm2 = layers.LayerNormalization()
        self.ffn_inner = layers.Dense(d_inner, activation="relu")
        self.ffn_outer = layers.Dense(d_model)

    def __call__(self, dec_input, enc_output):
        x = self.norm1(layers.Add()([dec_input, self.self_attention(dec_input, dec_input)]))
        x = self.norm2(layers.Add()([x, self.cross_attention(x, enc_output)]))
        return self.ffn_outer(self.ffn_inner(x))


def build_model():
    dec_input = keras.Input((5, 8))
    enc_output = keras.Input((7, 8))
    out = DecoderBlock(8, 16, 2)(dec_input, enc_output)
    return keras.Model([dec_input, enc_output], layers.Dense(3)(out))
