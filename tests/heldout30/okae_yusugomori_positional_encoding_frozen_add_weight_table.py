"""A deep-learning textbook's Transformer layers: `PositionalEncoding` stores the sinusoid table as a
NON-trainable weight made with `add_weight(..., initializer=self.initializer, trainable=False)` in
`build()`, where `initializer` is a bound method that computes the table with NumPy, and slices it
to the sequence length in `call()`.

From yusugomori/deeplearning-keras-tf2-torch (`6/layers/tf/PositionalEncoding.py`, chapter 6.3.4.4). Looks like the "position table frozen or made
from NumPy so it never trains" and "buffer instead of weight" traps, but the table is meant to be
the fixed encoding of "Attention Is All You Need": on Keras 3 it is a tracked, saved,
non-trainable variable holding the sinusoid values.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); `build_model()` wires
Embedding(20, 8) -> PositionalEncoding(8, maxlen=12) -> pooling -> Dense(2) on sequences of 6
token ids (the book uses it in its Transformer with maxlen 6000 and d_model 512). The book's
`LayerNormalization` from the same chapter is left out: its `add_weight(shape=(input_shape[-1]))`
passes a bare int, which Keras 3 refuses ("Cannot convert '8' to a shape").
"""

SOURCE = "https://github.com/yusugomori/deeplearning-keras-tf2-torch/blob/3722f1e1831073064bb9eaf4c1fb343bedbb608c/6/layers/tf/PositionalEncoding.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okae_yusugomori_positional_encoding_frozen_add_weight_table.py:
as returned: Functional, count_params() = 274, 4 weights, unbuilt: none
after call: count_params() = 274, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_encoding': 96}
second call: 0 variables watched that the first call did not use
positional_encoding/PE (12x8 = 96) is a non-trainable weight of the model (counted, saved). Own probe (/tmp/mine30/ae/probe_yusu.py): PE equals the sinusoid table (np.allclose True), PE.trainable False; trainable: ['embedding/embeddings', 'dense/kernel', 'dense/bias']; non-trainable: ['positional_encoding/PE']."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer


class PositionalEncoding(Layer):
    def __init__(self, output_dim,
                 maxlen=6000):
        super().__init__()
        self.output_dim = output_dim
        self.maxlen = maxlen

    def build(self, input_shape):
        self.PE = self.add_weight(name='PE',
                                  shape=(self.maxlen,
                                         self.output_dim),
                                  initializer=self.initializer,
                                  trainable=False,
                                  dtype=tf.float32)

        super().build(input_shape)

    def call(self, x):
        pe = self.PE[tf.newaxis, :tf.shape(x)[1], :]
        return x + pe

    def initializer(self, input_shape, dtype=tf.float32):
        pe = \
            np.array([[pos / np.power(10000, 2 * (i // 2) / self.output_dim)
                       for i in range(self.output_dim)]
                      for pos in range(self.maxlen)])

        pe[:, 0::2] = np.sin(pe[:, 0::2])
        pe[:, 1::2] = np.cos(pe[:, 1::2])

        return tf.convert_to_tensor(pe, dtype=tf.float32)


def build_model():
    inputs = keras.Input((6,), dtype="int32")
    x = keras.layers.Embedding(20, 8)(inputs)
    x = PositionalEncoding(8, maxlen=12)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
