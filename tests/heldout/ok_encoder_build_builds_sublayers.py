"""A transformer encoder block that creates its sublayers in `build()` and builds each one explicitly there.

KerasHub's `TransformerEncoder.build()` creates the attention, norm and feed-forward layers and calls
`.build(...)` on every one of them with the shape it will see, so an explicit `layer.build(shape)`
(or `model.build`) leaves nothing unbuilt. A condensed version of the same pattern.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/transformer_encoder.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_encoder_build_builds_sublayers.py:
as returned: Classifier, count_params() = 2275, 18 weights, unbuilt: none
no inputs known: not called"""

import keras


class TransformerEncoder(keras.layers.Layer):
    def __init__(self, intermediate_dim, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.intermediate_dim = intermediate_dim
        self.num_heads = num_heads

    def build(self, inputs_shape):
        hidden_dim = inputs_shape[-1]
        key_dim = hidden_dim // self.num_heads
        self._self_attention_layer = keras.layers.MultiHeadAttention(self.num_heads, key_dim)
        self._self_attention_layer.build(query_shape=inputs_shape, value_shape=inputs_shape)
        self._self_attention_layer_norm = keras.layers.LayerNormalization()
        self._self_attention_layer_norm.build(inputs_shape)
        self._feedforward_intermediate_dense = keras.layers.Dense(self.intermediate_dim, activation="relu")
        self._feedforward_intermediate_dense.build(inputs_shape)
        self._feedforward_output_dense = keras.layers.Dense(hidden_dim)
        intermediate_shape = tuple(inputs_shape[:-1]) + (self.intermediate_dim,)
        self._feedforward_output_dense.build(intermediate_shape)
        self._feedforward_layer_norm = keras.layers.LayerNormalization()
        self._feedforward_layer_norm.build(inputs_shape)
        self.built = True

    def call(self, x):
        residual = x
        x = self._self_attention_layer(x, x)
        x = self._self_attention_layer_norm(x + residual)
        residual = x
        x = self._feedforward_output_dense(self._feedforward_intermediate_dense(x))
        return self._feedforward_layer_norm(x + residual)


class Classifier(keras.Model):
    def __init__(self):
        super().__init__()
        self.encoder = TransformerEncoder(intermediate_dim=32, num_heads=2)
        self.pool = keras.layers.GlobalAveragePooling1D()
        self.head = keras.layers.Dense(3)

    def build(self, input_shape):
        self.encoder.build(input_shape)
        self.head.build((input_shape[0], input_shape[-1]))
        self.built = True

    def call(self, x):
        return self.head(self.pool(self.encoder(x)))


def build_model():
    model = Classifier()
    model.build((None, 10, 16))
    return model
