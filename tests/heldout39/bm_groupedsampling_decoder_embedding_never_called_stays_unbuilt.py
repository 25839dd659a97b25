"""yonikremer/grouped_sampling's decoder-only `Decoder` layer creates `self.embedding = Embedding(vocab_size, d_model)` but its call() never uses it (the Transformer model embeds tokens with its own Embedding), so the sublayer is never built: 0 parameters and Keras 3's unbuilt-state warning.

From yonikremer/grouped_sampling, `model/decoder.py` at commit 0312405 ("Changed The model from encoder decoder to
decoder only"), with the sibling modules of the same commit: `setranformer.py` (the `Transformer` Model), `decoder_block.py`,
`mmha.py` (a hand-written multi-head attention), `pwff.py`, `emb_trans.py` (an output layer tied to the input
embedding), `pos_enc.py` and `masks.py`. When the encoder was removed, the token embedding moved to `Transformer`, but
the Decoder kept building its own `Embedding` that nothing calls; a later commit (4a8f274) deleted it. The Decoder has
no build(), so Keras marks it built on first call and the dead Embedding stays unbuilt, listed in the summary with 0
params (an easy miss: `Transformer.count_params` was hand-written to sum sublayers).

Also in the model and fine on Keras 3 (look-alikes, not the labelled defect): `DecoderBlock` calls one `self.mha` twice
and one `self.layer_norm` three times on same-width tensors (shared weights, LD007 at most); `Decoder.scale` and
`Decoder.pos_encoding` are constant tensors on self (a sinusoid table, not weights); `EmbeddingTransposed` stores the
Embedding's own variable in build() and multiplies by its transpose (tied, tracked once).

Porting edits: modules inlined into one file; `Transformer.count_params` (which sums `self.encoder`, an attribute left
over from the encoder-decoder version, and raises AttributeError) is left out so the standard measurement can count;
`Transformer.call` passes `training` and the masks to the Decoder as keywords (Keras 3 refuses a bool as a
positional argument); `EmbeddingTransposed.build(self)` takes `input_shape=None` because Keras 3 passes the input shape (the author's
`build(self)` raises TypeError on the first call). Everything else is as written, including `tf.keras.backend.dot`.
build_model() builds Transformer(2 blocks, d_model=16, 2 heads, dff=32, vocab 50, max_len 12) and returns it with a
(2, 10) int batch.
"""

