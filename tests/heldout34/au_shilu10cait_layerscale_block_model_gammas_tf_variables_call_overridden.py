"""A TF2 CaiT port writes its transformer block as a `keras.Model` that overrides `__call__` (not
`call`) and keeps the two LayerScale vectors `gamma_1`/`gamma_2` as `tf.Variable`s: on Keras 3 the block
tracks its attention and MLP weights but not the gammas, which are never trained or saved.

From shilu10/CaiT-TF2 (`cait/blocks/layerscale.py` at the commit cited; `Attention_Talking_Head` from
`cait/layers/attn_talking_head.py`, `MLP` from `layers/mlp.py`). `LayerScale_Block(keras.Model)` makes
`norm1`, the talking-heads attention, an optional `DropPath`, `norm2` and the MLP in `__init__`, then
`self.gamma_1 = tf.Variable(init_values * tf.ones((dim,)), name="gamma_1")` and the same for `gamma_2`;
its `__call__(self, x)` runs the pre-norm attention branch scaled by `gamma_1`, adds the residual with
a fresh `layers.Add()` made on every call, runs the MLP branch scaled by `gamma_2` and adds again.
Because `__call__` itself is overridden, Keras's layer machinery (build, call context, training flag)
is bypassed, but the sublayers assigned in `__init__` are still tracked; the two `tf.Variable`s are not
(Keras 3 does not track backend variables; tf.keras 2 did), so the 2 x 192 LayerScale factors stay at
`init_values` forever. The `Add()` layers made per call are weightless.

Porting edits (Keras 3 only): `Dense(..., name=f'mlp/fc1')`/`'mlp/fc2'` -> `'mlp_fc1'`/`'mlp_fc2'`
(Keras 3 rejects '/' in names); `Attention_Talking_Head.call(self, x, training)` -> `training=None`
(Keras 3 binds the signature before filling `training` and raises "missing a required argument:
'training'" when the block calls `self.attn(x1)`, measured); in `Attention_Talking_Head.call`, `self.attn_drop(attn, training)` and
`self.proj_drop(x, training)` -> `training=training`; the `sys.path.append` and module imports are
replaced by the three classes in one file; `DropPath` is not needed (`drop_path=0.` leaves it None).
`build_model()` returns one block as CaiT-XXS uses it (dim 192, 4 heads, mlp_ratio 4, init_values
1e-5, the repository's CaiT-XXS config) and a batch of 2 x 196 patch tokens, called eagerly.
"""

