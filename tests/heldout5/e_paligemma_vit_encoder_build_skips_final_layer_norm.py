"""A keras-hub-style ViT encoder builds its embeddings and blocks in `build()` but not its final `encoder_layer_norm`.

In KerasNLP's first PaliGemma vision tower, `VitEncoder` creates `encoder_layer_norm`,
`vision_embeddings` and a list of `VitEncoderBlock`s in `__init__`; its `build()` builds the
embeddings and every block by hand (each block in turn creates and builds its attention, MLP and
norms), but not `encoder_layer_norm`, which only `call()` runs. `PaliGemmaViT` is a functional
model, and with `compute_output_shape()` defined the encoder is wired without tracing `call()`: the
final norm stays unbuilt, its weights are missing from `count_params()` and from the model until a
real forward pass, so the checkpoint-conversion script had to push dummy images through the model
before it could set weights. The fix ("Fix ViT build issue") adds
`self.encoder_layer_norm.build([None, None, self.hidden_dim])`. Dimensions are shrunk here.
"""

SOURCE = "https://github.com/keras-team/keras-hub/commit/cc75a69dac58ea040b77e26ac909c8650e2f8b7b"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_paligemma_vit_encoder_build_skips_final_layer_norm.py:
as returned: PaliGemmaViT, count_params() = 7208, 37 weights, unbuilt: ['LayerNormalization:encoder_layer_norm']
after call: count_params() = 7240, 39 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 39 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'image_encoder': 7104, 'encoder_block_1': 2224, 'multi_head_attention': 1088, 'encoder_block_0': 2224, 'vision_embeddings': 2624}
second call: 0 variables watched that the first call did not use
also measured (weights of a called model put into a fresh build_model()): load_weights raised ValueError: A total of 1 objects could not be loaded (encoder_layer_norm, built=False); set_weights raised ValueError: ... a weight list of length 39, but the layer was expecting 37 weights"""

import keras
from keras import ops


class VisionEmbeddings(keras.layers.Layer):
    def __init__(self, hidden_dim, image_size=224, patch_size=14, num_channels=3, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.image_size = image_size
        self.patch_size = patch_size
        self.num_channels = num_channels
        self.patch_embedding = keras.layers.Conv2D(filters=self.hidden_dim, kernel_size=self.patch_size,
                                                   strides=self.patch_size, padding="valid", activation=None)
        self.num_patches = (self.image_size // self.patch_size) ** 2
        self.num_positions = self.num_patches
        self.position_embedding = keras.layers.Embedding(self.num_positions, self.hidden_dim,
                                                         name="position_embedding")
        self.position_ids = ops.expand_dims(ops.arange(self.num_positions), axis=0)

    def build(self, input_shape):
        self.patch_embedding.build(input_shape)
        self.position_embedding.build([1, self.num_positions])
        self.built = True

    def call(self, input_tokens):
        x = self.patch_embedding(input_tokens)
        input_shape = ops.shape(x)
        x = ops.reshape(x, [input_shape[0], -1, input_shape[-1]])
        return x + self.position_embedding(self.position_ids)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.num_patches, self.hidden_dim)


class PaliGemmaAttention(keras.layers.Layer):
    def __init__(self, hidden_dim, num_heads, dropout=0.0, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.num_heads = num_heads
        self.head_dim = self.hidden_dim // self.num_heads
        self.dropout_layer = keras.layers.Dropout(dropout)
        self.query_proj = keras.layers.Dense(units=self.hidden_dim, name="query_proj")
        self.key_proj = keras.layers.Dense(units=self.hidden_dim, name="key_proj")
        self.value_proj = keras.layers.Dense(units=self.hidden_dim, name="value_proj")
        self.out_proj = keras.layers.Dense(units=self.hidden_dim, name="out_proj")

    def build(self, input_shape):
        self.query_proj.build([None, None, self.hidden_dim])
        self.key_proj.build([None, None, self.hidden_dim])
        self.value_proj.build([None, None, self.hidden_dim])
        self.out_proj.build([None, None, self.hidden_dim])
        self.built = True

    def _transpose_for_scores(self, tensor, batch_size):
        tensor = ops.reshape(tensor, (batch_size, -1, self.num_heads, self.head_dim))
        return ops.transpose(tensor, axes=[0, 2, 1, 3])

    def call(self, x, attention_mask=None, training=False):
        batch_size = ops.shape(x)[0]
        query_layer = self._transpose_for_scores(self.query_proj(x), batch_size)
        key_layer = self._transpose_for_scores(self.key_proj(x), batch_size)
        value_layer = self._transpose_for_scores(self.value_proj(x), batch_size)
        attention_scores = ops.matmul(query_layer, ops.transpose(key_layer, axes=[0, 1, 3, 2]))
        attention_scores = attention_scores / ops.cast(ops.sqrt(self.head_dim), attention_scores.dtype)
        if attention_mask is not None:
            attention_scores = ops.add(attention_scores, attention_mask)
        attention_probs = self.dropout_layer(ops.softmax(attention_scores, axis=-1), training=training)
        attn_output = ops.transpose(ops.matmul(attention_probs, value_layer), axes=[0, 2, 1, 3])
        attn_output = ops.reshape(attn_output, (batch_size, -1, self.hidden_dim))
        return (self.out_proj(attn_output), attention_probs)


class VitEncoderBlock(keras.layers.Layer):
    def __init__(self, num_heads, intermediate_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = None
        self.num_heads = num_heads
        self.intermediate_dim = intermediate_dim

    def build(self, input_shape):
        self.hidden_dim = input_shape[-1]
        self.attn = PaliGemmaAttention(self.hidden_dim, self.num_heads, name="multi_head_attention")
        self.layer_norm_1 = keras.layers.LayerNormalization(epsilon=1e-6, name="layer_norm_1")
        self.mlp_dense_1 = keras.layers.Dense(self.intermediate_dim, name="mlp_dense_1")
        self.mlp_dense_2 = keras.layers.Dense(self.hidden_dim, name="mlp_dense_2")
        self.layer_norm_2 = keras.layers.LayerNormalization(epsilon=1e-6, name="layer_norm_2")
        self.attn.build(None)
        self.layer_norm_1.build([None, None, self.hidden_dim])
        self.mlp_dense_1.build([None, None, self.hidden_dim])
        self.mlp_dense_2.build([None, None, self.intermediate_dim])
        self.layer_norm_2.build([None, None, self.hidden_dim])
        self.built = True

    def call(self, x, mask=None):
        residual = x
        x = self.attn(self.layer_norm_1(x))[0]
        x = x + residual
        residual = x
        x = self.mlp_dense_1(self.layer_norm_2(residual))
        x = keras.activations.gelu(x, approximate=True)
        return residual + self.mlp_dense_2(x)

    def compute_output_shape(self, inputs_shape):
        return inputs_shape


class VitEncoder(keras.layers.Layer):
    def __init__(self, hidden_dim, num_layers, num_heads, intermediate_dim, patch_size, image_size, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.num_layers = num_layers
        self.num_heads = num_heads
        self.intermediate_dim = intermediate_dim
        self.patch_size = patch_size
        self.encoder_layer_norm = keras.layers.LayerNormalization(epsilon=1e-6, name="encoder_layer_norm")
        self.vision_embeddings = VisionEmbeddings(hidden_dim=hidden_dim, image_size=image_size,
                                                  patch_size=patch_size)
        self.resblocks = [
            VitEncoderBlock(self.num_heads, self.intermediate_dim, name=f"encoder_block_{i}")
            for i in range(self.num_layers)
        ]

    def build(self, input_shape):
        self.vision_embeddings.build(input_shape)
        for block in self.resblocks:
            block.build([None, None, self.hidden_dim])
        self.built = True

    def call(self, x, mask=None):
        x = self.vision_embeddings(x)
        for block in self.resblocks:
            x = block(x, mask=mask)
        return self.encoder_layer_norm(x)

    def compute_output_shape(self, inputs_shape):
        return [inputs_shape[0], inputs_shape[1], self.hidden_dim]


class PaliGemmaViT(keras.Model):
    def __init__(self, num_heads=2, hidden_dim=16, num_layers=2, intermediate_dim=32, pooling="gap",
                 num_classes=8, image_resolution=28, patch_size=7, classifier_activation=None, name=None, **kwargs):
        inputs = keras.Input(shape=(image_resolution, image_resolution, 3), name="images")
        encoded = VitEncoder(hidden_dim, num_layers, num_heads, intermediate_dim, patch_size=patch_size,
                             image_size=image_resolution, name="image_encoder")(inputs)
        if pooling == "gap":
            pooled = ops.mean(encoded, axis=1)
        elif pooling is None:
            pooled = encoded
        else:
            raise ValueError(f"Invalid value for argument `pooling`. Received: pooling={pooling}")
        outputs = keras.layers.Dense(num_classes, activation=classifier_activation, name="classifier")(pooled)
        super().__init__(inputs=inputs, outputs=outputs, name=name, **kwargs)
        self.num_heads = num_heads
        self.hidden_dim = hidden_dim
        self.pooling = pooling
        self.image_resolution = image_resolution
        self.patch_size = patch_size


def build_model():
    return PaliGemmaViT()
