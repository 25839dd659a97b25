"""Early KerasNLP-style TransformerEncoder: sublayers are created by a private `_build()` that `call()` runs on first use (`if not self._built`).

The first keras-nlp TransformerEncoder/TransformerDecoder did not override `build()`; instead
`call()` checked a private `_built` flag and, on the first call, created the attention,
layer-norm, feed-forward and dropout sublayers from the input shape.  The report: saving a model
that contains the layer and loading it back (with custom_objects) gave freshly initialised
sublayers -- "Layers within TransformerDecoder should not be reinitialized, the saved weights
should be kept."
"""

SOURCE = "https://github.com/keras-team/keras-hub/issues/219"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py y_keras_nlp_encoder_sublayers_built_lazily_in_call.py:
build_model() raised ValueError: Exception encountered when calling TransformerEncoder.call().
Full message: 'Could not automatically infer the output shape / dtype of transformer_encoder ... You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the __init__() method or in the build() method.' Keras 3 marks the layer built before call() runs, so the private _build() that assigns sublayers inside call() is refused when the functional model is wired."""

import keras
from keras import layers


class TransformerEncoder(keras.layers.Layer):
    """Transformer encoder block (self-attention + feed-forward)."""

    def __init__(self, intermediate_dim, num_heads, dropout=0, activation="relu",
                 layer_norm_epsilon=1e-05, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.intermediate_dim = intermediate_dim
        self.num_heads = num_heads
        self.dropout = dropout
        self.activation = keras.activations.get(activation)
        self.layer_norm_epsilon = layer_norm_epsilon
        self._built = False

    def _build(self, input_shape):
        # Create layers based on input shape.
        self._built = True
        feature_size = input_shape[-1]
        self._attention_head_size = int(feature_size // self.num_heads)
        self._multi_head_attention_layer = layers.MultiHeadAttention(
            num_heads=self.num_heads,
            key_dim=self._attention_head_size,
            value_dim=self._attention_head_size,
            dropout=self.dropout,
        )
        self._attention_layernorm = layers.LayerNormalization(epsilon=self.layer_norm_epsilon)
        self._feedforward_layernorm = layers.LayerNormalization(epsilon=self.layer_norm_epsilon)
        self._attention_dropout = layers.Dropout(rate=self.dropout)
        self._intermediate_dense = layers.Dense(self.intermediate_dim, activation=self.activation)
        self._output_dense = layers.Dense(feature_size)
        self._output_dropout = layers.Dropout(rate=self.dropout)

    def _add_and_norm(self, input1, input2, norm_layer):
        return norm_layer(input1 + input2)

    def _feed_forward(self, input):
        x = self._intermediate_dense(input)
        x = self._output_dense(x)
        return self._output_dropout(x)

    def call(self, inputs, padding_mask=None, attention_mask=None):
        if not self._built:
            self._build(inputs.shape)

        attended = self._multi_head_attention_layer(inputs, inputs, inputs, attention_mask=attention_mask)
        attended = self._attention_dropout(attended)
        attended = self._add_and_norm(inputs, attended, self._attention_layernorm)
        feed_forward_output = self._feed_forward(attended)
        return self._add_and_norm(attended, feed_forward_output, self._feedforward_layernorm)

    def get_config(self):
        config = super().get_config()
        config.update({
            "intermediate_dim": self.intermediate_dim,
            "num_heads": self.num_heads,
            "dropout": self.dropout,
            "activation": keras.activations.serialize(self.activation),
            "layer_norm_epsilon": self.layer_norm_epsilon,
        })
        return config


def build_model(seq_len=10, feature_dim=16):
    inputs = keras.Input(shape=(seq_len, feature_dim))
    x = TransformerEncoder(intermediate_dim=32, num_heads=2)(inputs)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