SOURCE = "https://github.com/yonikremer/grouped_sampling/blob/031240552ca6c7e79946205e8316ea84637e3a18/model/decoder.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bm/bm_groupedsampling_decoder_embedding_never_called_stays_unbuilt.py:
warning: `build()` was called on layer 'decoder', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. ...
as returned: Transformer, count_params() = 5184, 29 weights, unbuilt: ['Embedding:embedding']
after call: count_params() = 5184, 29 trainable weights, unbuilt: ['Embedding:embedding']; output dtypes ['float32']
gradient None for 0 of 29 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoder': 4384, ..., 'embedding_transposed': 800}
second call: 0 variables watched that the first call did not use
probe (probe_gs.py): model.decoder.embedding.built == False with 0 weights (the 50x16 table is never created); the tied
input embedding transformer/embedding_1/embeddings is the very variable EmbeddingTransposed holds, and gets a gradient."""

from typing import Optional, Tuple

import numpy as np
import tensorflow as tf
from tensorflow import keras, Tensor
from keras import Model
from keras.backend import floatx as float_type
from keras.backend import floatx
from keras.layers import Layer, Softmax, Dense, Embedding, LayerNormalization, Dropout
from tensorflow.python.ops.linalg.linalg_impl import band_part


# ---- pos_enc.py
def create_positional_encoding(max_len: int, d_model: int) -> Tensor:
    def get_angles(positions: np.ndarray, timestamps: np.ndarray) -> np.ndarray:
        if floatx() == "float32":
            float_d_model = np.float32(d_model)
        else:
            float_d_model = np.float16(d_model)
        is_even = 2 * (timestamps // 2)
        exp1 = is_even / float_d_model
        angle_rates = 1 / np.power(10000, exp1)
        return positions * angle_rates

    angle_rads = get_angles(np.arange(max_len)[:, np.newaxis], np.arange(d_model)[np.newaxis, :])
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    pos_encode = angle_rads[np.newaxis, ...]
    return tf.cast(pos_encode, dtype=floatx())


# ---- masks.py
def create_masks(inp: Tensor, pad_int: int) -> Tuple[Tensor, Tensor]:
    seq_len = inp.shape[1]

    def create_padding_mask(seq: Tensor) -> Tensor:
        bool_mask = tf.math.equal(seq, pad_int)
        mask = tf.cast(bool_mask, floatx())
        return mask[:, tf.newaxis, tf.newaxis, :]

    def create_look_ahead_mask() -> tf.Tensor:
        ones = tf.ones((seq_len, seq_len), dtype=floatx())
        mask = 1 - band_part(ones, -1, 0)
        return mask

    look_ahead_mask = create_look_ahead_mask()
    padding_mask = create_padding_mask(inp)
    look_ahead_mask = tf.maximum(padding_mask, look_ahead_mask)
    return padding_mask, look_ahead_mask


# ---- mmha.py
class ScaledDotProductAttention(Layer):
    def __init__(self, d_model: int, **kwargs):
        super().__init__(**kwargs)
        self.scale = tf.math.pow(tf.cast(d_model, float_type()), -0.5)
        self.softmax = Softmax(axis=-1)

    def call(self, q: Tensor, k: Tensor, v: Tensor, mask: Optional[Tensor] = None) -> Tensor:
        matmul_qk: Tensor = tf.matmul(q, k, transpose_b=True)
        scaled_attention_logits: Tensor = matmul_qk * self.scale
        if mask is not None:
            if float_type() == 'float16':
                scaled_attention_logits += (mask * tf.float16.min)
            else:
                scaled_attention_logits += (mask * -1e9)
        attention_weights = self.softmax(scaled_attention_logits)
        output = tf.matmul(attention_weights, v)
        return output


class MyMultiHeadAttention(Layer):
    """U can use the built-in keras.layers.multihead_attention but is caused a bug for me"""
    def __init__(self, num_heads: int, d_model: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if d_model % num_heads != 0:
            raise ValueError(f"d_model ({d_model}) must be divisible by num_heads ({num_heads})")
        self.num_heads = num_heads
        self.d_model = d_model
        self.depth = d_model // self.num_heads
        self.wq = keras.layers.Dense(d_model)
        self.wk = keras.layers.Dense(d_model)
        self.wv = keras.layers.Dense(d_model)
        self.dense = keras.layers.Dense(d_model)
        self.sdpa = ScaledDotProductAttention(d_model)

    def split_heads(self, x: Tensor) -> Tensor:
        batch_size = tf.shape(x)[0]
        x = tf.reshape(x, (batch_size, -1, self.num_heads, self.depth))
        return tf.transpose(x, perm=[0, 2, 1, 3])

    def call(self, v_k: Tensor, q: Tensor, mask: Tensor) -> Tensor:
        batch_size = tf.shape(q)[0]
        q: Tensor = self.wq(q)
        k: Tensor = self.wk(v_k)
        v: Tensor = self.wv(v_k)
        q: Tensor = self.split_heads(q)
        k: Tensor = self.split_heads(k)
        v: Tensor = self.split_heads(v)
        scaled_attention = self.sdpa(q, k, v, mask)
        scaled_attention = tf.transpose(scaled_attention, perm=[0, 2, 1, 3])
        concat_attention = tf.reshape(scaled_attention, (batch_size, -1, self.d_model))
        output = self.dense(concat_attention)
        return output


# ---- pwff.py
class PointWiseFeedForwardNetwork(Layer):
    def __init__(self, d_model: int, dff: int, **kwargs):
        super().__init__(**kwargs)
        self.layer1 = Dense(dff, activation='relu')
        self.layer2 = Dense(d_model)

    def call(self, x: Tensor, **kwargs) -> Tensor:
        x = self.layer1(x)
        x = self.layer2(x)
        return x


# ---- decoder_block.py
class DecoderBlock(Layer):
    def __init__(self, d_model: int, num_heads: int, dff: int, rate: float, **kwargs):
        super().__init__(**kwargs)
        self.mha = MyMultiHeadAttention(num_heads=num_heads, d_model=d_model)
        self.ffn = PointWiseFeedForwardNetwork(d_model, dff)
        self.layer_norm = LayerNormalization(epsilon=1e-6)
        self.dropout = Dropout(rate)

    def call(self, x: Tensor, look_ahead_mask: Tensor, padding_mask: Tensor, training):
        attn1 = self.mha(x, x, look_ahead_mask)
        attn1 = self.dropout(attn1, training=training)
        out1 = self.layer_norm(attn1)
        attn2 = self.mha(out1, out1, padding_mask)
        attn2 = self.dropout(attn2, training=training)
        out2 = self.layer_norm(attn2 + out1)
        ffn_output = self.ffn(out2)
        ffn_output = self.dropout(ffn_output, training=training)
        out3 = self.layer_norm(ffn_output + out2)
        return out3


# ---- decoder.py (the defect: self.embedding is never called)
class Decoder(Layer):
    def __init__(self, pos_encoding, num_blocks: int, d_model: int, num_heads: int, dff: int,
                 vocab_size: int, rate: float, **kwargs):
        super().__init__(**kwargs)

        self.scale = tf.math.sqrt(tf.cast(d_model, tf.keras.backend.floatx()))
        self.num_blocks = num_blocks
        self.pos_encoding = pos_encoding

        self.embedding = tf.keras.layers.Embedding(vocab_size, d_model)
        self.dec_layers = [DecoderBlock(d_model, num_heads, dff, rate) for _ in range(num_blocks)]
        self.dropout = tf.keras.layers.Dropout(rate)

    def call(self, x, training: bool,
             look_ahead_mask: Tensor, padding_mask: Tensor) -> tf.Tensor:
        seq_len = tf.shape(x)[1]

        x += self.pos_encoding[:, :seq_len, :]

        for i in range(self.num_blocks):
            x = self.dec_layers[i](x=x, look_ahead_mask=look_ahead_mask,
                                   padding_mask=padding_mask, training=training)
        return x


# ---- emb_trans.py
class EmbeddingTransposed(Layer):
    def __init__(self, tied_to: Embedding, activation: str, **kwargs):
        super(EmbeddingTransposed, self).__init__(**kwargs)
        self.tied_to = tied_to
        self.activation = tf.keras.activations.get(activation)

    def build(self, input_shape=None):  # porting edit: the author's build(self) takes no shape
        self.custom_weights = self.tied_to.weights[0]
        self.built = True

    def compute_output_shape(self, input_shape):
        return input_shape[0], tf.keras.backend.int_shape(self.tied_to.weights[0])[0]

    def call(self, inputs):
        output = tf.keras.backend.dot(inputs, tf.keras.backend.transpose(self.custom_weights))
        if self.activation is not None:
            output = self.activation(output)
        return output

    def get_config(self):
        config = {"activation": tf.keras.activations.serialize(self.activation)}
        base_config = super(EmbeddingTransposed, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


# ---- setranformer.py
class Transformer(Model):
    """The base architecture of my models in this project."""

    def __init__(self, num_blocks: int, d_model: int, num_heads: int, dff: int,
                 vocab_size: int, max_len: int, rate: float, pad_int: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pad_int = pad_int
        self.vocab_size = vocab_size
        pos_encoding = create_positional_encoding(max_len, d_model)
        self.d_model = d_model

        self.decoder = Decoder(pos_encoding, num_blocks, d_model, num_heads, dff, vocab_size, rate)

        self.embedding = Embedding(input_dim=vocab_size, output_dim=d_model)
        self.emb_trans = EmbeddingTransposed(self.embedding, "softmax")

    def call(self, x: Tensor, training: bool) -> Tensor:
        embeddings = self.embedding(x)
        padding_mask, look_ahead_mask = create_masks(x, self.pad_int)
        dec_output = self.decoder(embeddings, training=training, look_ahead_mask=look_ahead_mask,
                                  padding_mask=padding_mask)  # porting edit: keywords
        final_output = self.emb_trans(dec_output)
        return final_output


def build_model():
    model = Transformer(num_blocks=2, d_model=16, num_heads=2, dff=32, vocab_size=50, max_len=12,
                        rate=0.1, pad_int=0)
    tokens = np.arange(1, 21, dtype="int32").reshape(2, 10) % 50
    model(tokens, training=False)
    return model, tokens
