"""Correct: a keras-hub-style decoder block whose `build()` builds each sublayer with the shape it will see.

keras-hub's `TransformerDecoder.build` creates nothing by assignment in `call`; it calls
`self._self_attention_layer.build(...)`, the norms' and feed-forward Dense layers' `build(...)` with
computed shapes, so a model built with `model.build()` (never called) is complete. A small block in
that style inside a subclassed model.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/transformer_decoder.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_decoder_block_builds_sublayers.py:
as returned: TinyDecoder, count_params() = 2394, 18 weights, unbuilt: none
after call: count_params() = 2394, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoder_block': 2224}
second call: 0 variables watched that the first call did not use"""

import keras


class DecoderBlock(keras.layers.Layer):
    def __init__(self, intermediate_dim, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.intermediate_dim = intermediate_dim
        self.num_heads = num_heads

    def build(self, decoder_sequence_shape):
        hidden_dim = decoder_sequence_shape[-1]
        self._self_attention_layer = keras.layers.MultiHeadAttention(
            num_heads=self.num_heads, key_dim=hidden_dim // self.num_heads, name="self_attention")
        self._self_attention_layer.build(decoder_sequence_shape, decoder_sequence_shape)
        self._self_attention_layernorm = keras.layers.LayerNormalization(name="attention_norm")
        self._self_attention_layernorm.build(decoder_sequence_shape)
        self._feedforward_intermediate_dense = keras.layers.Dense(
            self.intermediate_dim, activation="relu", name="ffn_intermediate")
        self._feedforward_intermediate_dense.build(decoder_sequence_shape)
        self._feedforward_output_dense = keras.layers.Dense(hidden_dim, name="ffn_output")
        intermediate_shape = tuple(decoder_sequence_shape[:-1]) + (self.intermediate_dim,)
        self._feedforward_output_dense.build(intermediate_shape)
        self._feedforward_layernorm = keras.layers.LayerNormalization(name="ffn_norm")
        self._feedforward_layernorm.build(decoder_sequence_shape)
        self.built = True

    def call(self, x):
        attended = self._self_attention_layer(x, x, use_causal_mask=True)
        x = self._self_attention_layernorm(x + attended)
        ffn = self._feedforward_output_dense(self._feedforward_intermediate_dense(x))
        return self._feedforward_layernorm(x + ffn)


class TinyDecoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block = DecoderBlock(intermediate_dim=32, num_heads=2)
        self.head = keras.layers.Dense(10)

    def build(self, input_shape):
        self.block.build(input_shape)
        self.head.build(input_shape)
        self.built = True

    def call(self, x):
        return self.head(self.block(x))


def build_model():
    model = TinyDecoder()
    model.build((None, 6, 16))
    return model, keras.random.uniform((2, 6, 16), seed=0)
