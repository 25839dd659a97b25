"""keras-hub's Flux RMSNormalization creates its scale with add_weight in __init__ from a hand-passed input_dim.

`keras_hub.layers.RMSNormalization(input_dim)` (added for the Flux port, Keras 3) takes the feature
size as a constructor argument and creates `self.scale = self.add_weight(shape=(input_dim,))` in
`__init__` - the "input dimension passed in by hand" shape that breaks when the layer meets
another width. Flux's `QKNorm` uses two of them on the per-head query and key vectors, always
with `input_dim` equal to the head size, so on Keras 3 the scales exist from construction, are
tracked, counted and trained, and every call matches their shape. Written here as the Flux
attention block does it (QKNorm over `(batch, heads, tokens, head_dim)` tensors).
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/rms_normalization.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py okc_keras_hub_flux_rms_norm_scale_sized_by_input_dim_in_init.py:
as returned: SelfAttention, count_params() = 4144, 5 weights, unbuilt: none
after call: count_params() = 4144, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'qk_norm': 16, 'rms_normalization_1': 8, 'rms_normalization': 8}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class RMSNormalization(keras.layers.Layer):
    """Root Mean Square (RMS) Normalization layer with a learned scale."""

    def __init__(self, input_dim):
        super().__init__()
        self.scale = self.add_weight(name="scale", shape=(input_dim,), initializer="ones")

    def call(self, x):
        x = ops.cast(x, float)
        rrms = ops.rsqrt(ops.mean(ops.square(x), axis=-1, keepdims=True) + 1e-6)
        return (x * rrms) * self.scale


class QKNorm(keras.layers.Layer):
    def __init__(self, input_dim):
        super().__init__()
        self.query_norm = RMSNormalization(input_dim)
        self.key_norm = RMSNormalization(input_dim)

    def call(self, q, k):
        return self.query_norm(q), self.key_norm(k)


class SelfAttention(keras.Model):
    def __init__(self, dim, num_heads=4, qkv_bias=False):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = dim // num_heads
        self.qkv = layers.Dense(dim * 3, use_bias=qkv_bias)
        self.norm = QKNorm(self.head_dim)
        self.proj = layers.Dense(dim)

    def call(self, x):
        b, n = ops.shape(x)[0], ops.shape(x)[1]
        qkv = ops.reshape(self.qkv(x), (b, n, 3, self.num_heads, self.head_dim))
        qkv = ops.transpose(qkv, (2, 0, 3, 1, 4))
        q, k, v = qkv[0], qkv[1], qkv[2]
        q, k = self.norm(q, k)
        scores = ops.softmax(ops.matmul(q, ops.transpose(k, (0, 1, 3, 2))) / self.head_dim**0.5, axis=-1)
        out = ops.transpose(ops.matmul(scores, v), (0, 2, 1, 3))
        return self.proj(ops.reshape(out, (b, n, self.num_heads * self.head_dim)))


def build_model():
    model = SelfAttention(dim=32, num_heads=4)
    tokens = keras.random.normal((2, 6, 32), seed=0)
    model(tokens)
    return model, tokens
