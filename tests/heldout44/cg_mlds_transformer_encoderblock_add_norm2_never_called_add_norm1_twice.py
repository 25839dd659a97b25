"""xiaoye-hua's MachineLearning_DataScience re-implements the D2L Transformer on `tf.keras.Model` subclasses. Its `EncoderBlock.__init__` creates two residual add-and-norm blocks, `self.add_norm1` and `self.add_norm2`, but `call()` uses `self.add_norm1` for both the attention residual and the feed-forward residual (`res = self.add_norm1(X, self.ffn(X))`). `add_norm2` (a Dropout plus a LayerNormalization) is created and never called, so it stays unbuilt and its LayerNorm weights never exist (LD005), while `add_norm1`'s LayerNormalization is silently shared by the two residual paths (LD007, same width so no error). The D2L reference the author followed (`src/utils/d2l.py` in the same repository) calls `self.addnorm2(Y, self.ffn(Y))`.

From xiaoye-hua/MachineLearning_DataScience, `src/Model/SequenceModel/Transformer.py`, class `EncoderBlock`
(with `AddNorm`, `PositionWiseFFN` from the same file, `MultiHeadAttention`/`DotProductAttention`/`masked_softmax`/
`transpose_qkv`/`transpose_output` from `src/Model/SequenceModel/Attention.py`, `sequence_mask` from `Seq2Seq.py` and the
`DLModel` base from `src/BaseClass/DLModel.py`). The repository's unit test
(`Unittest/test_Model/test_SequenceModel/test_Transformer.py::test_EncoderBlock`) builds
`EncoderBlock(num_hidden=24, norm_shape=[1, 2], ffn_num_hidden=48, num_head=8, dropout=0.5)` and calls it on a
(2, 100, 24) batch; it only checks the output shape, which is right.

Porting edits: the helpers are pasted into one file (the unused `import src.utils.d2l` dropped); `EncoderBlock.call`'s
`valid_len` argument gets a default of `None` so the block can be called with one input (masked_softmax already
handles `None`). Nothing else changed. build_model() returns the EncoderBlock of the unit test and a (2, 100, 24)
batch, not called.
"""

