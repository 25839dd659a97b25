"""ViT for small datasets, migrated to Keras 3 but keeping the LSA temperature `tau` as a `tf.Variable`.

The Locality Self-Attention layer subclasses `MultiHeadAttention`, overrides `_compute_attention` to divide
the queries by a learnable temperature, and creates that temperature in `__init__` with
`tf.Variable(math.sqrt(key_dim), trainable=True)`. In the pull request that migrated the example to
Keras 3 the reviewer asked to "replace this with `keras.Variable()`": a raw `tf.Variable` is not a Keras
variable, so on Keras 3 `tau` is neither tracked, counted, saved nor trained, although the attention uses
it on every step. Re-created here at a small size (the `_compute_attention` override also takes
`return_attention_scores`, which Keras 3 passes positionally).
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/1991"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py g_vit_lsa_temperature_tf_variable.py:
as returned: Functional, count_params() = 18906, 43 weights, unbuilt: none
after call: count_params() = 18906, 43 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 43 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'patch_tokenizer': 3472, 'patch_encoder': 256, 'multi_head_attention_lsa': 2160, 'multi_head_attention_lsa_1': 2160}
second call: 0 variables watched that the first call did not use
(the two untracked variables are the tau temperatures of the two LSA layers: read on every call, never trained)"""

import math

import tensorflow as tf
import keras
from keras import layers

IMAGE_SIZE = 32
PATCH_SIZE = 8
NUM_PATCHES = (IMAGE_SIZE // PATCH_SIZE) ** 2
PROJECTION_DIM = 16
NUM_HEADS = 2
TRANSFORMER_UNITS = [PROJECTION_DIM * 2, PROJECTION_DIM]
TRANSFORMER_LAYERS = 2
MLP_HEAD_UNITS = [32]


class PatchTokenizer(layers.Layer):
    def __init__(self, image_size=IMAGE_SIZE, patch_size=PATCH_SIZE, projection_dim=PROJECTION_DIM, **kwargs):
        super().__init__(**kwargs)
        self.image_size = image_size
        self.patch_size = patch_size
        self.half_patch = patch_size // 2
        self.flatten_patches = layers.Reshape((NUM_PATCHES, -1))
        self.projection = layers.Dense(units=projection_dim)
        self.layer_norm = layers.LayerNormalization(epsilon=1e-6)

    def call(self, images):
        patches = tf.image.extract_patches(
            images=images,
            sizes=[1, self.patch_size, self.patch_size, 1],
            strides=[1, self.patch_size, self.patch_size, 1],
            rates=[1, 1, 1, 1],
            padding="VALID",
        )
        flat_patches = self.flatten_patches(patches)
        tokens = self.layer_norm(flat_patches)
        return self.projection(tokens)


class PatchEncoder(layers.Layer):
    def __init__(self, num_patches=NUM_PATCHES, projection_dim=PROJECTION_DIM, **kwargs):
        super().__init__(**kwargs)
        self.num_patches = num_patches
        self.position_embedding = layers.Embedding(input_dim=num_patches, output_dim=projection_dim)
        self.positions = tf.range(start=0, limit=self.num_patches, delta=1)

    def call(self, encoded_patches):
        encoded_positions = self.position_embedding(self.positions)
        return encoded_patches + encoded_positions


class MultiHeadAttentionLSA(layers.MultiHeadAttention):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The trainable temperature term. The initial value is
        # the square root of the key dimension.
        self.tau = tf.Variable(math.sqrt(float(self._key_dim)), trainable=True)

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=False):
        query = tf.multiply(query, 1.0 / self.tau)
        attention_scores = tf.einsum(self._dot_product_equation, key, query)
        attention_scores = self._masked_softmax(attention_scores, attention_mask)
        attention_scores_dropout = self._dropout_layer(attention_scores, training=training)
        attention_output = tf.einsum(self._combine_equation, attention_scores_dropout, value)
        return attention_output, attention_scores


def mlp(x, hidden_units, dropout_rate):
    for units in hidden_units:
        x = layers.Dense(units, activation="gelu")(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


def make_diag_attn_mask(num_patches=NUM_PATCHES):
    # Build the diagonal attention mask
    diag_attn_mask = 1 - tf.eye(num_patches)
    return tf.cast([diag_attn_mask], dtype=tf.int8)


def create_vit_classifier(num_classes=10):
    diag_attn_mask = make_diag_attn_mask()
    inputs = layers.Input(shape=(IMAGE_SIZE, IMAGE_SIZE, 3))
    tokens = PatchTokenizer()(inputs)
    encoded_patches = PatchEncoder()(tokens)

    for _ in range(TRANSFORMER_LAYERS):
        x1 = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
        attention_output = MultiHeadAttentionLSA(num_heads=NUM_HEADS, key_dim=PROJECTION_DIM, dropout=0.1)(
            x1, x1, attention_mask=diag_attn_mask)
        x2 = layers.Add()([attention_output, encoded_patches])
        x3 = layers.LayerNormalization(epsilon=1e-6)(x2)
        x3 = mlp(x3, hidden_units=TRANSFORMER_UNITS, dropout_rate=0.1)
        encoded_patches = layers.Add()([x3, x2])

    representation = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
    representation = layers.Flatten()(representation)
    representation = layers.Dropout(0.5)(representation)
    features = mlp(representation, hidden_units=MLP_HEAD_UNITS, dropout_rate=0.5)
    logits = layers.Dense(num_classes)(features)
    return keras.Model(inputs=inputs, outputs=logits)


def build_model():
    return create_vit_classifier()