SOURCE = "https://github.com/shilu10/CaiT-TF2/blob/3d5252dcd365b55a509a5636f19bf468946a9134/cait/blocks/layerscale.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/au_shilu10cait_layerscale_block_model_gammas_tf_variables_call_overridden.py:
as returned: LayerScale_Block, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['LayerNormalization:layer_normalization', 'Attention_Talking_Head:attention__talking__head', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense', 'LayerNormalization:layer_normalization_1', 'MLP:mlp', 'Dense:mlp_fc2', 'Dense:mlp_fc1']
call 1 raised TypeError: LayerScale_Block.__call__() got an unexpected keyword argument 'training'
(the harness calls with training=True; the overridden __call__ takes only x, so the probe calls block(x) as the repository does)
probe (probe_shilu.py), after block(x) on (2, 196, 192): block.built stays False (count_params() still raises); 16 tracked weights,
all trainable, 444904 values (norms, qkv/proj/proj_l/proj_w, MLP); gamma_1 and gamma_2 are not among them; the tape does give
them gradients, but an Adam step over block.trainable_weights (what fit would apply) leaves gamma_1 unchanged."""

import numpy as np
import tensorflow as tf 
from tensorflow import keras
from tensorflow.keras.layers import LayerNormalization, Dense, Conv2D, Dropout, Add, add
from tensorflow.keras import layers 


class MLP(tf.keras.layers.Layer):
    def __init__(self, in_features, hidden_features=None, out_features=None, drop=0.):
        super(MLP, self).__init__()
        out_features = out_features or in_features
        hidden_features = hidden_features or in_features
        self.fc1 = Dense(hidden_features, name=f'mlp_fc1', bias_initializer=keras.initializers.RandomNormal(stddev=1e-6))
        self.fc2 = Dense(out_features, name=f'mlp_fc2', bias_initializer=keras.initializers.RandomNormal(stddev=1e-6))
        self.drop = Dropout(drop)

    def call(self, x):
        x = self.fc1(x)
        x = tf.keras.activations.gelu(x)
        x = self.drop(x)
        x = self.fc2(x)
        x = self.drop(x)
        return x


class Attention_Talking_Head(keras.layers.Layer):
    def __init__(self,
                 dim,
                 num_heads=8,
                 qkv_bias=False,
                 qk_scale=None,
                 attn_drop=0.,
                 proj_drop=0.
            ):
        super(Attention_Talking_Head, self).__init__()
        self.num_heads = num_heads

        head_dim = dim // num_heads
        self.scale = head_dim ** -0.5

        self.qkv = Dense(dim*3, use_bias=qkv_bias)
        self.attn_drop = Dropout(rate=attn_drop)

        self.proj = Dense(dim)

        self.proj_l = Dense(num_heads)
        self.proj_w = Dense(num_heads)

        self.proj_drop = Dropout(rate=proj_drop)

    def call(self, x, training=None):
        B, N, C = tf.shape(x)[0], tf.shape(x)[1], tf.shape(x)[2]
        qkv = self.qkv(x)

        qkv = tf.reshape(qkv, (B, N, 3, self.num_heads, C // self.num_heads))
        qkv = tf.transpose(qkv, perm=[2, 0, 3, 1, 4])

        scale = tf.cast(self.scale, dtype=qkv.dtype)
        q, k, v = qkv[0] * scale , qkv[1], qkv[2]
        attn = tf.matmul(q, tf.transpose(k, perm=[0, 1, 3, 2]))
        attn = self.proj_l(tf.transpose(attn, perm=[0, 2, 3, 1]))

        attn = tf.transpose(attn, perm=[0, 3, 1, 2])
        attn = tf.nn.softmax(attn, axis=-1)

        attn = self.proj_w(tf.transpose(attn, perm=[0, 2, 3, 1]))
        attn = tf.transpose(attn, perm=[0, 3, 1, 2])
        attn = self.attn_drop(attn, training=training)

        x = tf.matmul(attn, v)
        x = tf.transpose(x, perm=[0, 2, 1, 3])
        x = tf.reshape(x, (B, N, C))

        x = self.proj(x)
        x = self.proj_drop(x, training=training)

        return x, attn


class LayerScale_Block(keras.Model):
    def __init__(self,
                 dim,
                 num_heads,
                 mlp_ratio=4,
                 qkv_bias=False,
                 qk_scale=None,
                 drop=0.,
                 attn_drop=0.,
                 drop_path=0.,
                 act_layer=tf.nn.gelu,
                 norm_layer=LayerNormalization,
                 Attention_block=Attention_Talking_Head,
                 MLP_Block=MLP,
                 init_values=1e-4,
                 layer_norm_eps=1e-6,
                 m_name="sa_layerscale",
                 **kwargs
            ):
        super(LayerScale_Block, self).__init__(**kwargs)
        self.norm1 = norm_layer(epsilon=layer_norm_eps)
        self.attn = Attention_block(
                                dim,
                                num_heads=num_heads,
                                qkv_bias=qkv_bias,
                                qk_scale=qk_scale,
                                attn_drop=attn_drop,
                                proj_drop=drop
                        )
        self.drop_path = DropPath(drop_path) if drop_path > 0. else None
        self.norm2 = norm_layer(epsilon=layer_norm_eps)
        mlp_hidden_dim = int(dim * mlp_ratio)
        self.mlp = MLP_Block(in_features=dim, hidden_features=mlp_hidden_dim, drop=drop)
        # layer scale
        self.gamma_1 = tf.Variable(init_values * tf.ones((dim,)), name="gamma_1")
        self.gamma_2 = tf.Variable(init_values * tf.ones((dim,)), name="gamma_2")

    def __call__(self, x):
        # transformer block with self attention
        x1 = self.norm1(x)
        attn_output, attn_score = self.attn(x1)
        attn_output = attn_output * self.gamma_1
        if self.drop_path:
            attn_output = self.drop_path(attn_output)
        x2 = layers.Add()([x, attn_output])

        # FFN(MLP)
        x3 = self.norm2(x2)
        x4 = self.mlp(x3)
        x4 = self.gamma_2 * x4
        if self.drop_path:
            x4 = self.drop_path(x4)

        outputs = Add()([x2, x4])

        return outputs, attn_score


def build_model():
    block = LayerScale_Block(dim=192, num_heads=4, mlp_ratio=4, qkv_bias=True, init_values=1e-5)
    tokens = np.random.default_rng(0).random((2, 196, 192)).astype("float32")
    return block, tokens
