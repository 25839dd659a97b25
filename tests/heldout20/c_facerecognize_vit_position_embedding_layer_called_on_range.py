"""A face-recognition ViT whose `PositionEmbeddingLayer` (a table made with `add_weight`) is called on
a concrete `tf.range(num_patches)` while the functional model is wired, outside the Keras graph.

From nguyenminhduc0233/Face-Recognize (`Model/vit_model.py` with `Model/PositionEmbeddingLayer.py`,
`PatchEmbeddingLayer.py`, `PatchExtractionLayer.py`). `position_embedding_layer(positions)` runs
eagerly at wiring time (its input is not a Keras tensor), so it returns a plain tensor that enters the
graph as a constant through `patch_embeddings + position_embeddings`. The layer and its
`(num_patches, embedding_dim)` table are not part of the model: not counted, not trained, not saved
with `model.save('vit_model_final_v29.keras')` (the `@register_keras_serializable` decorator does not
help, the layer is not in the graph).

Porting edits: the three layer files inlined; `tf.keras.layers.Layer` -> `keras.layers.Layer` (the ops
stay `tf.*`); `input_shape` (160, 160, 3) -> (32, 32, 3), `patch_size` 8 (so 16 patches instead of 400),
`embedding_dim` 128 -> 16, 351 labels -> 5; `PatchExtractionLayer` gets a
`compute_output_shape()` so the Dense after it sees the static patch dimension on Keras 3; `build_model()` returns the model of
`transfomer_encoder_mlp_head()` without the training in `train_model()`.
"""

SOURCE = "https://github.com/nguyenminhduc0233/Face-Recognize/blob/d781e7aa73d986e37b66ae4367d37ddd2f85102a/Model/vit_model.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/c_facerecognize_vit_position_embedding_layer_called_on_range.py:
as returned: Functional, count_params() = 4597, 18 weights, unbuilt: none
after call: count_params() = 4597, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patch_extraction_layer': 0, 'patch_embedding_layer': 3088}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine20a/peprobe.py): PositionEmbeddingLayer is not in model.layers (layer types:
Add, Dense, Dropout, GlobalAveragePooling1D, InputLayer, LayerNormalization, MultiHeadAttention,
PatchEmbeddingLayer, PatchExtractionLayer); its 16x16 = 256-value table is missing from
count_params() = 4597 and from the tape: the graph holds its value as a constant."""

import keras
import tensorflow as tf
from keras import layers, models


# Lớp trích xuất patch từ ảnh
@keras.saving.register_keras_serializable(package="c_facerecognize")
class PatchExtractionLayer(keras.layers.Layer):
    def __init__(self, patch_size, **kwargs):
        super(PatchExtractionLayer, self).__init__(**kwargs)
        self.patch_size = patch_size

    def call(self, images):
        batch_size = tf.shape(images)[0]
        height = tf.shape(images)[1]
        width = tf.shape(images)[2]
        channels = tf.shape(images)[3]

        patch_size = self.patch_size

        patches = tf.image.extract_patches(
            images,
            sizes=[1, patch_size, patch_size, 1],
            strides=[1, patch_size, patch_size, 1],
            rates=[1, 1, 1, 1],
            padding='VALID'
        )

        patch_shape = tf.shape(patches)
        num_patches = patch_shape[1] * patch_shape[2]
        patches = tf.reshape(patches, [batch_size, num_patches, patch_size * patch_size * channels])

        return patches

    def compute_output_shape(self, input_shape):
        n = (input_shape[1] // self.patch_size) * (input_shape[2] // self.patch_size)
        return (input_shape[0], n, self.patch_size * self.patch_size * input_shape[3])


# Lớp embedding cho patch
@keras.saving.register_keras_serializable(package="c_facerecognize")
class PatchEmbeddingLayer(keras.layers.Layer):
    def __init__(self, embedding_dim, **kwargs):
        super(PatchEmbeddingLayer, self).__init__(**kwargs)
        self.embedding_dim = embedding_dim
        self.dense = keras.layers.Dense(embedding_dim)

    def call(self, patches):
        return self.dense(patches)


# Lớp embedding cho position
@keras.saving.register_keras_serializable(package="c_facerecognize")
class PositionEmbeddingLayer(keras.layers.Layer):
    def __init__(self, num_patches, embedding_dim, **kwargs):
        super(PositionEmbeddingLayer, self).__init__(**kwargs)
        self.num_patches = num_patches
        self.embedding_dim = embedding_dim
        self.position_embeddings = self.add_weight(
            shape=(num_patches, embedding_dim),
            initializer='random_normal',
            trainable=True
        )

    def call(self, positions):
        return tf.gather(self.position_embeddings, positions)


# Hàm cộng patch embeddings và position embeddings
def add_patch_and_position_embeddings(patch_embeddings, position_embeddings):
    return patch_embeddings + position_embeddings


def transfomer_encoder_mlp_head(input_shape, num_labels, patch_size, num_patches, embedding_dim):

    inputs = layers.Input(shape=input_shape)

    # Tạo patch embeddings
    patch_extraction_layer = PatchExtractionLayer(patch_size)
    patch_extraction = patch_extraction_layer(inputs)

    patch_embedding_layer = PatchEmbeddingLayer(embedding_dim)
    patch_embeddings = patch_embedding_layer(patch_extraction)

    # Tạo position embeddings
    position_embedding_layer = PositionEmbeddingLayer(num_patches, embedding_dim)
    positions = tf.range(num_patches)  # Giả sử các vị trí từ 0 đến num_patches-1
    position_embeddings = position_embedding_layer(positions)

    # Cộng patch embeddings và position embeddings
    combined_embeddings = add_patch_and_position_embeddings(patch_embeddings, position_embeddings)

    # Áp dụng Layer Normalization
    layer_norm = layers.LayerNormalization(epsilon=1e-6)
    normalized_patches = layer_norm(combined_embeddings)

    num_kernel = normalized_patches.shape[-1]

    # Khởi tạo một lớp MultiHeadAttention
    mha = layers.MultiHeadAttention(num_heads=8, key_dim=num_kernel//8)

    # Trong trường hợp này, chúng ta sử dụng cùng một tensor làm query, key, và value
    x = mha(query = normalized_patches, key = normalized_patches, value = normalized_patches)

    mix = layers.Add()([x, combined_embeddings])

    x = layers.LayerNormalization()(mix)

    # Thêm MLP
    x = layers.Dense(units=num_kernel, activation='relu')(x)

    output_2 = x

    output_3 = layers.Add()([output_2, mix])

    # MLP Head

    output_3 = layers.GlobalAveragePooling1D()(output_3)

    output_3 = layers.Dropout(0.2)(output_3)

    # Dự đoán các lớp đích
    outputs = layers.Dense(units=num_labels, activation="softmax")(output_3)

    model = models.Model(inputs=inputs, outputs=outputs)

    return model


def build_model():
    return transfomer_encoder_mlp_head(input_shape=(32, 32, 3), num_labels=5, patch_size=8,
                                       num_patches=16, embedding_dim=16)
