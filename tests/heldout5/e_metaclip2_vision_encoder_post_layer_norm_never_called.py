"""A keras-hub-style MetaCLIP 2 vision encoder creates `post_layer_norm` but never calls it in its functional graph.

`MetaCLIP2VisionEncoder` is a keras-hub `Backbone` (a functional-model subclass). Its `__init__`
creates the patch embedding, `pre_layer_norm`, the list of encoder blocks and a `post_layer_norm`,
then wires images -> embedding -> pre-norm -> blocks and passes the last block's output to
`super().__init__(inputs=..., outputs=...)`. `post_layer_norm` is assigned to the model but never
applied: it stays unbuilt, holds no weights, and nothing tells the user that the norm the
checkpoint converter expects is missing. The fix removed the dead layer (the norm already lives in
the CLIP backbone that wraps this encoder). Dimensions are shrunk here.
"""

SOURCE = "https://github.com/keras-team/keras-hub/commit/befe0a505bb7be8983e1b2f95c9b6b6055c223c6"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_metaclip2_vision_encoder_post_layer_norm_never_called.py:
warning: `build()` was called on layer 'vision_encoder', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, 
as returned: MetaCLIP2VisionEncoder, count_params() = 7120, 37 weights, unbuilt: ['LayerNormalization:vision_encoder_post_layer_norm']
after call: count_params() = 7120, 37 trainable weights, unbuilt: ['LayerNormalization:vision_encoder_post_layer_norm']; output dtypes ['float32']
gradient None for 0 of 37 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'vision_encoder_embedding': 2640, 'vision_encoder_encoder_block_0': 2224, 'vision_encoder_encoder_block_1': 2224}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class MetaCLIP2VisionEmbedding(layers.Layer):
    def __init__(self, hidden_dim, patch_size, image_size, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.num_positions = (image_size // patch_size) ** 2 + 1
        self.patch_embedding = layers.Conv2D(hidden_dim, kernel_size=patch_size, strides=patch_size,
                                             use_bias=False, name="patch_embedding")
        self.position_embedding = layers.Embedding(self.num_positions, hidden_dim, name="position_embedding")

    def build(self, input_shape):
        self.class_embedding = self.add_weight(shape=(self.hidden_dim,), initializer="random_normal",
                                               name="class_embedding")
        self.patch_embedding.build(input_shape)
        self.position_embedding.build((1, self.num_positions))

    def call(self, inputs):
        batch_size = ops.shape(inputs)[0]
        patches = self.patch_embedding(inputs)
        patches = ops.reshape(patches, (batch_size, -1, self.hidden_dim))
        class_embeddings = ops.broadcast_to(self.class_embedding[None, None, :], (batch_size, 1, self.hidden_dim))
        embeddings = ops.concatenate([class_embeddings, patches], axis=1)
        positions = ops.expand_dims(ops.arange(self.num_positions), 0)
        return embeddings + self.position_embedding(positions)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.num_positions, self.hidden_dim)


class MetaCLIP2EncoderLayer(layers.Layer):
    def __init__(self, hidden_dim, num_heads, intermediate_dim, **kwargs):
        super().__init__(**kwargs)
        self.layer_norm_1 = layers.LayerNormalization(epsilon=1e-5, name="layer_norm_1")
        self.attention = layers.MultiHeadAttention(num_heads, hidden_dim // num_heads, name="attention")
        self.layer_norm_2 = layers.LayerNormalization(epsilon=1e-5, name="layer_norm_2")
        self.dense_1 = layers.Dense(intermediate_dim, name="dense_1")
        self.dense_2 = layers.Dense(hidden_dim, name="dense_2")

    def call(self, x):
        residual = x
        x = self.layer_norm_1(x)
        x = residual + self.attention(x, x)
        residual = x
        x = self.dense_1(self.layer_norm_2(x))
        x = x * ops.sigmoid(1.702 * x)  # quick_gelu
        return residual + self.dense_2(x)


class MetaCLIP2VisionEncoder(keras.Model):
    def __init__(self, patch_size, hidden_dim, num_layers, num_heads, intermediate_dim, image_shape=(224, 224, 3),
                 name=None, **kwargs):
        prefix = str(name) + "_" if name is not None else ""
        self.embedding = MetaCLIP2VisionEmbedding(hidden_dim=hidden_dim, patch_size=patch_size,
                                                  image_size=image_shape[0], name=f"{prefix}embedding")
        self.pre_layer_norm = layers.LayerNormalization(epsilon=1e-5, name=f"{prefix}pre_layer_norm")
        self.encoder_layers = [
            MetaCLIP2EncoderLayer(hidden_dim, num_heads, intermediate_dim, name=f"{prefix}encoder_block_{i}")
            for i in range(num_layers)
        ]
        self.post_layer_norm = layers.LayerNormalization(epsilon=1e-5, name=f"{prefix}post_layer_norm")

        image_input = layers.Input(shape=image_shape, name="images")
        x = self.embedding(image_input)
        x = self.pre_layer_norm(x)
        for block in self.encoder_layers:
            x = block(x)
        sequence_output = x

        super().__init__(inputs={"images": image_input}, outputs=sequence_output, name=name, **kwargs)
        self.patch_size = patch_size
        self.hidden_dim = hidden_dim
        self.num_layers = num_layers


def build_model():
    return MetaCLIP2VisionEncoder(patch_size=7, hidden_dim=16, num_layers=2, num_heads=2, intermediate_dim=32,
                                  image_shape=(28, 28, 3), name="vision_encoder")
