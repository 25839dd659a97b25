"""A translator's `EncoderBlock` wraps a `TransformerBlock` and forwards to it with
`self.encoderBlock.call(input)` instead of calling the layer, inside an `EncoderStack` that keeps the
blocks in a list.

From zash13/Translator_transformers (`transformer/Translator/EncoderBlock.py` at 88ceaffb, with
`EncoderStack.py` and `transformerBlock.py` of the same commit). Calling `.call()` directly skips Keras's
`Layer.__call__`, so the two `TransformerBlock` layers are never built: after a forward pass they still
report `built == False`, appear as "unbuilt" in the model and `count_params()` on them raises, while
their inner MultiHeadAttention / Dense / LayerNormalization layers (called normally) are built and
trained. The author's next commit (0bec68ed) changed the line to `self.encoderBlock(inputs, ...)`.

Porting edits: the three files put in one (their `from X import Y` lines dropped); the author's
explanatory comments trimmed; embedding width 8, 2 heads, feed-forward 16, 2 blocks, sequences of 5;
the Translator model around the encoder replaced by a functional model on already-embedded inputs
(the author's `Translator` feeds `TokenEmbedding` + positional encoding into `EncoderStack`) with a
pooled Dense head; `build_model()` returns that model.
"""

SOURCE = "https://github.com/zash13/Translator_transformers/blob/88ceaffb734723657aa07c904ec5edc58a9198f8/transformer/Translator/EncoderBlock.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/f_zash13_translator_encoder_block_calls_dot_call_unbuilt.py:
warning: `build()` was called on layer 'encoder_block', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, d
warning: `build()` was called on layer 'encoder_block_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built,
as returned: Functional, count_params() = 1787, 34 weights, unbuilt: ['TransformerBlock:transformer_block_1', 'TransformerBlock:transformer_block']
after call: count_params() = 1787, 34 trainable weights, unbuilt: ['TransformerBlock:transformer_block_1', 'TransformerBlock:transformer_block']; output dtypes ['float32']
gradient None for 0 of 34 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder_stack': 1760, 'encoder_block_1': 880, 'transformer_block_1': 'count_params() raised ValueError', 'encoder_block': 880, 'transformer_block': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
(the two TransformerBlock layers stay unbuilt after the call; the warnings are Keras building the EncoderBlocks without a build() while their TransformerBlock is never built.)"""

import tensorflow as tf
import keras
from keras import layers


class TransformerBlock(layers.Layer):
    def __init__(self, embeding_dim, num_heads, feadForward_dim, rate=0.1):
        super().__init__()
        # its compute how much each token should pay attentoin to others
        self.attention_layer = layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=embeding_dim
        )
        self.feedforward_network = keras.Sequential(
            [
                layers.Dense(feadForward_dim, activation="relu"),
                layers.Dense(embeding_dim),
            ]
        )
        self.layernorm1 = layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = layers.LayerNormalization(epsilon=1e-6)
        self.dropout1 = layers.Dropout(rate)
        self.dropout2 = layers.Dropout(rate)

    def call(self, inputs):
        # key=none -> key=value
        attention_output = self.attention_layer(query=inputs, value=inputs)
        attention_output = self.dropout1(attention_output)
        out1 = self.layernorm1(inputs + attention_output)
        fnn_output = self.feedforward_network(out1)
        fnn_output = self.dropout2(fnn_output)
        return self.layernorm2(out1 + fnn_output)


# The EncoderBlock has the same idea as the block I created in TransformerBlock.
# To clarify, I renamed it so that it matches the terminology used in the articles.
class EncoderBlock(layers.Layer):
    def __init__(self, embedding_dim, num_heads, feadForward_dim, rate=0.1):
        super().__init__()

        self.encoderBlock = TransformerBlock(
            embedding_dim, num_heads, feadForward_dim, rate=rate
        )

    def call(self, input):
        return self.encoderBlock.call(input)


class EncoderStack(layers.Layer):
    def __init__(
        self, num_layers, embedding_dim, num_heads, feed_forward_dim, rate=0.1
    ):
        super().__init__()
        self.num_layers = num_layers
        self.encoder_stack = [
            EncoderBlock(embedding_dim, num_heads, feed_forward_dim, rate)
            for _ in range(num_layers)
        ]

    def call(self, inputs):
        x = inputs
        for layer in self.encoder_stack:
            x = layer(x)
        return x


def build_model():
    inputs = keras.Input(shape=(5, 8))
    x = EncoderStack(2, 8, 2, 16)(inputs)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(3)(x)
    return keras.Model(inputs, outputs)
