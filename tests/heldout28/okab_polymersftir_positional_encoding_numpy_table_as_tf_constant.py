"""A transformer for FTIR polymer spectra whose sinusoidal `PositionalEncoding` builds its table with
NumPy in `__init__` and keeps it on the layer as a `tf.constant` (the Keras spelling of a torch
`register_buffer` holding a fixed, non-learned table).

From alexbalan08/Polymers-types-classification-from-FTIR-data
(`simpleTransformer/src/models/positional_encoding.py`). Looks like the "weight-like tensor stored on
`self` instead of a variable" trap, but the table is the fixed sine/cosine encoding of "Attention is
all you need": it is meant to be a constant, nothing should train it, and the layer has no weights to
lose. The model around it (a Dense projection of the spectrum tokens before the encoding) is
counted and trained.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); the repository's encoder/decoder stack is
replaced by a Dense projection to `d_model` before the encoding and a pooled Dense head; `d_model` 8,
`max_len` 12 with a 10-token input (the author slices the table to the input length).
"""

SOURCE = "https://github.com/alexbalan08/Polymers-types-classification-from-FTIR-data/blob/d001c23f320cb97fa4219dd4583c45826eff05fc/simpleTransformer/src/models/positional_encoding.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okab_polymersftir_positional_encoding_numpy_table_as_tf_constant.py:
as returned: Functional, count_params() = 43, 4 weights, unbuilt: none
after call: count_params() = 43, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_encoding': 0}
second call: 0 variables watched that the first call did not use
43 = Dense(1->8) 16 + Dense(8->3) 27; the encoding table is a fixed constant by design (0 params, nothing meant to train)."""

import keras
import numpy as np
import tensorflow as tf


class PositionalEncoding(keras.layers.Layer):
    def __init__(self, d_model, max_len=207):
        super().__init__()
        pos = np.arange(max_len)[:, None]
        i = np.arange(d_model)[None, :]
        angle = pos / np.power(10000, (2 * (i // 2)) / d_model)

        pe = np.zeros((max_len, d_model))
        pe[:, 0::2] = np.sin(angle[:, 0::2])
        pe[:, 1::2] = np.cos(angle[:, 1::2])
        self.pe = tf.constant(pe, dtype=tf.float32)

    def call(self, x):
        return x + self.pe[: tf.shape(x)[1]]


def build_model():
    inputs = keras.Input((10, 1))
    x = keras.layers.Dense(8)(inputs)
    x = PositionalEncoding(8, max_len=12)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(3)(x)
    return keras.Model(inputs, outputs)
