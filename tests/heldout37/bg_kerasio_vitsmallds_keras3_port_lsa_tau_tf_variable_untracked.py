"""keras-io's Keras 3 port of "ViT on small datasets" keeps the Locality-Self-Attention temperature `tau` as a
`tf.Variable` on a `layers.MultiHeadAttention` subclass: Keras 3 does not track it, so it is never trained or saved.

From keras-team/keras-io `examples/vision/vit_small_ds.py` at the commit that converted the example to Keras 3
(`from keras import ops`, `ops.multiply`/`ops.einsum` in `_compute_attention`, `ops.arange` in PatchEncoder), yet
`MultiHeadAttentionLSA.__init__` still does `self.tau = tf.Variable(math.sqrt(float(self._key_dim)), trainable=True)`.
The paper's point is a *learnable* temperature; on Keras 3 the variable is a plain TF variable that the layer's
tracker ignores (the example was later changed to `keras.Variable`, which is tracked). The diagonal mask is built
at module level with `ops.eye`, as in the example, and passed as `attention_mask`.

Porting edits: `_compute_attention` gains the `return_attention_scores=False` parameter that Keras 3.15's
MultiHeadAttention.call passes positionally (the Keras 3.0 signature the example was written against lacked it;
otherwise unchanged). build_model() keeps the example's transformer stack (`create_vit_classifier`) but starts
from already-projected patch tokens (the data augmentation and ShiftedPatchTokenization front-end, which have no
custom state, are replaced by `layers.Input((NUM_PATCHES, PROJECTION_DIM))`), and uses smaller sizes.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/0631aec2b385106aac9d8b9fbb790b66f309ddda/examples/vision/vit_small_ds.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bg/bg_kerasio_vitsmallds_keras3_port_lsa_tau_tf_variable_untracked.py:
as returned: Functional, count_params() = 15434, 39 weights, unbuilt: none
after call: count_params() = 15434, 39 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 39 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'patch_encoder': 256, 'multi_head_attention_lsa': 2160, 'multi_head_attention_lsa_1': 2160}
second call: 0 variables watched that the first call did not use
probe (probe_bg_lsa.py): both `tau` are tensorflow ResourceVariables, in neither model.weights nor the layer's
trainable_weights; after compile(Adam(1e-2), 'mse') and fit(epochs=3) they are still [4.0, 4.0] (sqrt(key_dim=16))."""

import math

import keras
import tensorflow as tf
from keras import layers, ops

NUM_PATCHES = 16
PROJECTION_DIM = 16
NUM_HEADS = 2
TRANSFORMER_UNITS = [PROJECTION_DIM * 2, PROJECTION_DIM]
TRANSFORMER_LAYERS = 2
MLP_HEAD_UNITS = [32]
NUM_CLASSES = 10


class PatchEncoder(layers.Layer):
    def __init__(
        self, num_patches=NUM_PATCHES, projection_dim=PROJECTION_DIM, **kwargs
    ):
        super().__init__(**kwargs)
        self.num_patches = num_patches
        self.position_embedding = layers.Embedding(
            input_dim=num_patches, output_dim=projection_dim
        )
        self.positions = ops.arange(start=0, stop=self.num_patches, step=1)

    def call(self, encoded_patches):
        encoded_positions = self.position_embedding(self.positions)
        encoded_patches = encoded_patches + encoded_positions
        return encoded_patches


class MultiHeadAttentionLSA(layers.MultiHeadAttention):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The trainable temperature term. The initial value is
        # the square root of the key dimension.
        self.tau = tf.Variable(math.sqrt(float(self._key_dim)), trainable=True)

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=False):
        query = ops.multiply(query, 1.0 / self.tau)
        attention_scores = ops.einsum(self._dot_product_equation, key, query)
        attention_scores = self._masked_softmax(attention_scores, attention_mask)
        attention_scores_dropout = self._dropout_layer(
            attention_scores, training=training
        )
        attention_output = ops.einsum(
            self._combine_equation, attention_scores_dropout, value
        )
        return attention_output, attention_scores


def mlp(x, hidden_units, dropout_rate):
    for units in hidden_units:
        x = layers.Dense(units, activation="gelu")(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


# Build the diagonal attention mask
diag_attn_mask = 1 - ops.eye(NUM_PATCHES)
diag_attn_mask = ops.cast([diag_attn_mask], dtype="int8")


def create_vit_classifier(vanilla=False):
    tokens = layers.Input(shape=(NUM_PATCHES, PROJECTION_DIM))
    encoded_patches = PatchEncoder()(tokens)
    for _ in range(TRANSFORMER_LAYERS):
        x1 = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
        if not vanilla:
            attention_output = MultiHeadAttentionLSA(
                num_heads=NUM_HEADS, key_dim=PROJECTION_DIM, dropout=0.1
            )(x1, x1, attention_mask=diag_attn_mask)
        else:
            attention_output = layers.MultiHeadAttention(
                num_heads=NUM_HEADS, key_dim=PROJECTION_DIM, dropout=0.1
            )(x1, x1)
        x2 = layers.Add()([attention_output, encoded_patches])
        x3 = layers.LayerNormalization(epsilon=1e-6)(x2)
        x3 = mlp(x3, hidden_units=TRANSFORMER_UNITS, dropout_rate=0.1)
        encoded_patches = layers.Add()([x3, x2])
    representation = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
    representation = layers.Flatten()(representation)
    representation = layers.Dropout(0.5)(representation)
    features = mlp(representation, hidden_units=MLP_HEAD_UNITS, dropout_rate=0.5)
    logits = layers.Dense(NUM_CLASSES)(features)
    return keras.Model(inputs=tokens, outputs=logits)


def build_model():
    """The LSA variant (vanilla=False), as the example's `vit_sl`."""
    return create_vit_classifier(vanilla=False)
