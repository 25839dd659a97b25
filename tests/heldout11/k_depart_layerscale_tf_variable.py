"""DeParT (DeiT-III style particle transformer): LayerScale keeps its gamma in a tf.Variable made in __init__.

JIDENN's DeParT model adds LayerScale and stochastic depth to each self-attention block. `LayerScale`
creates `self.gamma = tf.Variable(init_values * tf.ones((dim,)))` in `__init__`; on tf.keras 2 that
variable was tracked, but on Keras 3 a raw `tf.Variable` is not a Keras weight: both LayerScale
layers of every block report 0 parameters, the scales stay at their initial value under fit(), and
they are not saved. The variables are still read in call(), so the tape watches them.
Ported: the two Dropout calls pass `training=` by keyword (Keras 3 rejects it positionally).
"""

SOURCE = "https://github.com/jansam123/JIDENN/blob/main/jidenn/models/DeParT.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py k_depart_layerscale_tf_variable.py:
as returned: DeParT, count_params() = 4646, 40 weights, unbuilt: none
after call: count_params() = 4646, 40 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 40 trainable weights: []
tape watched 4 variables the model does not track: ['Variable:0', 'Variable:0', 'Variable:0', 'Variable:0']
params of the case's own layers: {'self_attention_block': 2242, 'stochastic_depth_1': 0, 'layer_scale_1': 0, 'ffn': 1050, 'stochastic_depth': 0, 'layer_scale': 0, 'talking_multihead_self_attention': 1128, 'self_attention_block_1': 2242, 'stochastic_depth_3': 0, 'layer_scale_3': 0, 'ffn_1': 1050, 'stochastic_depth_2': 0, 'layer_scale_2': 0, 'talking_multihead_self_attention_1': 1128}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from typing import Callable, Optional


class FFN(tf.keras.layers.Layer):
    """Gated feed-forward network with a layer norm between the two dense layers."""

    def __init__(self, dim: int, expansion: int, activation: Callable[[tf.Tensor], tf.Tensor],
                 dropout: Optional[float] = None):
        super().__init__()
        self.dim, self.expansion, self.activation, self.dropout = dim, expansion, activation, dropout
        self.wide_dense = tf.keras.layers.Dense(int(dim * expansion * 2 / 3), activation=activation, use_bias=False)
        self.gate_dense = tf.keras.layers.Dense(int(dim * expansion * 2 / 3), activation=None, use_bias=False)
        self.dense = tf.keras.layers.Dense(dim, activation=None, use_bias=False)
        self.ln = tf.keras.layers.LayerNormalization()
        self.layer_dropout = tf.keras.layers.Dropout(dropout)

    def get_config(self):
        config = super().get_config()
        config.update({"dim": self.dim, "expansion": self.expansion, "activation": self.activation,
                       "dropout": self.dropout})
        return config

    def call(self, inputs):
        output = self.wide_dense(inputs) * self.gate_dense(inputs)
        output = self.ln(output)
        output = self.dense(output)
        output = self.layer_dropout(output)
        return output


class LayerScale(tf.keras.layers.Layer):
    """Scales the residual branch by a learnable per-channel vector initialised to a small value."""

    def __init__(self, init_values: float, dim: int, ):
        super().__init__()
        self.gamma = tf.Variable(init_values * tf.ones((dim,)))

    def call(self, x: tf.Tensor, training=False) -> tf.Tensor:
        return x * self.gamma


class StochasticDepth(tf.keras.layers.Layer):
    """Randomly drops the whole residual branch during training."""

    def __init__(self, drop_prob: float):
        super().__init__()
        self.drop_prob = drop_prob

    def call(self, x: tf.Tensor, training=False) -> tf.Tensor:
        if training:
            keep_prob = 1 - self.drop_prob
            shape = (tf.shape(x)[0],) + (1,) * (len(x.shape) - 1)
            random_tensor = keep_prob + tf.random.uniform(shape, 0, 1)
            random_tensor = tf.floor(random_tensor)
            return (x / keep_prob) * random_tensor
        return x


