"""CaiT ported to Keras 3: LayerScale keeps its gamma in a `tf.Variable`, so every gamma is dropped.

The keras.io CaiT example (LayerScale, stochastic depth, talking-head attention, class attention)
was being upgraded to Keras 3 with the TF backend. The user switched the imports to `keras` /
`keras.ops` but kept `LayerScale` as written for tf.keras: `self.gamma = tf.Variable(...)` in
`__init__`. Keras 3 does not track a `tf.Variable` attribute: the per-block gammas are not in
`model.weights`, are not trained and are not saved, with no error. (The report itself is about the
"talking_head_attention looks like it has unbuilt state" error met in the same port.)
"""

SOURCE = "https://github.com/keras-team/keras/issues/18699"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py i_cait_layerscale_tf_variable.py:
as returned: Functional, count_params() = 32058, 38 weights, unbuilt: none
after call: count_params() = 32058, 38 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 38 trainable weights: []
tape watched 4 variables the model does not track: ['gamma:0', 'gamma:0', 'gamma:0', 'gamma:0']
params of the case's own layers: {'sa_ffn_block_0_attn': 4264, 'sa_ffn_block_0_ls1': 0, 'sa_ffn_block_0_ls2': 0, 'sa_ffn_block_1_attn': 4264, 'sa_ffn_block_1_ls1': 0, 'stochastic_depth': 0, 'sa_ffn_block_1_ls2': 0, 'stochastic_depth_1': 0}
second call: 0 variables watched that the first call did not use
Keras 3 + TF: the four LayerScale layers report 0 params each; their tf.Variable gammas (4 x 32 values) are watched by the tape but are not model weights, so fit() never updates them."""

import keras
import tensorflow as tf
from keras import layers, ops


class LayerScale(layers.Layer):
    """LayerScale as introduced in CaiT (per-channel learnable scaling)."""

    def __init__(self, init_values: float, projection_dim: int, **kwargs):
        super().__init__(**kwargs)
        self.init_values = init_values
        self.projection_dim = projection_dim
        self.gamma = tf.Variable(init_values * tf.ones((projection_dim,)), name="gamma")

    def call(self, x, training=False):
        return x * self.gamma

    def get_config(self):
        config = super().get_config()
        config.update({"init_values": self.init_values, "projection_dim": self.projection_dim})
        return config


class StochasticDepth(layers.Layer):
    def __init__(self, drop_prob: float, **kwargs):
        super().__init__(**kwargs)
        self.drop_prob = drop_prob
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, x, training=False):
        if training:
            keep_prob = 1 - self.drop_prob
            shape = (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)
            random_tensor = keep_prob + keras.random.uniform(shape, 0, 1, seed=self.seed_generator)
            random_tensor = ops.floor(random_tensor)
            return (x / keep_prob) * random_tensor
        return x


class TalkingHeadAttention(layers.Layer):
    """Talking-head attention: linear projections across heads before and after softmax."""

    def __init__(self, projection_dim: int, num_heads: int, dropout_rate: float, **kwargs):
        super().__init__(**kwargs)
        self.num_heads = num_heads
        head_dim = projection_dim // self.num_heads
        self.scale = head_dim**-0.5
        self.qkv = layers.Dense(projection_dim * 3)
        self.attn_drop = layers.Dropout(dropout_rate)
        self.proj = layers.Dense(projection_dim)
        self.proj_l = layers.Dense(self.num_heads)
        self.proj_w = layers.Dense(self.num_heads)
        self.proj_drop = layers.Dropout(dropout_rate)

    def call(self, x, training=False):
        B, N, C = ops.shape(x)[0], ops.shape(x)[1], ops.shape(x)[2]
        qkv = self.qkv(x)
        qkv = ops.reshape(qkv, (B, N, 3, self.num_heads, C // self.num_heads))
        qkv = ops.transpose(qkv, axes=[2, 0, 3, 1, 4])
        q, k, v = qkv[0] * self.scale, qkv[1], qkv[2]
        attn = ops.matmul(q, ops.transpose(k, axes=[0, 1, 3, 2]))
        attn = self.proj_l(ops.transpose(attn, axes=[0, 2, 3, 1]))
        attn = ops.transpose(attn, axes=[0, 3, 1, 2])
        attn = ops.softmax(attn, axis=-1)
        attn = self.proj_w(ops.transpose(attn, axes=[0, 2, 3, 1]))
        attn = ops.transpose(attn, axes=[0, 3, 1, 2])
        attn = self.attn_drop(attn, training=training)
        x = ops.matmul(attn, v)
        x = ops.transpose(x, axes=[0, 2, 1, 3])
        x = ops.reshape(x, (B, N, C))
        x = self.proj(x)
        return self.proj_drop(x, training=training), attn


def mlp(x, dropout_rate: float, hidden_units):
    for idx, units in enumerate(hidden_units):
        x = layers.Dense(units, activation=ops.gelu if idx == 0 else None)(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


def layer_scale_block(x, config, drop_prob, name):
    x1 = layers.LayerNormalization(epsilon=config["layer_norm_eps"])(x)
    attn_output, _ = TalkingHeadAttention(
        config["projection_dim"], config["num_heads"], config["dropout_rate"], name=f"{name}_attn"
    )(x1)
    attn_output = LayerScale(config["init_values"], config["projection_dim"], name=f"{name}_ls1")(attn_output)
    attn_output = StochasticDepth(drop_prob)(attn_output) if drop_prob else attn_output
    x2 = layers.Add()([x, attn_output])
    x3 = layers.LayerNormalization(epsilon=config["layer_norm_eps"])(x2)
    x4 = mlp(x3, config["dropout_rate"], config["mlp_units"])
    x4 = LayerScale(config["init_values"], config["projection_dim"], name=f"{name}_ls2")(x4)
    x4 = StochasticDepth(drop_prob)(x4) if drop_prob else x4
    return layers.Add()([x2, x4])


def get_config():
    return {
        "image_size": 32, "patch_size": 8, "projection_dim": 32, "num_heads": 4,
        "sa_ffn_layers": 2, "dropout_rate": 0.0, "drop_path_rate": 0.1,
        "init_values": 1e-5, "layer_norm_eps": 1e-6, "num_classes": 10,
    }


def build_model():
    config = get_config()
    config["mlp_units"] = [config["projection_dim"] * 4, config["projection_dim"]]
    num_patches = (config["image_size"] // config["patch_size"]) ** 2
    dpr = [config["drop_path_rate"] * i / config["sa_ffn_layers"] for i in range(config["sa_ffn_layers"])]

    inputs = keras.Input((config["image_size"], config["image_size"], 3))
    x = layers.Conv2D(config["projection_dim"], config["patch_size"], strides=config["patch_size"])(inputs)
    x = layers.Reshape((num_patches, config["projection_dim"]))(x)
    for i in range(config["sa_ffn_layers"]):
        x = layer_scale_block(x, config, dpr[i], name=f"sa_ffn_block_{i}")
    x = layers.LayerNormalization(epsilon=config["layer_norm_eps"])(x)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(config["num_classes"])(x)
    return keras.Model(inputs, outputs, name="cait_xxs")
