"""T2T-ViT's TokenPerformer makes its random-feature matrix with `add_weight` and then rebinds `self.w = self.w * sqrt(m)`: the call uses a constant.

From xudoong/EdgeVisionTransformer (`modeling/layers/transformer_encoder.py`, `TokenPerformer(tf.keras.Model)`,
the T2T module's Performer attention, ported from the PyTorch T2T-ViT where `self.w` is an
`nn.Parameter(..., requires_grad=False)` multiplied by sqrt(m) once). In `__init__` the author writes
`self.w = self.add_weight('w', shape=[m, hidden], initializer=Orthogonal(), trainable=False)` and on the next line
`self.w = self.w * math.sqrt(self.m)`, so the attribute the call's `prm_exp` reads is a plain tensor derived from the
variable (LD010): the Keras variable stays in the layer's weights and is what `save_weights`/`load_weights`
restore, but `prm_exp` uses the tensor computed at construction, so loading weights into a fresh model leaves
its random features at that model's own fresh random draw (the saved ones are never used).

Porting edits: `tf.keras` is `keras`; `self.add_weight('w', shape=...)` passes the name by keyword (Keras 3's
first positional argument is `shape`); the repo's FeedForward (Dense(gelu) + Dense in a Sequential, from `ffn.py`) is copied into the file with `tf.nn.gelu`.
The rest is the author's. `build_model()` builds `TokenPerformer(head_size=16, num_heads=4)` (hidden 64, m = 32)
and returns it with a (2, 10, 64) input.
"""

SOURCE = "https://github.com/xudoong/EdgeVisionTransformer/blob/677b01e71abb001a9663e2821b79b8be6d469f19/modeling/layers/transformer_encoder.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bd_edgevit_tokenperformer_random_feature_weight_rescaled_into_tensor_in_init.py:
as returned: TokenPerformer, count_params() raised ValueError (not built yet), 1 weights (the 'w' variable), sublayers unbuilt
after call: count_params() = 27264, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []  (w is non-trainable by design)
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_bd_tokenperformer.py): type(model.w) is EagerTensor while non_trainable_weights == ['token_performer/w'];
model A save_weights -> fresh model B load_weights: all get_weights() equal (True), yet max |A(x) - B(x)| = 2.25:
the call reads the construction-time tensor, not the saved/loaded variable."""

import math

import numpy as np
import tensorflow as tf
import keras


class FeedForward(keras.Model):
    def __init__(self, dim, hidden_dim):
        super().__init__()
        self.net = keras.Sequential([keras.layers.Dense(hidden_dim, activation=tf.nn.gelu),
                                     keras.layers.Dense(dim)])

    def call(self, x):
        return self.net(x)


class TokenPerformer(keras.Model):
    '''
    T2T-Module performer for T2T-ViT
    '''
    def __init__(self, head_size, num_heads, kernel_ratio=0.5, dp1=0.1, dp2=0.1):
        super().__init__()
        self.hidden_size = head_size * num_heads
        self.kqv = keras.layers.Dense(self.hidden_size * 3)
        self.dp = keras.layers.Dropout(dp1)
        self.attn_output = keras.layers.Dense(self.hidden_size)
        self.num_heads = num_heads
        self.norm1 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.norm2 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.epsilon = 1e-8  # for stable in division

        self.mlp = keras.Sequential([
            FeedForward(self.hidden_size, self.hidden_size),
            keras.layers.Dropout(dp2)
        ])

        self.m = int(self.hidden_size * kernel_ratio)
        self.w = self.add_weight(name='w',
                                 shape=[self.m, self.hidden_size],
                                 initializer=keras.initializers.Orthogonal(),
                                 dtype=tf.float32,
                                 trainable=False)
        self.w = self.w * math.sqrt(self.m)

    def prm_exp(self, x):
        xd = tf.math.reduce_sum(x * x, axis=-1, keepdims=True)
        broadcast_shape = tf.where([True, True, False], tf.shape(xd), [0, 0, self.m])
        xd = tf.broadcast_to(xd, broadcast_shape) / 2
        wtd = tf.einsum('bti,mi->btm', tf.convert_to_tensor(x, dtype=tf.float32), self.w)

        return tf.exp(wtd - xd) / math.sqrt(self.m)

    def single_attn(self, x):
        k, q, v = tf.split(self.kqv(x), 3, axis=-1)
        kp, qp = self.prm_exp(k), self.prm_exp(q)  # (B, T, m), (B, T, m)
        D = tf.einsum('bti,bi->bt', qp, tf.math.reduce_sum(kp, axis=1))
        D = tf.expand_dims(D, axis=2)
        kptv = tf.einsum('bin,bim->bnm', tf.convert_to_tensor(v, dtype=tf.float32), kp)
        broadcast_shape = tf.where([True, True, False], tf.shape(D), [0, 0, self.hidden_size])
        y = tf.einsum('bti,bni->btn', qp, kptv) / (tf.broadcast_to(D, broadcast_shape) + self.epsilon)

        # skip connection
        y = v + self.dp(self.attn_output(y))
        return y

    def call(self, x):
        x = self.norm1(x)
        x = self.single_attn(x)
        x = x + self.mlp(self.norm2(x))

        return x


def build_model():
    model = TokenPerformer(head_size=16, num_heads=4)
    inputs = np.random.default_rng(0).random((2, 10, 64)).astype("float32")
    return model, inputs
