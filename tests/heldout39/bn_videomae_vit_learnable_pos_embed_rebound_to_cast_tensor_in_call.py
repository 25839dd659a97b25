"""VideoMAE's TF `TFVisionTransformer` (fine-tune model) with `use_learnable_pos_emb=True` makes `self.pos_embed` with `add_weight` and then, in `forward_features()` (run by `call()`), rebinds `self.pos_embed = tf.cast(self.pos_embed, dtype=...)`: the variable attribute is overwritten by a tensor derived from it, so from the second call on the position embedding is a stale constant that gets no gradient.

From innat/VideoMAE (TensorFlow 2 port of VideoMAE, `videomae/videomae_finetune.py`, with `TFBlock`,
`TFAttention`, `TFMlp`, `TFDropPath`, `TFPatchEmbed` and the sinusoid table from the same package). With the default
`use_learnable_pos_emb=False`, `pos_embed` is a fixed sinusoid table and the rebinding is a harmless dtype round trip;
the learnable branch is an option of the constructor (the Pretrain encoder has the same lines). The cast-and-restore
was meant for mixed precision. On Keras 3 the Variable stays in `weights` (counted, saved) but the attribute now holds
an EagerTensor (or, under `fit`'s tf.function, a graph tensor that leaks out of the trace).

Porting edits: `self.add_weight("pos_embed", shape=..., ...)` becomes `self.add_weight(name="pos_embed", ...)`
(Keras 3's first positional argument is `shape`; without this the learnable branch fails before the bug);
`keras.backend.get_uid` / `keras.backend.random_bernoulli` untouched (not reached: drop_path 0). build_model() uses
a tiny config (4 frames of 32x32x3, patch 16, tubelet 2, embed 32, depth 1, 2 heads, 5 classes) and calls the model
once on zeros, as the README's examples do before loading weights.
"""