class TalkingMultiheadSelfAttention(tf.keras.layers.Layer):
    """Multi-head self-attention with talking heads (a Dense mixing the heads before and after softmax)."""

    def __init__(self, dim: int, heads: int, dropout: Optional[float] = None):
        super().__init__()
        self.dim, self.heads = dim, heads
        self.linear_qkv = tf.keras.layers.Dense(dim * 3)
        self.linear_out = tf.keras.layers.Dense(dim)
        self.linear_talking_1 = tf.keras.layers.Dense(heads)
        self.linear_talking_2 = tf.keras.layers.Dense(heads)
        self.dropout = tf.keras.layers.Dropout(dropout)
        self.attn_drop = tf.keras.layers.Dropout(dropout)

    def get_config(self):
        config = super(TalkingMultiheadSelfAttention, self).get_config()
        config.update({"dim": self.dim, "heads": self.heads})
        return config

    def call(self, inputs: tf.Tensor, mask: tf.Tensor, training: bool = False) -> tf.Tensor:
        B, N, C = tf.shape(inputs)[0], tf.shape(inputs)[1], self.dim
        qkv = self.linear_qkv(inputs)
        qkv = tf.reshape(qkv, [B, N, 3, self.heads, C // self.heads])
        qkv = tf.transpose(qkv, [2, 0, 3, 1, 4])
        q, k, v = qkv[0], qkv[1], qkv[2]
        attention_weights = tf.linalg.matmul(q, k, transpose_b=True) / ((C // self.heads) ** 0.5)
        attention_weights = self.linear_talking_1(tf.transpose(attention_weights, [0, 2, 3, 1]))
        attention_weights = tf.transpose(attention_weights, [0, 3, 1, 2])
        attention = tf.keras.layers.Softmax()(attention_weights, mask=mask)
        attention = self.linear_talking_2(tf.transpose(attention, [0, 2, 3, 1]))
        attention = tf.transpose(attention, [0, 3, 1, 2])
        attention = self.attn_drop(attention, training=training)
        output = tf.linalg.matmul(attention, v)
        output = tf.transpose(output, [0, 2, 1, 3])
        output = tf.reshape(output, [B, N, C])
        output = self.linear_out(output)
        output = self.dropout(output, training=training)
        return output


class SelfAttentionBlock(tf.keras.layers.Layer):
    """Talking-heads self-attention + gated FFN, each with layer scale and stochastic depth."""

    def __init__(self, dim: int, heads: int, stoch_drop_prob: float, layer_scale_init_value: float,
                 activation: Callable[[tf.Tensor], tf.Tensor], expansion: int, dropout: Optional[float] = None):
        super().__init__()
        self.dim, self.heads, self.dropout = dim, heads, dropout
        self.stoch_drop_prob, self.layer_scale_init_value = stoch_drop_prob, layer_scale_init_value
        self.activation, self.expansion = activation, expansion

        self.pre_mhsa_ln = tf.keras.layers.LayerNormalization()
        self.mhsa = TalkingMultiheadSelfAttention(dim, heads, dropout)
        self.post_mhsa_scale = LayerScale(layer_scale_init_value, dim)
        self.post_mhsa_stoch_depth = StochasticDepth(drop_prob=stoch_drop_prob)

        self.pre_ffn_ln = tf.keras.layers.LayerNormalization()
        self.ffn = FFN(dim, expansion, activation, dropout)
        self.post_ffn_scale = LayerScale(layer_scale_init_value, dim)
        self.post_ffn_stoch_depth = StochasticDepth(drop_prob=stoch_drop_prob)

    def call(self, inputs: tf.Tensor, mask: tf.Tensor) -> tf.Tensor:
        attented = self.pre_mhsa_ln(inputs)
        attented = self.mhsa(attented, mask)
        attented = self.post_mhsa_scale(attented)
        attented = self.post_mhsa_stoch_depth(attented)
        attented = attented + inputs

        ffned = self.pre_ffn_ln(attented)
        ffned = self.ffn(ffned)
        ffned = self.post_ffn_scale(ffned)
        ffned = self.post_ffn_stoch_depth(ffned)
        return ffned + attented


class DeParT(tf.keras.Model):
    """Small DeParT: embedding, a stack of self-attention blocks, mean pooling, classifier head."""

    def __init__(self, dim=16, heads=4, layers=2, expansion=2, layer_scale_init_value=1e-5,
                 stoch_drop_prob=0.0, num_classes=2, **kwargs):
        super().__init__(**kwargs)
        self.embedding = tf.keras.layers.Dense(dim, activation="gelu")
        self.sa_layers = [SelfAttentionBlock(dim, heads, stoch_drop_prob * i / max(layers - 1, 1),
                                             layer_scale_init_value, tf.nn.gelu, expansion, 0.0)
                          for i in range(layers)]
        self.norm = tf.keras.layers.LayerNormalization()
        self.head = tf.keras.layers.Dense(num_classes)

    def call(self, inputs, training=False):
        n = tf.shape(inputs)[1]
        mask = tf.ones((tf.shape(inputs)[0], 1, n, n), dtype=tf.bool)
        x = self.embedding(inputs)
        for layer in self.sa_layers:
            x = layer(x, mask)
        x = self.norm(x)
        return self.head(tf.reduce_mean(x, axis=1))


def build_model():
    import numpy as np
    model = DeParT()
    x = np.random.default_rng(0).random((2, 6, 5)).astype("float32")
    model(x)
    return model, x
