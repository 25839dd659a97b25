"""A TF2 port of CaiT keeps LayerScale's per-channel `gamma` as a `tf.Variable` created in `__init__`
of a Keras layer: on Keras 3 the layer owns no weight, the summary shows 0 params for it, and `gamma`
is never trained or saved.

From sayakpaul/cait-tf (`cait/layers/ls.py` at the commit cited; the blocks are in `cait/models.py`), a
port of timm's CaiT to TensorFlow. `LayerScale(layers.Layer)` takes an `ml_collections.ConfigDict` and
sets `self.gamma = tf.Variable(config.init_values * tf.ones((config.projection_dim,)))` after
`super().__init__()`; `call` returns `x * self.gamma`. Every residual branch of `LayerScaleBlock` and
`LayerScaleBlockClassAttn` ends in a LayerScale (when `config.init_values` is set, 1e-5 by default), so
the model's residual scaling is frozen at 1e-5 on Keras 3 (tracked on tf.keras 2). The same file's
`CaiT` model also keeps `cls_token` and `pos_embed` as `tf.Variable`s on the `keras.Model`.

Porting edits: `ml_collections.ConfigDict` (not installed here) -> a `types.SimpleNamespace` holding the
fields the code reads, with the values of `model_configs/base_config.py` (cait_xxs24_224:
projection_dim 192, mlp_ratio 4, layer_norm_eps 1e-6, init_values 1e-5, dropout 0.0). `build_model()`
builds the FFN half of the author's `LayerScaleBlock` with the author's `mlp()` helper: `encoded_patches
-> LayerNormalization -> mlp(hidden_units=[768, 192]) -> LayerScale(config) -> Add` on (None, 192)
token inputs; the attention half is left out because `TalkingHeadAttn` at this commit does not run
(`self.projection_dim` is undefined and `tf.tranpose` is misspelt).
"""

SOURCE = "https://github.com/sayakpaul/cait-tf/blob/10cdf67caf13bbf9af3db901e7a5a3575737f905/cait/layers/ls.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/au_sayakpaulcait_layerscale_gamma_tf_variable_in_ffn_block.py:
as returned: Functional, count_params() = 296256, 6 weights, unbuilt: none
after call: count_params() = 296256, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'layer_scale': 0}
second call: 0 variables watched that the first call did not use
probe (probe_cait.py): LayerScale.weights == [], gamma is a tf ResourceVariable; after one epoch of model.fit (adam, mse)
gamma is unchanged (first value 1e-05): 296256 counts only LayerNormalization and the two Dense layers, not the 192 gammas."""

from types import SimpleNamespace
from typing import List

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class LayerScale(layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.gamma = tf.Variable(
            config.init_values * tf.ones((config.projection_dim,))
        )

    def call(self, x):
        return x * self.gamma


def mlp(x: int, dropout_rate: float, hidden_units: List[int]):
    """FFN for a Transformer block."""
    for (idx, units) in enumerate(hidden_units):
        x = layers.Dense(
            units,
            activation=tf.nn.gelu if idx == 0 else None,
            bias_initializer=keras.initializers.RandomNormal(stddev=1e-6),
        )(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


def get_config(projection_dim=192, mlp_ratio=4, layer_norm_eps=1e-6, init_values=1e-5, dropout_rate=0.0):
    return SimpleNamespace(
        projection_dim=projection_dim,
        mlp_units=[projection_dim * mlp_ratio, projection_dim],
        layer_norm_eps=layer_norm_eps,
        init_values=init_values,
        dropout_rate=dropout_rate,
    )


def build_model():
    config = get_config()
    encoded_patches = layers.Input((None, config.projection_dim))
    x2 = encoded_patches
    # FFN.
    x3 = layers.LayerNormalization(epsilon=config.layer_norm_eps)(x2)
    x4 = mlp(
        x3, hidden_units=config.mlp_units, dropout_rate=config.dropout_rate
    )
    x4 = LayerScale(config)(x4) if config.init_values else x4
    outputs = layers.Add()([x2, x4])
    return keras.Model(encoded_patches, outputs, name="sa_ffn_block_0")
