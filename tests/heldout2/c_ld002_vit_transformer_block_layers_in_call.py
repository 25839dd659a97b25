"""A ViT-style `transformer` layer builds its LayerNormalization, MultiHeadAttention and MLP Dense
layers inside `call()`.

The report's hybrid patch/transformer model trained with "tf.function-decorated function tried to
create variables on non-first call", and its summary listed every `transformer` layer with 0
parameters. Rewritten: a block whose `call()` instantiates the attention and MLP sublayers as locals
each time it runs, between two patch-embedding steps.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/48878"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py c_ld002_vit_transformer_block_layers_in_call.py:
as returned: Functional, count_params() = 276, 4 weights, unbuilt: none
after call: count_params() = 276, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 16 variables the model does not track: ['functional/transformer_block/layer_normalization_2/gamma:0', 'functional/transformer_block/layer_normalization_2/beta:0', 'functional/transformer_block/multi_head_attention_1/query/kernel:0', 'functional/transformer_block/multi_head_attention_1/query/bias:0', 'functional/transformer_block/multi_head_attention_1/key/kernel:0', 'functional/transformer_block/multi_head_attention_1/key/bias:0']
params of the case's own layers: {'transformer_block': 0}
second call: 16 variables watched that the first call did not use"""

import keras
from keras import layers


class TransformerBlock(layers.Layer):
    def __init__(self, num_heads=2, projection_dim=16, **kwargs):
        super().__init__(**kwargs)
        self.num_heads = num_heads
        self.projection_dim = projection_dim

    def call(self, encoded):
        x1 = layers.LayerNormalization(epsilon=1e-6)(encoded)
        attention = layers.MultiHeadAttention(num_heads=self.num_heads, key_dim=self.projection_dim)(x1, x1)
        x2 = layers.Add()([attention, encoded])
        x3 = layers.LayerNormalization(epsilon=1e-6)(x2)
        x3 = layers.Dense(self.projection_dim * 2, activation="gelu")(x3)
        x3 = layers.Dense(self.projection_dim)(x3)
        return layers.Add()([x3, x2])


def build_model():
    patches = keras.Input((9, 12))
    x = layers.Dense(16)(patches)
    x = TransformerBlock()(x)
    x = layers.GlobalAveragePooling1D()(x)
    return keras.Model(patches, layers.Dense(4)(x))
