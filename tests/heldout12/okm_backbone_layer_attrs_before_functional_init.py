"""keras-hub style Backbone: sublayers assigned to `self` (in a list too) BEFORE `super().__init__(inputs, outputs)`.

The keras-hub "layer attributes for all functional models" style: a functional Model subclass
first creates its layers as attributes (`self.token_embedding`, `self.transformer_layers = []`
filled with `append`), then wires them on `keras.Input`s, then calls
`super().__init__(inputs=..., outputs=...)`, and only then sets config attributes; afterwards a
user loops over `backbone.transformer_layers` and calls `enable_lora()` on some projections.
It looks like the "state set before super().__init__()" bug and like layers hidden in a Python
list. On Keras 3 (TF backend) it is fine: every layer is part of the functional graph and tracked,
all weights are counted and get gradients, and enable_lora adds trainable LoRA weights while
freezing the base kernels.
"""

SOURCE = "https://github.com/keras-team/keras-hub/pull/1421"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okm_backbone_layer_attrs_before_functional_init.py:
as returned: MiniBackbone, count_params() = 6240, 36 weights, unbuilt: none
after call: count_params() = 6240, 32 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 32 trainable weights: []
tape watched 4 variables the model does not track: ['transformer_layer_0/query/kernel:0', 'transformer_layer_0/value/kernel:0', 'transformer_layer_1/query/kernel:0', 'transformer_layer_1/value/kernel:0']
params of the case's own layers: {'transformer_layer_0': 2176, 'transformer_layer_1': 2176}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine12b/lora.py): the 4 'untracked' watched variables are the LoRA-frozen base kernels; they are in model.non_trainable_weights (tracked, counted), and the 8 lora_kernel_a/b weights are trainable. Expected enable_lora behaviour, not a defect."""

import numpy as np
import keras
from keras import layers, ops


class Backbone(keras.Model):
    def __init__(self, *args, dtype=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._lora_enabled = False

    def get_lora_target_names(self):
        return ["query", "value"]

    def enable_lora(self, rank):
        target_names = self.get_lora_target_names()
        self.trainable = True
        self._lora_enabled = True
        for layer in self._flatten_layers(include_self=False):
            if layer.name in target_names and hasattr(layer, "enable_lora"):
                layer.enable_lora(rank)


class MiniTransformerBlock(layers.Layer):
    def __init__(self, hidden_dim, intermediate_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.intermediate_dim = intermediate_dim
        self.query = layers.Dense(hidden_dim, name="query")
        self.key = layers.Dense(hidden_dim, name="key")
        self.value = layers.Dense(hidden_dim, name="value")
        self.norm = layers.LayerNormalization(epsilon=1e-5, name="norm")
        self.ffn = [
            layers.Dense(intermediate_dim, activation="gelu", name="ffn_in"),
            layers.Dense(hidden_dim, name="ffn_out"),
        ]

    def build(self, input_shape):
        for proj in (self.query, self.key, self.value):
            proj.build(input_shape)
        self.norm.build(input_shape)
        self.ffn[0].build(input_shape)
        self.ffn[1].build(input_shape[:-1] + (self.intermediate_dim,))
        self.built = True

    def call(self, x, padding_mask=None):
        q, k, v = self.query(x), self.key(x), self.value(x)
        scores = ops.einsum("bqd,bkd->bqk", q, k) / ops.sqrt(float(self.hidden_dim))
        if padding_mask is not None:
            mask = ops.cast(padding_mask[:, None, :], scores.dtype)
            scores = scores + (1.0 - mask) * -1e9
        x = self.norm(x + ops.einsum("bqk,bkd->bqd", ops.softmax(scores, axis=-1), v))
        for dense in self.ffn:
            y = dense(x if dense is self.ffn[0] else y)
        return x + y


class MiniBackbone(Backbone):
    def __init__(self, vocabulary_size, num_layers, hidden_dim, intermediate_dim, max_len=16,
                 dtype=None, **kwargs):
        # === Layers ===
        self.token_embedding = layers.Embedding(vocabulary_size, hidden_dim,
                                                name="token_embedding")
        self.position_embedding = layers.Embedding(max_len, hidden_dim,
                                                   name="position_embedding")
        self.transformer_layers = []
        for i in range(num_layers):
            self.transformer_layers.append(
                MiniTransformerBlock(hidden_dim, intermediate_dim,
                                     name=f"transformer_layer_{i}")
            )
        self.layer_norm = layers.LayerNormalization(epsilon=1e-5, name="layer_norm")

        # === Functional Model ===
        token_id_input = keras.Input(shape=(max_len,), dtype="int32", name="token_ids")
        padding_mask_input = keras.Input(shape=(max_len,), dtype="int32", name="padding_mask")
        positions = ops.cumsum(ops.ones_like(token_id_input), axis=1) - 1
        x = self.token_embedding(token_id_input) + self.position_embedding(positions)
        for transformer_layer in self.transformer_layers:
            x = transformer_layer(x, padding_mask=padding_mask_input)
        sequence_output = self.layer_norm(x)
        super().__init__(
            inputs={"token_ids": token_id_input, "padding_mask": padding_mask_input},
            outputs=sequence_output,
            dtype=dtype,
            **kwargs,
        )

        # === Config ===
        self.vocabulary_size = vocabulary_size
        self.num_layers = num_layers
        self.hidden_dim = hidden_dim
        self.intermediate_dim = intermediate_dim
        self.max_len = max_len

    def get_config(self):
        config = super().get_config()
        config.update({
            "vocabulary_size": self.vocabulary_size,
            "num_layers": self.num_layers,
            "hidden_dim": self.hidden_dim,
            "intermediate_dim": self.intermediate_dim,
            "max_len": self.max_len,
        })
        return config


def build_model():
    backbone = MiniBackbone(vocabulary_size=100, num_layers=2, hidden_dim=16, intermediate_dim=32)
    backbone.enable_lora(4)
    inputs = {
        "token_ids": np.ones((2, 16), dtype="int32"),
        "padding_mask": np.ones((2, 16), dtype="int32"),
    }
    return backbone, inputs
