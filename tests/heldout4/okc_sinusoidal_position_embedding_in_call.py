"""A Transformer's position embedding is computed from sin/cos in `call()` and has no weights.

The report asks whether the `Position_Embedding` layer of a Keras attention implementation gets
trained, since Keras weights are trainable by default; the author answers that it does not and is
not meant to: the encoding is a formula of position and size, only layers that call `add_weight`
have weights. The constant angle tensors built in `call()` look like state created in `call()`,
but they are not state. Rewritten with `keras.ops` in a functional text model.
"""

SOURCE = "https://github.com/bojone/attention/issues/1"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py okc_sinusoidal_position_embedding_in_call.py:
as returned: Functional, count_params() = 1634, 3 weights, unbuilt: none
after call: count_params() = 1634, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'position_embedding': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class PositionEmbedding(keras.layers.Layer):
    def __init__(self, size, mode="sum", **kwargs):
        super().__init__(**kwargs)
        self.size = size
        self.mode = mode

    def call(self, x):
        seq_len = ops.shape(x)[1]
        position_j = 1.0 / ops.power(10000.0, 2 * ops.arange(self.size // 2, dtype="float32") / self.size)
        position_i = ops.arange(seq_len, dtype="float32")
        angles = ops.expand_dims(position_i, 1) * ops.expand_dims(position_j, 0)
        encoding = ops.concatenate([ops.cos(angles), ops.sin(angles)], axis=-1)
        encoding = ops.expand_dims(encoding, 0)
        if self.mode == "sum":
            return x + encoding
        return ops.concatenate([x, ops.broadcast_to(encoding, ops.shape(x)[:2] + (self.size,))], axis=-1)


def build_model():
    tokens = keras.Input((12,), dtype="int32")
    embedded = keras.layers.Embedding(100, 16)(tokens)
    x = PositionEmbedding(16)(embedded)
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model(tokens, keras.layers.Dense(2, activation="softmax")(x))
