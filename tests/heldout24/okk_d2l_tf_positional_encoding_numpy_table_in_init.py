"""The Dive-into-Deep-Learning positional encoding, as ported to TensorFlow in a reader's notebook
repository: the sinusoid table is a NumPy array `self.P` (float64) built in `__init__` and added to
the inputs in `call()`, followed by a `Dropout` sublayer.

From biswajitsahoo1111/D2L_Attention_Mechanisms_in_TF (`saved_class_PositionalEncoding.py`, the class
saved from the chapter 10.6 notebook "Self-attention and positional encoding"). Looks like raw array
state on a layer (a NumPy array kept on `self` instead of a weight). On Keras 3 this is what the book
wants: the table is a fixed encoding, not a parameter; it is sliced to the sequence length and added
as a constant, the layer owns 0 weights by design, and the Dense before it still gets its gradient
through the addition.

Porting edits: `tf.keras.layers` -> `keras.layers` (the NumPy code is unchanged); `num_hiddens` 32 -> 8,
`max_len` 1000 -> 20. `call(self, X, training)` has no default for `training`, so (as in the book) the
layer is called with `training=` passed on: `build_model()` returns a small `TinyEncoder` standing in
for the chapter's TransformerEncoder (a Dense "embedding" scaled by sqrt(num_hiddens), then
`self.pos_encoding(..., training=training)`) and a batch of 2 sequences of 6 x 4.
"""

SOURCE = "https://github.com/biswajitsahoo1111/D2L_Attention_Mechanisms_in_TF/blob/3565c9d55ef553b83a736ef47d1186763c761cd6/saved_class_PositionalEncoding.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okk_d2l_tf_positional_encoding_numpy_table_in_init.py:
as returned: TinyEncoder, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'PositionalEncoding:positional_encoding'] (subclassed, nothing built before its first call)
after call: count_params() = 40, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_encoding': 0}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine24/k/probe_d2l.py): pe.P stays a float64 ndarray, the layer owns 0 weights; with
a zero input the output equals P[:, :6, :] (the table is added as a constant, result float32);
fit(epochs=2) changes both Dense weights."""

import numpy as np
import keras


class PositionalEncoding(keras.layers.Layer):
    def __init__(self, num_hiddens, dropout, max_len = 1000):
        super().__init__()
        self.dropout = keras.layers.Dropout(dropout)
        # Create a long enough `P`
        self.P = np.zeros((1, max_len, num_hiddens))
        X = np.arange(max_len, dtype = np.float32).reshape(
            -1,1)/np.power(10000, np.arange(0, num_hiddens, 2, dtype = np.float32) / num_hiddens)
        self.P[:, :, 0::2] = np.sin(X)
        self.P[:, :, 1::2] = np.cos(X)

    def call(self, X, training):
        X = X + self.P[:, :X.shape[1], :]
        return self.dropout(X, training = training)


class TinyEncoder(keras.Model):
    """Stands in for the chapter's TransformerEncoder: embeds, then `self.pos_encoding(..., **kwargs)`."""

    def __init__(self, num_hiddens, dropout, **kwargs):
        super().__init__(**kwargs)
        self.num_hiddens = num_hiddens
        self.embedding = keras.layers.Dense(num_hiddens)
        self.pos_encoding = PositionalEncoding(num_hiddens, dropout, max_len=20)

    def call(self, X, training=None):
        return self.pos_encoding(self.embedding(X) * np.sqrt(float(self.num_hiddens)), training=training)


def build_model():
    X = np.random.default_rng(0).random((2, 6, 4)).astype("float32")
    return TinyEncoder(8, 0.1), X
