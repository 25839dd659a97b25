"""The D2L ("Dive into Deep Learning") Transformer `EncoderBlock` that xiaoye-hua's MachineLearning_DataScience vendors in `src/utils/d2l.py`: it creates two residual add-and-norm blocks, `self.addnorm1` and `self.addnorm2`, and calls each exactly once (`Y = self.addnorm1(X, attention(...))`, `return self.addnorm2(Y, self.ffn(Y))`). This is the reference the same author's own re-implementation (`src/Model/SequenceModel/Transformer.py`, see the cg_mlds_... case) got wrong by calling `add_norm1` twice and never calling `add_norm2`. Here every sublayer is built on the first call, the two LayerNormalizations hold separate weights, and nothing is shared: a correct look-alike of LD005/LD007 (two same-class sublayers created side by side, one of them easy to miss).

From xiaoye-hua/MachineLearning_DataScience, `src/utils/d2l.py`: classes `EncoderBlock`, `AddNorm`,
`PositionWiseFFN`, `MultiHeadAttention`, `DotProductAttention` and the helpers `masked_softmax`, `sequence_mask`,
`transpose_qkv`, `transpose_output` (copied there from the d2l package, TensorFlow edition).

Porting edits: the classes are pasted into one file and `d2l.X` references point at them; `EncoderBlock.call`'s
`valid_lens` argument gets a default of `None` so the block can be called with one input (masked_softmax handles
`None`). `PositionWiseFFN.__init__`'s `super().__init__(*kwargs)` (a single star, harmless with no kwargs) is kept.
build_model() returns an EncoderBlock with the sizes of the repository's unit test for its own block
(24 hidden, 8 heads, FFN 48, norm axes [1, 2], dropout 0.5) and a (2, 100, 24) batch, not called.
"""

