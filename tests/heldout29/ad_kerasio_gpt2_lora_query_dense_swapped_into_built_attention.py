"""LoRA for GPT-2, the keras.io example as first written: after loading the model, each transformer
block's `_self_attention_layer._query_dense` / `._value_dense` (EinsumDense) is replaced by a `LoraLayer`
that wraps the original projection and adds two small trainable layers A and B.

From keras-team/keras-io (`examples/nlp/parameter_efficient_finetuning_of_gpt2_with_lora.py`, the
tf.keras version before the Keras 3 port). The attention layers are already built when the
attribute is swapped. tf.keras 2 accepted the assignment; on Keras 3 a built layer's tracker is locked
and assigning a new sublayer to it raises "You cannot add new elements of state (variables or
sub-layers) to a layer that is already built", so the LoRA model is never made. (The Keras 3 port of
the example added `self_attention_layer._tracker.locked = False` before the swap.)

Porting edits: `tensorflow.keras` -> `keras`; keras_nlp's GPT-2 preset (a download) replaced by a
two-block functional stand-in whose blocks hold a `keras.layers.MultiHeadAttention` as
`_self_attention_layer` (its `_query_dense`/`_value_dense` are EinsumDense with the same `abc,cde->abde`
equation as GPT-2's); hidden 768 -> 8, 12 heads -> 2, rank 4 and alpha 32 kept; the model is found
with `get_layer("gpt2_backbone")` instead of scanning `lora_model.layers` by class name; the `layer_idx` argument (used only to
name A/B `A_{i}`/`B_{i}`) dropped, the sublayers named `lora_A`/`lora_B`; no
preprocessor, memory callback, training or generation. `build_model()` runs the author's injection loop.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/01b67df1f3c5842f459a40482d69f5b0927c35f3/examples/nlp/parameter_efficient_finetuning_of_gpt2_with_lora.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/ad_kerasio_gpt2_lora_query_dense_swapped_into_built_attention.py:
build_model() raised ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the `__init__()` method or in the `build()` method.
Own probe (/tmp/mine29b/probe3.py): the same assignment on a bare built MultiHeadAttention inside a
functional model raises the same ValueError; the model keeps its 8 original weights."""

import math

import keras

RANK = 4
ALPHA = 32.0


class LoraLayer(keras.layers.Layer):
    def __init__(
        self,
        original_layer,
        rank=8,
        alpha=32,
        trainable=False,
        **kwargs,
    ):
        # We want to keep the name of this layer the same as the original
        # dense layer.
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

        # Original dense layer.
        self.original_layer = original_layer
        # No matter whether we are training the model or are in inference mode,
        # this layer should be frozen.
        self.original_layer.trainable = False

        # LoRA dense layers.
        self.A = keras.layers.Dense(
            units=rank,
            use_bias=False,
            # Note: the original paper mentions that normal distribution was
            # used for initialization. However, the official LoRA implementation
            # uses "Kaiming/He Initialization".
            kernel_initializer=keras.initializers.VarianceScaling(
                scale=math.sqrt(5), mode="fan_in", distribution="uniform"
            ),
            trainable=trainable,
            name=f"lora_A",
        )
        # B has the same `equation` and `output_shape` as the original layer.
        # `equation = abc,cde->abde`, where `a`: batch size, `b`: sequence
        # length, `c`: `hidden_dim`, `d`: `num_heads`,
        # `e`: `hidden_dim//num_heads`. The only difference is that in layer `B`,
        # `c` represents `rank`.
        self.B = keras.layers.EinsumDense(
            equation=original_layer_config["equation"],
            output_shape=original_layer_config["output_shape"],
            kernel_initializer="zeros",
            trainable=trainable,
            name=f"lora_B",
        )

    def call(self, inputs):
        original_output = self.original_layer(inputs)
        if self.trainable:
            # If we are fine-tuning the model, we will add LoRA layers' output
            # to the original layer's output.
            lora_output = self.B(self.A(inputs)) * self._scale
            return original_output + lora_output

        # If we are in inference mode, we "merge" the LoRA layers' weights into
        # the original layer's weights - more on this in the text generation
        # section!
        return original_output


class TransformerDecoder(keras.layers.Layer):
    """Stands in for keras_nlp's decoder block: the attention sits at `_self_attention_layer`."""

    def __init__(self, num_heads, hidden, **kwargs):
        super().__init__(**kwargs)
        self._self_attention_layer = keras.layers.MultiHeadAttention(num_heads, hidden // num_heads)
        self._norm = keras.layers.LayerNormalization()
        self._ffn = keras.layers.Dense(hidden, activation="gelu")

    def call(self, x):
        x = self._norm(x + self._self_attention_layer(x, x, use_causal_mask=True))
        return x + self._ffn(x)


def get_gpt2_stand_in(num_layers=2, hidden=8, num_heads=2, vocab=20):
    token_ids = keras.Input(shape=(None,), dtype="int32", name="token_ids")
    x = keras.layers.Embedding(vocab, hidden)(token_ids)
    for i in range(num_layers):
        x = TransformerDecoder(num_heads, hidden, name=f"transformer_layer_{i}")(x)
    backbone = keras.Model(token_ids, x, name="gpt2_backbone")
    backbone.num_layers = num_layers
    logits = keras.layers.Dense(vocab)(backbone(token_ids))
    return keras.Model(token_ids, logits, name="gpt2_causal_lm")


def build_model():
    lora_model = get_gpt2_stand_in()
    gpt2_backbone_layer_name = "gpt2_backbone"

    for layer_idx in range(lora_model.get_layer(gpt2_backbone_layer_name).num_layers):
        # Change query dense layer.
        original_query_layer = (
            lora_model.get_layer(gpt2_backbone_layer_name)
            .get_layer(f"transformer_layer_{layer_idx}")
            ._self_attention_layer._query_dense
        )

        (
            lora_model.get_layer(gpt2_backbone_layer_name)
            .get_layer(f"transformer_layer_{layer_idx}")
            ._self_attention_layer._query_dense
        ) = LoraLayer(
            original_query_layer,
            rank=RANK,
            alpha=ALPHA,
            trainable=True,
        )

        # Change value dense layer.
        original_value_layer = (
            lora_model.get_layer(gpt2_backbone_layer_name)
            .get_layer(f"transformer_layer_{layer_idx}")
            ._self_attention_layer._value_dense
        )

        (
            lora_model.get_layer(gpt2_backbone_layer_name)
            .get_layer(f"transformer_layer_{layer_idx}")
            ._self_attention_layer._value_dense
        ) = LoraLayer(
            original_value_layer,
            rank=RANK,
            alpha=ALPHA,
            trainable=True,
        )

    return lora_model
