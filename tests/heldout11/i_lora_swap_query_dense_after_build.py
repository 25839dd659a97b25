"""LoRA example ported to multi-backend Keras: swapping `_query_dense` for a LoraLayer on a built layer crashes.

The keras.io "parameter-efficient fine-tuning of GPT-2 with LoRA" example wraps each attention
layer's query/value `EinsumDense` projections in a `LoraLayer` (frozen original + trainable
low-rank A/B) by assigning `self_attention_layer._query_dense = LoraLayer(...)` after the
backbone has been built. Under tf.keras that silently re-tracks the sublayer. When the example was
ported to Keras 3 the same assignment hits the state lock Keras 3 puts on every built layer
("You cannot add new elements of state (variables or sub-layers) to a layer that is already
built"); the ported example needed `self_attention_layer._tracker.locked = False`. This is the
port before that line was added.
"""

SOURCE = "https://github.com/keras-team/keras-hub/issues/1141"
CODES = ("LD002",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py i_lora_swap_query_dense_after_build.py:
build_model() raised ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the `__init__()` method or in the `build()` method."""

import math

import keras
from keras import layers, ops

RANK = 4
ALPHA = 32.0
NUM_LAYERS = 2
HIDDEN = 64
NUM_HEADS = 4
VOCAB = 500
SEQ_LEN = 16


class TransformerDecoderBlock(layers.Layer):
    """GPT-2 style pre-norm block; attention is a stock MultiHeadAttention."""

    def __init__(self, hidden_dim, num_heads, intermediate_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.num_heads = num_heads
        self.intermediate_dim = intermediate_dim
        self._self_attention_layer_norm = layers.LayerNormalization(epsilon=1e-5)
        self._self_attention_layer = layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=hidden_dim // num_heads, name="self_attention"
        )
        self._feedforward_layer_norm = layers.LayerNormalization(epsilon=1e-5)
        self._feedforward_intermediate_dense = layers.Dense(intermediate_dim, activation="gelu")
        self._feedforward_output_dense = layers.Dense(hidden_dim)

    def call(self, x):
        residual = x
        x = self._self_attention_layer_norm(x)
        x = self._self_attention_layer(x, x, use_causal_mask=True)
        x = x + residual
        residual = x
        x = self._feedforward_layer_norm(x)
        x = self._feedforward_output_dense(self._feedforward_intermediate_dense(x))
        return x + residual


def gpt2_backbone():
    token_ids = keras.Input((SEQ_LEN,), dtype="int32", name="token_ids")
    x = layers.Embedding(VOCAB, HIDDEN, name="token_embedding")(token_ids)
    for i in range(NUM_LAYERS):
        x = TransformerDecoderBlock(HIDDEN, NUM_HEADS, HIDDEN * 4, name=f"transformer_layer_{i}")(x)
    x = layers.LayerNormalization(epsilon=1e-5, name="layer_norm")(x)
    return keras.Model(token_ids, x, name="gpt2_backbone")


class LoraLayer(keras.layers.Layer):
    def __init__(self, original_layer, rank=8, alpha=32, trainable=False, **kwargs):
        # We want to keep the name of this layer the same as the original dense layer.
        original_layer_config = original_layer.get_config()
        name = original_layer_config["name"]
        kwargs.pop("name", None)
        super().__init__(name=name, trainable=trainable, **kwargs)

        self.rank = rank
        self.alpha = alpha
        self._scale = alpha / rank
        self._num_heads = original_layer_config["output_shape"][-2]
        self._hidden_dim = self._num_heads * original_layer_config["output_shape"][-1]

        # Layers.
        self.original_layer = original_layer
        # No matter whether we are training the model or are in inference mode,
        # this layer should be frozen.
        self.original_layer.trainable = False

        self.A = keras.layers.Dense(
            units=rank,
            use_bias=False,
            kernel_initializer=keras.initializers.VarianceScaling(
                scale=math.sqrt(5), mode="fan_in", distribution="uniform"
            ),
            trainable=trainable,
            name="lora_A",
        )
        self.B = keras.layers.EinsumDense(
            equation=original_layer_config["equation"],
            output_shape=original_layer_config["output_shape"],
            kernel_initializer="zeros",
            trainable=trainable,
            name="lora_B",
        )

    def call(self, inputs):
        original_output = self.original_layer(inputs)
        if self.trainable:
            # If we are fine-tuning the model, we will add LoRA layers' output
            # to the original layer's output.
            lora_output = self.B(self.A(inputs)) * self._scale
            return original_output + lora_output
        return original_output


def build_model():
    lora_model = gpt2_backbone()
    for layer_idx in range(NUM_LAYERS):
        # Change query and value dense layers.
        decoder_layer = lora_model.get_layer(f"transformer_layer_{layer_idx}")
        self_attention_layer = decoder_layer._self_attention_layer
        self_attention_layer._query_dense = LoraLayer(
            self_attention_layer._query_dense, rank=RANK, alpha=ALPHA, trainable=True
        )
        self_attention_layer._value_dense = LoraLayer(
            self_attention_layer._value_dense, rank=RANK, alpha=ALPHA, trainable=True
        )
    for layer in lora_model._flatten_layers():
        lst_of_sublayers = list(layer._flatten_layers())
        if len(lst_of_sublayers) == 1:  # "leaves of the model"
            layer.trainable = layer.name in ["lora_A", "lora_B"]
    return lora_model
