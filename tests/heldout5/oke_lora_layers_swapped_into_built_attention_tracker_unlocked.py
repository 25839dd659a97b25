"""Correct: LoRA wrappers are assigned onto an already-built attention layer after `_tracker.locked = False`, then everything but `lora_A`/`lora_B` is frozen.

The Keras 3 port of the keras.io "Parameter-efficient fine-tuning of GPT-2 with LoRA" example
loads a pretrained model, then for every transformer layer sets
`self_attention_layer._tracker.locked = False` and replaces the built `_query_dense` and
`_value_dense` EinsumDense layers with a `LoraLayer` that wraps the original (frozen) layer and adds
two new sublayers, `lora_A` (Dense, rank r) and `lora_B` (EinsumDense, zero-initialised). After one
forward pass it walks `_flatten_layers()` and makes only the `lora_A`/`lora_B` leaves trainable.
Assigning sublayers to a built layer, touching a private tracker and flipping `trainable` on
leaves look like state Keras will not track; with the tracker unlocked the wrappers are tracked,
their weights are created on the forward pass and are the only ones trained.
Here the pretrained GPT-2 is a small functional model around `keras.layers.MultiHeadAttention`.
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/1649"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oke_lora_layers_swapped_into_built_attention_tracker_unlocked.py:
as returned: Functional, count_params() = 5010, 39 weights, unbuilt: none
after call: count_params() = 5010, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 31 variables the model does not track: ['embedding/embeddings:0', 'transformer_layer_0_self_attention/query/kernel:0', 'transformer_layer_0_self_attention/query/bias:0', 'transformer_layer_0_self_attention/key/kernel:0', 'transformer_layer_0_self_attention/key/bias:0', 'transformer_layer_0_self_attention/value/kernel:0']
params of the case's own layers: {'value': 400, 'query': 400}
second call: 0 variables watched that the first call did not use
also measured: the 31 variables listed as watched but untracked are exactly the model's 31 non_trainable_weights (the frozen GPT-2 weights, tracked; the tape watches them because they were created trainable); the 8 trainable weights are the lora_A/lora_B kernels"""

import math

import keras
import numpy as np

RANK = 4
ALPHA = 32.0


class LoraLayer(keras.layers.Layer):
    def __init__(self, original_layer, rank=8, alpha=32, trainable=False, **kwargs):
        # We want to keep the name of this layer the same as the original dense layer.
        original_layer_config = original_layer.get_config()
        name = original_layer_config["name"]
        kwargs.pop("name", None)
        super().__init__(name=name, trainable=trainable, **kwargs)
        self.rank = rank
        self.alpha = alpha
        self._scale = alpha / self.rank
        # Original dense layer, frozen whether we are training or not.
        self.original_layer = original_layer
        self.original_layer.trainable = False
        # LoRA dense layers.
        self.A = keras.layers.Dense(
            units=rank,
            use_bias=False,
            kernel_initializer=keras.initializers.VarianceScaling(scale=math.sqrt(5), mode="fan_in",
                                                                  distribution="uniform"),
            trainable=trainable,
            name="lora_A",
        )
        # B has the same `equation` and `output_shape` as the original layer.
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
            # If we are fine-tuning the model, add the LoRA layers' output to the original one.
            lora_output = self.B(self.A(inputs)) * self._scale
            return original_output + lora_output
        return original_output


def tiny_pretrained_decoder(vocab_size=50, seq_len=8, hidden_dim=16, num_layers=2):
    token_ids = keras.Input(shape=(seq_len,), dtype="int32", name="token_ids")
    x = keras.layers.Embedding(vocab_size, hidden_dim)(token_ids)
    for i in range(num_layers):
        attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=hidden_dim // 2,
                                                    name=f"transformer_layer_{i}_self_attention")
        x = keras.layers.LayerNormalization()(x + attention(x, x, use_causal_mask=True))
        x = keras.layers.LayerNormalization()(x + keras.layers.Dense(hidden_dim, activation="gelu")(x))
    logits = keras.layers.Dense(vocab_size)(x)
    return keras.Model(token_ids, logits, name="gpt2_lm")


def build_model():
    lora_model = tiny_pretrained_decoder()
    tokens = np.random.default_rng(0).integers(0, 50, size=(2, 8)).astype("int32")

    for layer_idx in range(2):
        self_attention_layer = lora_model.get_layer(f"transformer_layer_{layer_idx}_self_attention")
        # Allow mutation to Keras layer state.
        self_attention_layer._tracker.locked = False
        self_attention_layer._query_dense = LoraLayer(self_attention_layer._query_dense, rank=RANK, alpha=ALPHA,
                                                      trainable=True)
        self_attention_layer._value_dense = LoraLayer(self_attention_layer._value_dense, rank=RANK, alpha=ALPHA,
                                                      trainable=True)

    # A forward pass to make sure we still have a valid chain of computation.
    lora_model(tokens)

    # Freeze the entire LLM, only the LoRA layers should be trainable.
    for layer in lora_model._flatten_layers():
        lst_of_sublayers = list(layer._flatten_layers())
        if len(lst_of_sublayers) == 1:  # "leaves of the model"
            if layer.name in ["lora_A", "lora_B"]:
                layer.trainable = True
            else:
                layer.trainable = False
    return lora_model, tokens
