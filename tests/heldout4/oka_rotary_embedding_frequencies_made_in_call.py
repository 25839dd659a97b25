"""Correct: a rotary position embedding builds its inverse frequencies and positions with `keras.ops` inside `call()`.

keras-hub's `RotaryEmbedding` has no weights: on every call it computes `inverse_freq` from
`ops.arange`/`ops.power`, the positions with `ops.arange(seq_len)`, and rotates the query/key
features with their cos/sin. Here a compact RoPE layer written the same way is applied to the
query and key projections of a small attention block. Tensors made with `ops.arange` and friends
inside `call()` look like weight-like state created in call, but they are deterministic
functions of the input shape, not parameters: every trainable weight is in the Dense projections.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/rotary_embedding.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_rotary_embedding_frequencies_made_in_call.py:
as returned: Functional, count_params() = 216, 6 weights, unbuilt: none
after call: count_params() = 216, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rope_attention': 216, 'rotary_embedding': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class RotaryEmbedding(layers.Layer):
    def __init__(self, max_wavelength=10000, **kwargs):
        super().__init__(**kwargs)
        self.max_wavelength = max_wavelength

    def call(self, inputs):
        rotary_dim = inputs.shape[-1]
        freq_range = ops.arange(0, rotary_dim, 2, dtype="float32") / rotary_dim
        inverse_freq = 1.0 / ops.power(float(self.max_wavelength), freq_range)
        positions = ops.arange(ops.shape(inputs)[1], dtype="float32")
        angles = ops.einsum("i,j->ij", positions, inverse_freq)
        embedding = ops.concatenate([angles, angles], axis=-1)[None, :, :]
        x1, x2 = ops.split(inputs, 2, axis=-1)
        rotated = ops.concatenate([-x2, x1], axis=-1)
        return inputs * ops.cos(embedding) + rotated * ops.sin(embedding)


class RopeAttention(layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.query = layers.Dense(dim)
        self.key = layers.Dense(dim)
        self.value = layers.Dense(dim)
        self.rope = RotaryEmbedding()

    def call(self, x):
        q = self.rope(self.query(x))
        k = self.rope(self.key(x))
        scores = ops.softmax(ops.einsum("bqd,bkd->bqk", q, k) / ops.sqrt(float(q.shape[-1])), axis=-1)
        return ops.einsum("bqk,bkd->bqd", scores, self.value(x))


def build_model():
    tokens = keras.Input(shape=(6, 8))
    attended = RopeAttention(8)(tokens)
    return keras.Model(tokens, layers.GlobalAveragePooling1D()(attended))
