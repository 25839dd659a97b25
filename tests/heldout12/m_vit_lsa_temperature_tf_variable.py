"""ViT for small datasets (Keras 3 port): the learnable LSA temperature `tau` is a `tf.Variable`.

In the Keras 3 version of the "Train a Vision Transformer on small-scale datasets" example,
`MultiHeadAttentionLSA(layers.MultiHeadAttention)` adds the paper's learnable softmax temperature
in `__init__` as `self.tau = tf.Variable(math.sqrt(float(self._key_dim)), trainable=True)` and
overrides the private `_compute_attention` to divide the query by it. The rest of the example was
ported to `keras.ops`, but `tau` stayed a backend-native variable: Keras 3 does not track it, so
it is not in `model.trainable_weights`, never updated by `fit()`, and not saved, which silently
turns "Locality Self-Attention" back into a fixed-temperature attention. The gradient tape still
watches it on every forward pass. (The example's 5-argument `_compute_attention` no longer
matches Keras 3.15's private signature and raises TypeError; the override here only adds the two
new keyword parameters so that the tracking defect itself can be measured.)
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/vision/vit_small_ds.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py m_vit_lsa_temperature_tf_variable.py:
as returned: Functional, count_params() = 25170, 43 weights, unbuilt: none
after call: count_params() = 25170, 43 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 43 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'shifted_patch_tokenization': 9736, 'patch_encoder': 256, 'multi_head_attention_lsa': 2160, 'multi_head_attention_lsa_1': 2160}
second call: 0 variables watched that the first call did not use
note: the 2 'untracked' watched variables are the two MultiHeadAttentionLSA.tau tf.Variables (one per transformer block); they are read in every forward pass but are not in model.trainable_weights."""

import math

import keras
import tensorflow as tf
from keras import layers, ops

NUM_CLASSES = 10
INPUT_SHAPE = (32, 32, 3)

# AUGMENTATION
IMAGE_SIZE = 24
PATCH_SIZE = 6
NUM_PATCHES = (IMAGE_SIZE // PATCH_SIZE) ** 2

# ARCHITECTURE
LAYER_NORM_EPS = 1e-6
TRANSFORMER_LAYERS = 2
PROJECTION_DIM = 16
NUM_HEADS = 2
TRANSFORMER_UNITS = [PROJECTION_DIM * 2, PROJECTION_DIM]
MLP_HEAD_UNITS = [32]


def make_data_augmentation():
    return keras.Sequential(
        [
            layers.Rescaling(1.0 / 255),
            layers.Resizing(IMAGE_SIZE, IMAGE_SIZE),
            layers.RandomFlip("horizontal"),
            layers.RandomRotation(factor=0.02),
            layers.RandomZoom(height_factor=0.2, width_factor=0.2),
        ],
        name="data_augmentation",
    )


class ShiftedPatchTokenization(layers.Layer):
    def __init__(self, image_size=IMAGE_SIZE, patch_size=PATCH_SIZE, num_patches=NUM_PATCHES,
                 projection_dim=PROJECTION_DIM, vanilla=False, **kwargs):
        super().__init__(**kwargs)
        self.vanilla = vanilla  # Flag to swtich to vanilla patch extractor
        self.image_size = image_size
        self.patch_size = patch_size
        self.half_patch = patch_size // 2
        self.flatten_patches = layers.Reshape((num_patches, -1))
        self.projection = layers.Dense(units=projection_dim)
        self.layer_norm = layers.LayerNormalization(epsilon=LAYER_NORM_EPS)

    def crop_shift_pad(self, images, mode):
        if mode == "left-up":
            crop_height, crop_width, shift_height, shift_width = self.half_patch, self.half_patch, 0, 0
        elif mode == "left-down":
            crop_height, crop_width, shift_height, shift_width = 0, self.half_patch, self.half_patch, 0
        elif mode == "right-up":
            crop_height, crop_width, shift_height, shift_width = self.half_patch, 0, 0, self.half_patch
        else:
            crop_height, crop_width, shift_height, shift_width = 0, 0, self.half_patch, self.half_patch
        crop = tf.image.crop_to_bounding_box(
            images, offset_height=crop_height, offset_width=crop_width,
            target_height=self.image_size - self.half_patch,
            target_width=self.image_size - self.half_patch,
        )
        shift_pad = tf.image.pad_to_bounding_box(
            crop, offset_height=shift_height, offset_width=shift_width,
            target_height=self.image_size, target_width=self.image_size,
        )
        return shift_pad

    def call(self, images):
        if not self.vanilla:
            images = ops.concatenate(
                [
                    images,
                    self.crop_shift_pad(images, mode="left-up"),
                    self.crop_shift_pad(images, mode="left-down"),
                    self.crop_shift_pad(images, mode="right-up"),
                    self.crop_shift_pad(images, mode="right-down"),
                ],
                axis=-1,
            )
        patches = tf.image.extract_patches(
            images=images,
            sizes=[1, self.patch_size, self.patch_size, 1],
            strides=[1, self.patch_size, self.patch_size, 1],
            rates=[1, 1, 1, 1],
            padding="VALID",
        )
        flat_patches = self.flatten_patches(patches)
        if not self.vanilla:
            tokens = self.layer_norm(flat_patches)
            tokens = self.projection(tokens)
        else:
            tokens = self.projection(flat_patches)
        return (tokens, patches)


class PatchEncoder(layers.Layer):
    def __init__(self, num_patches=NUM_PATCHES, projection_dim=PROJECTION_DIM, **kwargs):
        super().__init__(**kwargs)
        self.num_patches = num_patches
        self.position_embedding = layers.Embedding(input_dim=num_patches, output_dim=projection_dim)
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
                           return_attention_scores=False, use_causal_mask=False):
        query = ops.multiply(query, 1.0 / self.tau)
        attention_scores = ops.einsum(self._dot_product_equation, key, query)
        attention_scores = self._masked_softmax(attention_scores, attention_mask)
        attention_scores_dropout = self._dropout_layer(attention_scores, training=training)
        attention_output = ops.einsum(self._combine_equation, attention_scores_dropout, value)
        return attention_output, attention_scores


def mlp(x, hidden_units, dropout_rate):
    for units in hidden_units:
        x = layers.Dense(units, activation="gelu")(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


def create_vit_classifier(vanilla=False):
    # Build the diagonal attention mask
    diag_attn_mask = 1 - ops.eye(NUM_PATCHES)
    diag_attn_mask = ops.cast([diag_attn_mask], dtype="int8")

    inputs = layers.Input(shape=INPUT_SHAPE)
    augmented = make_data_augmentation()(inputs)
    (tokens, _) = ShiftedPatchTokenization(vanilla=vanilla)(augmented)
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
    model = keras.Model(inputs=inputs, outputs=logits)
    return model


def build_model():
    return create_vit_classifier(vanilla=False)
