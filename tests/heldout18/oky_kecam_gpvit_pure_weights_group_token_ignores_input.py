"""kecam's GPViT `PureWeigths` layer: "Just return a weights with specific shape". It is called on the
feature map (`PureWeigths(...)(inputs)`) only to get a place in the functional graph; `call()` ignores
`inputs` and returns `self.gain`, a [1, num_group_token, channels] weight that becomes the query of the
group-token attention (`light_group_attention`).

A layer whose output does not depend on its input, and a weight returned as-is from `call()` with a
batch dimension of 1, look like an unused / no-gradient weight. On Keras 3 it is fine: the weight is
tracked and counted, and it gets a gradient through layer norm -> attention scores -> output.

Porting edits: kecam's `backend`/`functional` wrappers replaced by `keras` / `keras.ops`; kecam's
`layer_norm`, `qkv_to_multi_head_channels_last_format` and `scaled_dot_product_attention` helpers
replaced by one LayerNormalization per branch and a single-head scaled dot-product written with
`keras.ops` (same shapes: query [1, G, C] broadcast against key/value [batch, H*W, C]).
`build_model()` is a small stem + one `light_group_attention` + pooling head.
"""

SOURCE = "https://github.com/leondgarse/keras_cv_attention_models/blob/687943d88f7a7beea4807e8f4db00f4b49da9ea8/keras_cv_attention_models/gpvit/gpvit.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/oky_kecam_gpvit_pure_weights_group_token_ignores_input.py:
as returned: Functional, count_params() = 933, 11 weights, unbuilt: none
after call: count_params() = 933, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'group_query': 64}
second call: 0 variables watched that the first call did not use
group_query/gain [1, 4, 16] (64 params) is counted and gets a non-None gradient although call() never reads its input."""

import keras
from keras import initializers, layers, ops

LAYER_NORM_EPSILON = 1e-6


class PureWeigths(layers.Layer):
    """Just return a weights with specific shape"""

    def __init__(self, shape, initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.shape, self.initializer = shape, initializer

    def build(self, input_shape):
        self.gain = self.add_weight(name="gain", initializer=self.initializer, shape=self.shape, trainable=True)
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        return self.gain

    def get_config(self):
        config = super().get_config()
        config.update({"shape": self.shape})
        return config

    def compute_output_shape(self, input_shape):
        return self.shape


def light_group_attention(inputs, num_heads=4, key_dim=0, num_group_token=0, use_key_value_norm=True, qkv_bias=True, dropout=0, name=""):
    input_channel = inputs.shape[-1]

    query = PureWeigths(shape=[1, num_group_token, input_channel], initializer=initializers.TruncatedNormal(stddev=0.2), name=name + "query")(inputs)
    query = layers.LayerNormalization(epsilon=LAYER_NORM_EPSILON, axis=-1, name=name + "query_ln")(query)
    key_value = layers.LayerNormalization(epsilon=LAYER_NORM_EPSILON, axis=-1, name=name + "key_value_ln")(inputs) if use_key_value_norm else inputs
    key_value = layers.Reshape([-1, input_channel])(key_value)
    key = layers.Dense(key_value.shape[-1], use_bias=qkv_bias, name=name and name + "key")(key_value)

    # single-head stand-in for kecam's scaled_dot_product_attention (out_weight=False)
    scores = ops.matmul(query, ops.transpose(key, [0, 2, 1])) / float(input_channel) ** 0.5  # [batch, G, H*W]
    scores = layers.Softmax(axis=-1, name=name + "attention_scores")(scores)
    return ops.matmul(scores, key_value)  # [batch, G, C]


def build_model():
    inputs = keras.Input(shape=(8, 8, 3))
    nn = layers.Conv2D(16, 3, padding="same", name="stem")(inputs)
    group_token = light_group_attention(nn, num_heads=1, num_group_token=4, name="group_")
    nn = layers.GlobalAveragePooling1D()(group_token)
    out = layers.Dense(5, name="head")(nn)
    return keras.Model(inputs, out)