SOURCE = "https://github.com/xiaoye-hua/MachineLearning_DataScience/blob/1d7d4f4b29e992b1881eeaeeca8a2b534d249aab/src/Model/SequenceModel/Transformer.py"
CODES = ("LD005", "LD007")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cg_mlds_transformer_encoderblock_add_norm2_never_called_add_norm1_twice.py:
as returned: EncoderBlock, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['MultiHeadAttention:multi_head_attention', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense', 'DotProductAttention:dot_product_attention', 'AddNorm:add_norm', 'LayerNormalization:layer_normalization', 'PositionWiseFFN:position_wise_ffn', 'Dense:dense_5', 'Dense:dense_4', 'AddNorm:add_norm_1', 'LayerNormalization:layer_normalization_1']
after call: count_params() = 9480, 10 trainable weights, unbuilt: ['AddNorm:add_norm_1', 'LayerNormalization:layer_normalization_1']; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_head_attention': 2304, 'dot_product_attention': 0, 'add_norm': 4800, 'position_wise_ffn': 2376, 'add_norm_1': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
probes/probe_mlds.py (same block, one call with training=False): every AddNorm.call goes to 'add_norm' (self.add_norm1, 5 calls counting Keras' own tracing); self.add_norm2 ('add_norm_1') built: False, its LayerNormalization built: False, 0 weights. The block's 10 trainable weights include add_norm1's gamma/beta (4800 params for the (100, 24) norm axes) used by both residuals."""

from abc import abstractmethod

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Dropout, LayerNormalization, Dense, Activation, Embedding


class DLModel(Model):
    def __init__(self):
        super(DLModel, self).__init__()
        self.layers_lst = []

    @abstractmethod
    def call(self, inputs, training=None, mask=None):
        for layer in self.layers_lst:
            inputs = layer(inputs)
        return inputs


def sequence_mask(X, valid_len, value=0):
    """Mask irrelevant entries in sequences."""
    maxlen = X.shape[1]
    mask = tf.range(start=0, limit=maxlen, dtype=tf.float32)[None, :] < tf.cast(valid_len[:, None], dtype=tf.float32)

    if len(X.shape) == 3:
        return tf.where(tf.expand_dims(mask, axis=-1), X, value)
    else:
        return tf.where(mask, X, value)


#@save
def masked_softmax(X, valid_lens):
    """Perform softmax operation by masking elements on the last axis."""
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
        X = sequence_mask(tf.reshape(X, shape=(-1, shape[-1])),
                              valid_lens, value=-1e6)
        return tf.nn.softmax(tf.reshape(X, shape=shape), axis=-1)


class DotProductAttention(DLModel):
    """Scaled dot product attention."""
    def __init__(self, dropout, **kwargs):
        super().__init__(**kwargs)
        self.dropout = tf.keras.layers.Dropout(dropout)

    def call(self, queries, keys, values, valid_lens, **kwargs):
        d = queries.shape[-1]
        scores = tf.matmul(queries, keys, transpose_b=True) / tf.math.sqrt(
            tf.cast(d, dtype=tf.float32))
        self.attention_weights = masked_softmax(scores, valid_lens)
        return tf.matmul(self.dropout(self.attention_weights, **kwargs),
                         values)


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


class MultiHeadAttention(DLModel):
    def __init__(self, num_hidden: int, num_head: int, dropout: float, bias=False) -> None:
        super(MultiHeadAttention, self).__init__()
        self.num_head = num_head
        self.attention = DotProductAttention(dropout=dropout)
        self.W_q = Dense(units=num_hidden, use_bias=bias)
        self.W_k = Dense(units=num_hidden, use_bias=bias)
        self.W_v = Dense(units=num_hidden, use_bias=bias)
        self.W_o = Dense(units=num_hidden, use_bias=bias)

    def call(self, queries, keys, values, valid_lens, training=True):
        queries = transpose_qkv(self.W_q(queries), self.num_head)
        keys = transpose_qkv(self.W_k(keys), self.num_head)
        values = transpose_qkv(self.W_v(values), self.num_head)
        if valid_lens is not None:
            valid_lens = tf.repeat(valid_lens, repeats=self.num_head, axis=0)
        output = self.attention(queries=queries, keys=keys, values=values, valid_lens=valid_lens)
        output = transpose_output(output, self.num_head)
        return self.W_o(output)


class AddNorm(DLModel):
    def __init__(self, norm_axis, dropout):
        """
        Args:
            norm_axis: axis pramter for LayerNormalization; inter or list
            dropout: dropout rate
        """
        super(AddNorm, self).__init__()
        self.droupout = Dropout(rate=dropout)
        self.layNorm = LayerNormalization(axis=norm_axis)

    def call(self, X, Y, training=None, mask=None):
        return self.layNorm(self.droupout(Y) + X)


class PositionWiseFFN(DLModel):
    def __init__(self, num_hiddens, num_output):
        super(PositionWiseFFN, self).__init__()
        self.dense1 = Dense(units=num_hiddens)
        self.ac = Activation(activation='relu')
        self.dense2 = Dense(units=num_output)

    def call(self, inputs, training=None, mask=None):
        return self.dense2(self.ac(self.dense1(inputs)))


class EncoderBlock(DLModel):
    def __init__(self, num_hidden: int, num_head: int, norm_shape: list, ffn_num_hidden: int, dropout: float, bias=False) -> None:
        super(EncoderBlock, self).__init__()
        self.attention = MultiHeadAttention(num_hidden=num_hidden, num_head=num_head, dropout=dropout, bias=bias)
        self.add_norm1 = AddNorm(norm_axis=norm_shape, dropout=dropout)
        self.ffn = PositionWiseFFN(num_hiddens=ffn_num_hidden, num_output=num_hidden)
        self.add_norm2 = AddNorm(norm_axis=norm_shape, dropout=dropout)

    def call(self, inputs, valid_len=None, training=None, mask=None):
        X = self.add_norm1(inputs, self.attention(queries=inputs, keys=inputs, values=inputs, valid_lens=valid_len))
        res = self.add_norm1(X, self.ffn(X))
        return res


def build_model():
    norm_shape = [1, 2]
    encoder_blk = EncoderBlock(num_hidden=24, norm_shape=norm_shape, ffn_num_hidden=48, num_head=8, dropout=0.5)
    X = np.ones((2, 100, 24), dtype="float32")
    return encoder_blk, X
