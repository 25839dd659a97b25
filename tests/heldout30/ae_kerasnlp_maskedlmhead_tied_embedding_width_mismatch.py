"""KerasNLP's `MaskedLMHead` ties its output projection to the token embedding matrix passed in as
`embedding_weights`, but sizes its inner Dense from the width of the encoder output
(`feature_size = input_shapes[-1]`). In a factorised-embedding model (ALBERT: embeddings of width
`embedding_dim` projected up to `hidden_dim`) the tied embedding matrix no longer fits what the
head feeds it, and the model fails with a matmul shape error inside the head, far from the
embedding that caused it.

From keras-team/keras-hub (then keras-nlp), `keras_nlp/layers/masked_lm_head.py`, reported in
https://github.com/keras-team/keras-hub/issues/733 ("Mistake in projection layer dimension of
MaskedLMHead": "`AlbertMaskedLM.from_preset(...)` will cause the error"); the fix sizes the Dense
from `embedding_weights.shape[-1]`.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the docstring shortened; the
ALBERT backbone replaced by its two relevant pieces, written functionally: a token `Embedding`
of width 8 (vocabulary 20) and the embedding projection `Dense(16)` up to the hidden width, then
the head gets `embedding_weights=token_embedding.embeddings` as `AlbertMaskedLM` passes it;
sequences of 6 tokens with 2 masked positions.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/1c8817ef90c765f0e841ba40af2ad779b3b06e48/keras_nlp/layers/masked_lm_head.py"
CODES = ("LD008",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/ae_kerasnlp_maskedlmhead_tied_embedding_width_mismatch.py:
build_model() raised ValueError: Exception encountered when calling MaskedLMHead.call().
Full message: Could not automatically infer the output shape / dtype of 'masked_lm_head' ... Dimensions must be equal, but are 16 and 8 for '{{node MatMul}} = BatchMatMulV2[...]' with input shapes: [?,2,16], [20,8]. Own probe (/tmp/mine30/ae/probe_mlm_head.py): the same head on the 8-wide embedding output (no projection) builds, output (None, 2, 20), 268 params."""

import tensorflow as tf
import keras


class MaskedLMHead(keras.layers.Layer):
    """Masked Language Model (MaskedLM) head."""

    def __init__(
        self,
        vocabulary_size=None,
        embedding_weights=None,
        intermediate_activation="relu",
        activation=None,
        layer_norm_epsilon=1e-05,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        name=None,
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)

        self.vocabulary_size = vocabulary_size
        self.embedding_weights = embedding_weights
        self.intermediate_activation = keras.activations.get(
            intermediate_activation
        )
        self.activation = keras.activations.get(activation)
        self.layer_norm_epsilon = layer_norm_epsilon
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self._built = False

        if vocabulary_size is None and embedding_weights is None:
            raise ValueError(
                "One of `vocabulary_size` or `embedding_weights` must be set. "
                "Received: `vocabulary_size=None`, `embedding_weights=None`"
            )

        if embedding_weights is not None:
            shape = embedding_weights.shape
            if vocabulary_size is not None and vocabulary_size != shape[0]:
                raise ValueError(
                    "`vocabulary_size` should match the first dimension of the "
                    "shape of `embedding_weights`. Received: "
                    f"`vocabulary_size={vocabulary_size}`, "
                    f"`embedding_weights.shape={shape}`"
                )
            self.vocabulary_size = shape[0]

    def build(self, input_shapes):
        feature_size = input_shapes[-1]

        self._dense = keras.layers.Dense(
            feature_size,
            activation=self.intermediate_activation,
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
        )
        self._layer_norm = keras.layers.LayerNormalization(
            epsilon=self.layer_norm_epsilon,
        )
        if self.embedding_weights is None:
            self._kernel = self.add_weight(
                name="output_kernel",
                shape=[feature_size, self.vocabulary_size],
                initializer=self.kernel_initializer,
                dtype=self.dtype,
            )
        self._bias = self.add_weight(
            name="output_bias",
            shape=[self.vocabulary_size],
            initializer=self.bias_initializer,
            dtype=self.dtype,
        )

    def call(self, inputs, mask_positions):
        # Gather the encoded tokens at the masked indices.
        x = tf.gather(inputs, mask_positions, axis=1, batch_dims=1)

        # Apply a trainable linear transformation and a layer norm.
        x = self._dense(x)
        x = self._layer_norm(x)

        # Transform encodings to vocabulary_size predictions.
        if self.embedding_weights is None:
            outputs = tf.matmul(x, self._kernel)
        else:
            outputs = tf.matmul(
                x,
                tf.cast(self.embedding_weights, self.compute_dtype),
                transpose_b=True,
            )
        outputs = outputs + self._bias

        # Apply a final activation.
        if self.activation is not None:
            outputs = self.activation(outputs)

        return outputs


def build_model():
    token_ids = keras.Input((6,), dtype="int32", name="token_ids")
    mask_positions = keras.Input((2,), dtype="int32", name="mask_positions")
    token_embedding = keras.layers.Embedding(20, 8, name="token_embedding")
    x = token_embedding(token_ids)
    x = keras.layers.Dense(16, name="embedding_projection")(x)
    outputs = MaskedLMHead(
        embedding_weights=token_embedding.embeddings,
        activation="softmax",
    )(x, mask_positions=mask_positions)
    return keras.Model([token_ids, mask_positions], outputs)