SOURCE = "https://github.com/xiaoye-hua/MachineLearning_DataScience/blob/1d7d4f4b29e992b1881eeaeeca8a2b534d249aab/src/utils/d2l.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcg_mlds_d2l_encoderblock_addnorm1_and_addnorm2_each_called_once.py:
as returned: EncoderBlock, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['MultiHeadAttention:multi_head_attention', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense', 'DotProductAttention:dot_product_attention', 'AddNorm:add_norm', 'LayerNormalization:layer_normalization', 'PositionWiseFFN:position_wise_ffn', 'Dense:dense_5', 'Dense:dense_4', 'AddNorm:add_norm_1', 'LayerNormalization:layer_normalization_1']
after call: count_params() = 14280, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_head_attention': 2304, 'dot_product_attention': 0, 'add_norm': 4800, 'position_wise_ffn': 2376, 'add_norm_1': 4800}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


def sequence_mask(X, valid_len, value=0):
    """Mask irrelevant entries in sequences.

    Defined in :numref:`sec_seq2seq_decoder`"""
    maxlen = X.shape[1]
    mask = tf.range(start=0, limit=maxlen, dtype=tf.float32)[
           None, :] < tf.cast(valid_len[:, None], dtype=tf.float32)

    if len(X.shape) == 3:
        return tf.where(tf.expand_dims(mask, axis=-1), X, value)
    else:
        return tf.where(mask, X, value)


def masked_softmax(X, valid_lens):
    """Perform softmax operation by masking elements on the last axis.

    Defined in :numref:`sec_attention-scoring-functions`"""
    # `X`: 3D tensor, `valid_lens`: 1D or 2D tensor
    if valid_lens is None:
        return tf.nn.softmax(X, axis=-1)
    else:
        shape = X.shape
        if len(valid_lens.shape) == 1:
            valid_lens = tf.repeat(valid_lens, repeats=shape[1])

        else:
            valid_lens = tf.reshape(valid_lens, shape=-1)
        # On the last axis, replace masked elements with a very large negative
        # value, whose exponentiation outputs 0
        X = sequence_mask(tf.reshape(X, shape=(-1, shape[-1])), valid_lens, value=-1e6)
        return tf.nn.softmax(tf.reshape(X, shape=shape), axis=-1)


class DotProductAttention(tf.keras.layers.Layer):
    """Scaled dot product attention.

    Defined in :numref:`subsec_additive-attention`"""

    def __init__(self, dropout, **kwargs):
        super().__init__(**kwargs)
        self.dropout = tf.keras.layers.Dropout(dropout)

    def call(self, queries, keys, values, valid_lens, **kwargs):
        d = queries.shape[-1]
        scores = tf.matmul(queries, keys, transpose_b=True) / tf.math.sqrt(
            tf.cast(d, dtype=tf.float32))
        self.attention_weights = masked_softmax(scores, valid_lens)
        return tf.matmul(self.dropout(self.attention_weights, **kwargs), values)


class MultiHeadAttention(tf.keras.layers.Layer):
    """Multi-head attention.

    Defined in :numref:`sec_multihead-attention`"""

    def __init__(self, key_size, query_size, value_size, num_hiddens,
                 num_heads, dropout, bias=False, **kwargs):
        super().__init__(**kwargs)
        self.num_heads = num_heads
        self.attention = DotProductAttention(dropout)
        self.W_q = tf.keras.layers.Dense(num_hiddens, use_bias=bias)
        self.W_k = tf.keras.layers.Dense(num_hiddens, use_bias=bias)
        self.W_v = tf.keras.layers.Dense(num_hiddens, use_bias=bias)
        self.W_o = tf.keras.layers.Dense(num_hiddens, use_bias=bias)

    def call(self, queries, keys, values, valid_lens, **kwargs):
        queries = transpose_qkv(self.W_q(queries), self.num_heads)
        keys = transpose_qkv(self.W_k(keys), self.num_heads)
        values = transpose_qkv(self.W_v(values), self.num_heads)

        if valid_lens is not None:
            # On axis 0, copy the first item (scalar or vector) for
            # `num_heads` times, then copy the next item, and so on
            valid_lens = tf.repeat(valid_lens, repeats=self.num_heads, axis=0)

        output = self.attention(queries, keys, values, valid_lens, **kwargs)

        output_concat = transpose_output(output, self.num_heads)
        return self.W_o(output_concat)


def transpose_qkv(X, num_heads):
    """Transposition for parallel computation of multiple attention heads."""
    X = tf.reshape(X, shape=(X.shape[0], X.shape[1], num_heads, -1))
    X = tf.transpose(X, perm=(0, 2, 1, 3))
    return tf.reshape(X, shape=(-1, X.shape[2], X.shape[3]))


def transpose_output(X, num_heads):
    """Reverse the operation of `transpose_qkv`."""
    X = tf.reshape(X, shape=(-1, num_heads, X.shape[1], X.shape[2]))
    X = tf.transpose(X, perm=(0, 2, 1, 3))
    return tf.reshape(X, shape=(X.shape[0], X.shape[1], -1))


class PositionWiseFFN(tf.keras.layers.Layer):
    """Positionwise feed-forward network.

    Defined in :numref:`sec_transformer`"""

    def __init__(self, ffn_num_hiddens, ffn_num_outputs, **kwargs):
        super().__init__(*kwargs)
        self.dense1 = tf.keras.layers.Dense(ffn_num_hiddens)
        self.relu = tf.keras.layers.ReLU()
        self.dense2 = tf.keras.layers.Dense(ffn_num_outputs)

    def call(self, X):
        return self.dense2(self.relu(self.dense1(X)))


class AddNorm(tf.keras.layers.Layer):
    """Residual connection followed by layer normalization.

    Defined in :numref:`sec_transformer`"""

    def __init__(self, normalized_shape, dropout, **kwargs):
        super().__init__(**kwargs)
        self.dropout = tf.keras.layers.Dropout(dropout)
        self.ln = tf.keras.layers.LayerNormalization(normalized_shape)

    def call(self, X, Y, **kwargs):
        return self.ln(self.dropout(Y, **kwargs) + X)


class EncoderBlock(tf.keras.layers.Layer):
    """Transformer encoder block.

    Defined in :numref:`sec_transformer`"""

    def __init__(self, key_size, query_size, value_size, num_hiddens,
                 norm_shape, ffn_num_hiddens, num_heads, dropout, bias=False, **kwargs):
        super().__init__(**kwargs)
        self.attention = MultiHeadAttention(key_size, query_size, value_size, num_hiddens,
                                            num_heads, dropout, bias)
        self.addnorm1 = AddNorm(norm_shape, dropout)
        self.ffn = PositionWiseFFN(ffn_num_hiddens, num_hiddens)
        self.addnorm2 = AddNorm(norm_shape, dropout)

    def call(self, X, valid_lens=None, **kwargs):
        Y = self.addnorm1(X, self.attention(X, X, X, valid_lens, **kwargs), **kwargs)
        return self.addnorm2(Y, self.ffn(Y), **kwargs)


def build_model():
    encoder_blk = EncoderBlock(24, 24, 24, 24, [1, 2], 48, 8, 0.5)
    X = np.ones((2, 100, 24), dtype="float32")
    return encoder_blk, X