SOURCE = "https://github.com/innat/VideoMAE/blob/0f12db59610e4ba33d96f2bea3fc5404357f5336/videomae/videomae_finetune.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/bn_videomae_vit_learnable_pos_embed_rebound_to_cast_tensor_in_call.py:
as returned: TFVisionTransformer, count_params() = 58181, 20 weights, unbuilt: none
after call: count_params() = 58181, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 20 trainable weights: ['TFVideoMAE_tiny_FT/pos_embed']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patch_embed': 49184, 'TFBlock1': 8512, 'tf_mlp': 4192, 'TFAttention1': 4192}
second call: 0 variables watched that the first call did not use
probe (probe_videomae.py): after build_model()'s first call `model.pos_embed` is an EagerTensor while the
variable TFVideoMAE_tiny_FT/pos_embed stays in trainable_weights; its gradient on a later call is None; fit (2
epochs, adam, mse) warns "Gradients do not exist for variables ['TFVideoMAE_tiny_FT/pos_embed']" and leaves the
variable unchanged; no exception."""

from functools import partial

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.initializers import Constant, TruncatedNormal, Zeros


def get_sinusoid_encoding_table_tf(n_position, d_hid):
    """Sinusoid position encoding table"""

    def get_position_angle_vec(position):
        return [
            position / np.power(10000, 2 * (hid_j // 2) / d_hid)
            for hid_j in range(d_hid)
        ]

    sinusoid_table = np.array(
        [get_position_angle_vec(pos_i) for pos_i in range(n_position)]
    )
    sinusoid_table[:, 0::2] = np.sin(sinusoid_table[:, 0::2])  # dim 2i
    sinusoid_table[:, 1::2] = np.cos(sinusoid_table[:, 1::2])  # dim 2i+1

    return tf.convert_to_tensor(sinusoid_table, dtype=tf.float32)[None, ...]


class TFDropPath(layers.Layer):
    def __init__(self, rate=0.5, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.seed = seed

    def call(self, x, training=None):
        if self.rate == 0.0 or not training:
            return x
        else:
            keep_prob = 1 - self.rate
            drop_map_shape = (tf.shape(x)[0],) + (1,) * (len(x.shape) - 1)
            drop_map = keras.backend.random_bernoulli(
                drop_map_shape, p=keep_prob, seed=self.seed, dtype=x.dtype
            )
            x = x / keep_prob
            x = x * drop_map
            return x


class TFMlp(layers.Layer):
    def __init__(self, in_features, hidden_features=None, out_features=None, drop=0.0,
                 act_layer=layers.Activation(tf.nn.gelu), **kwargs):
        super().__init__(**kwargs)
        out_features = out_features or in_features
        hidden_features = hidden_features or in_features
        self.fc1 = layers.Dense(hidden_features)
        self.fc2 = layers.Dense(out_features)
        self.act = act_layer
        self.drop = layers.Dropout(drop)

    def call(self, x):
        x = self.fc1(x)
        x = self.act(x)
        x = self.fc2(x)
        x = self.drop(x)
        return x


class TFAttention(keras.Model):
    def __init__(self, dim, num_heads=8, qkv_bias=False, qk_scale=None, attn_drop=0.0, proj_drop=0.0,
                 input_size=(4, 14, 14), attn_head_dim=None, **kwargs):
        super().__init__(**kwargs)
        assert dim % num_heads == 0, "dim should be divisible by num_heads"
        head_dim = dim // num_heads
        if attn_head_dim is not None:
            head_dim = attn_head_dim
        self.num_heads = num_heads
        all_head_dim = head_dim * self.num_heads
        self.scale = qk_scale or head_dim**-0.5
        self.qkv = layers.Dense(all_head_dim * 3, use_bias=False)
        self.attn_drop = layers.Dropout(attn_drop)
        self.proj = layers.Dense(dim)
        self.proj_drop = layers.Dropout(proj_drop)
        self.input_size = input_size
        if qkv_bias:
            uid = keras.backend.get_uid(prefix="q_bias")
            self.q_bias = self.add_weight(name=f"q_bias_id{uid}", shape=(all_head_dim,), initializer=Zeros(),
                                          trainable=True)
            uid = keras.backend.get_uid(prefix="v_bias")
            self.v_bias = self.add_weight(name=f"v_bias_id{uid}", shape=(all_head_dim,), initializer=Zeros(),
                                          trainable=True)
        else:
            self.q_bias = None
            self.v_bias = None

    def call(self, x):
        B, N, C = tf.unstack(tf.shape(x))
        qkv_bias = None
        if self.q_bias is not None:
            zeros_v_bias = tf.zeros_like(self.v_bias)
            q_bias = tf.cast(self.q_bias, dtype=zeros_v_bias.dtype)
            v_bias = tf.cast(self.v_bias, dtype=q_bias.dtype)
            qkv_bias = tf.concat([q_bias, zeros_v_bias, v_bias], axis=0)
        qkv = self.qkv(x)
        if qkv_bias is not None:
            qkv = qkv + tf.cast(qkv_bias, qkv.dtype)
        qkv = tf.reshape(qkv, [B, N, 3, self.num_heads, C // self.num_heads])
        qkv = tf.transpose(qkv, [2, 0, 3, 1, 4])
        q, k, v = qkv[0], qkv[1], qkv[2]
        q = q * self.scale
        attn = tf.matmul(q, k, transpose_b=True)
        attn = tf.nn.softmax(attn, axis=-1)
        attn = self.attn_drop(attn)
        x = tf.matmul(attn, v)
        x = tf.transpose(x, perm=[0, 2, 1, 3])
        x = tf.reshape(x, [B, N, -1])
        x = self.proj(x)
        x = self.proj_drop(x)
        return x


class TFPatchEmbed(keras.Model):
    def __init__(self, input_size=224, patch_size=16, embed_dim=768, num_frames=16, tubelet_size=2, **kwargs):
        super().__init__(**kwargs)
        self.patch_size = (patch_size,) * 2
        self.img_size = (input_size,) * 2
        assert self.img_size[1] % self.patch_size[1] == 0
        assert self.img_size[0] % self.patch_size[0] == 0
        self.num_patches = (
            (self.img_size[1] // self.patch_size[1])
            * (self.img_size[0] // self.patch_size[0])
            * (num_frames // tubelet_size)
        )
        kernel_size = [tubelet_size] + list(self.patch_size)
        self.proj = keras.layers.Conv3D(embed_dim, kernel_size, strides=kernel_size, padding="valid",
                                        name="patch_embed_proj")

    def call(self, x):
        x = self.proj(x)
        new_shape = tf.concat([tf.shape(x)[:1], [-1], tf.shape(x)[-1:]], axis=0)
        x = tf.reshape(x, new_shape)
        return x


class TFBlock(keras.Model):
    def __init__(self, dim, num_heads, mlp_ratio=4.0, qkv_bias=False, qk_scale=None, drop=0.0, attn_drop=0.0,
                 drop_path=0.0, act_layer=layers.Activation(tf.nn.gelu), norm_layer=layers.LayerNormalization,
                 attn_func=TFAttention, attn_head_dim=None, init_values=None, **kwargs):
        super().__init__(**kwargs)
        self.norm1 = norm_layer(axis=-1)
        self.attn = attn_func(dim, num_heads=num_heads, qkv_bias=qkv_bias, qk_scale=qk_scale,
                              attn_drop=attn_drop, proj_drop=drop, attn_head_dim=attn_head_dim)
        self.drop_path = TFDropPath(drop_path) if drop_path > 0.0 else layers.Identity()
        self.norm2 = norm_layer(axis=-1)
        mlp_hidden_dim = int(dim * mlp_ratio)
        self.mlp = TFMlp(in_features=dim, hidden_features=mlp_hidden_dim, act_layer=act_layer, drop=drop)
        if init_values > 0:
            uid = keras.backend.get_uid(prefix="gamma_1")
            self.gamma_1 = self.add_weight(shape=(dim,), initializer=Constant(value=init_values), trainable=True,
                                           name=f"gamma_1{uid}")
            uid = keras.backend.get_uid(prefix="gamma_2")
            self.gamma_2 = self.add_weight(shape=(dim,), initializer=Constant(value=init_values), trainable=True,
                                           name=f"gamma_2{uid}")
        else:
            self.gamma_1, self.gamma_2 = None, None

    def call(self, x, training=None):
        if self.gamma_1 is None:
            x = x + self.drop_path(self.attn(self.norm1(x)), training=training)
            x = x + self.drop_path(self.mlp(self.norm2(x)), training=training)
        else:
            x = x + self.drop_path(self.gamma_1 * self.attn(self.norm1(x)), training=training)
            x = x + self.drop_path(self.gamma_2 * self.mlp(self.norm2(x)), training=training)
        return x


class TFVisionTransformer(keras.Model):
    def __init__(
        self,
        img_size=224,
        patch_size=16,
        num_classes=1000,
        embed_dim=768,
        depth=12,
        num_heads=12,
        mlp_ratio=4.0,
        qkv_bias=False,
        qk_scale=None,
        fc_drop_rate=0.0,
        drop_rate=0.0,
        attn_drop_rate=0.0,
        drop_path_rate=0.0,
        norm_layer=partial(layers.LayerNormalization, epsilon=1e-6),
        init_values=0.0,
        use_learnable_pos_emb=False,
        all_frames=16,
        tubelet_size=2,
        use_mean_pooling=True,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.num_classes = num_classes
        self.num_features = self.embed_dim = embed_dim
        self.tubelet_size = tubelet_size
        self.patch_embed = TFPatchEmbed(
            input_size=img_size,
            patch_size=patch_size,
            embed_dim=embed_dim,
            num_frames=all_frames,
            tubelet_size=self.tubelet_size,
            name="patch_embed",
        )
        num_patches = self.patch_embed.num_patches

        if use_learnable_pos_emb:
            self.pos_embed = self.add_weight(
                name="pos_embed",
                shape=(1, num_patches, embed_dim),
                initializer=TruncatedNormal(stddev=0.02),
                trainable=True,
            )
        else:
            self.pos_embed = get_sinusoid_encoding_table_tf(num_patches, embed_dim)

        self.pos_drop = layers.Dropout(drop_rate, name="pos_drop")
        dpr = tf.linspace(0.0, drop_path_rate, depth).numpy().tolist()
        self.blocks = [
            TFBlock(
                dim=embed_dim,
                num_heads=num_heads,
                mlp_ratio=mlp_ratio,
                qkv_bias=qkv_bias,
                qk_scale=qk_scale,
                drop=drop_rate,
                attn_drop=attn_drop_rate,
                drop_path=dpr[i],
                act_layer=layers.Activation(tf.nn.gelu),
                norm_layer=norm_layer,
                attn_func=partial(TFAttention, name=f"TFAttention{i+1}"),
                init_values=init_values,
                name=f"TFBlock{i+1}",
            )
            for i in range(depth)
        ]

        self.norm = (
            layers.Identity(name="norm_identity")
            if use_mean_pooling
            else norm_layer(name="norm")
        )
        self.fc_norm = norm_layer(name="fc_norm") if use_mean_pooling else None
        self.fc_dropout = (
            layers.Dropout(fc_drop_rate, name="fc_dropout")
            if fc_drop_rate > 0
            else layers.Identity(name="fc_dropout_identity")
        )
        self.head = (
            layers.Dense(num_classes, kernel_initializer=TruncatedNormal(stddev=0.02), name="head")
            if num_classes > 0
            else layers.Identity(name="head_identity")
        )

    def forward_features(self, x):
        x = self.patch_embed(x)
        B = tf.shape(x)[0]

        if self.pos_embed is not None:
            pos_embed_dtype = self.pos_embed.dtype
            x += tf.tile(tf.cast(self.pos_embed, dtype=x.dtype), [B, 1, 1])
            self.pos_embed = tf.cast(self.pos_embed, dtype=pos_embed_dtype)

        x = self.pos_drop(x)
        for blk in self.blocks:
            x = blk(x)

        x = self.norm(x)
        if self.fc_norm is not None:
            x = tf.reduce_mean(x, axis=1)
            x = self.fc_norm(x)
        else:
            x = x[:, 0]

        return x

    def call(self, inputs):
        x = self.forward_features(inputs)
        x = self.head(self.fc_dropout(x))
        return x

    def build(self, input_shape):
        super().build(input_shape)
        self.build_shape = input_shape[1:]


def build_model():
    model = TFVisionTransformer(img_size=32, patch_size=16, num_classes=5, embed_dim=32, depth=1, num_heads=2,
                                mlp_ratio=2, qkv_bias=True, use_learnable_pos_emb=True, all_frames=4,
                                tubelet_size=2, name="TFVideoMAE_tiny_FT")
    inputs = np.zeros((2, 4, 32, 32, 3), dtype="float32")
    model(inputs)
    return model, inputs
