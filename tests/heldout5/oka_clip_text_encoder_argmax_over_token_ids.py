"""Correct: a Keras 3 CLIP built from helper functions picks the end-of-text feature with `ops.argmax` over the token ids.

keras-vision-models' CLIP is functional code written with `keras.ops` on symbolic tensors: the
text encoder finds the end-of-text token as `ops.argmax(inputs, axis=-1)` over the *input token
ids*, turns it into a one-hot and selects that position's feature with `ops.einsum`; the causal
mask is a constant built with `ops.triu(ops.ones(...))` while wiring; the learned temperature
lives in a `CLIPLogitScale` layer created inside the `clip_head()` helper; the vision embedding
concatenates the class token with a `Concatenate` layer made inside its `call()`. Every one of
these looks like a classic wiring mistake (argmax in the graph, constants and layers made at
call/wiring time), but the argmax only reads the integer ids, which need no gradient, and every
weight sits in a layer of the graph: all are counted and all get a gradient.
"""

SOURCE = "https://github.com/IMvision12/keras-vision-models/blob/main/kmodels/models/clip/clip_model.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oka_clip_text_encoder_argmax_over_token_ids.py:
as returned: Functional, count_params() = 8193, 46 weights, unbuilt: none
after call: count_params() = 8193, 46 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 46 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'text_model_embedding': 416, 'vision_model_embeddings': 96, 'clip_attention_1': 1088, 'clip_attention': 1088, 'logit_scale': 1}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import layers, ops


class CLIPAttention(keras.layers.Layer):
    def __init__(self, proj_dim, num_heads, name_prefix=None, **kwargs):
        super().__init__(**kwargs)
        self.proj_dim = proj_dim
        self.num_heads = num_heads
        self.head_dim = proj_dim // num_heads
        self.scale = self.head_dim**-0.5
        self.q_proj = keras.layers.Dense(proj_dim, name=f"{name_prefix}_q_proj")
        self.k_proj = keras.layers.Dense(proj_dim, name=f"{name_prefix}_k_proj")
        self.v_proj = keras.layers.Dense(proj_dim, name=f"{name_prefix}_v_proj")
        self.out_proj = keras.layers.Dense(proj_dim, name=f"{name_prefix}_out_proj")

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.q_proj.build((None, input_dim))
        self.k_proj.build((None, input_dim))
        self.v_proj.build((None, input_dim))
        self.out_proj.build((None, self.proj_dim))
        self.built = True

    def transpose_for_scores(self, x):
        x = ops.reshape(x, (ops.shape(x)[0], ops.shape(x)[1], self.num_heads, self.head_dim))
        return ops.transpose(x, (0, 2, 1, 3))

    def call(self, hidden_states, attention_mask=None):
        batch_size = ops.shape(hidden_states)[0]
        x_q = self.transpose_for_scores(self.q_proj(hidden_states))
        x_k = self.transpose_for_scores(self.k_proj(hidden_states))
        x_v = self.transpose_for_scores(self.v_proj(hidden_states))
        x = ops.matmul(x_q, ops.transpose(x_k, (0, 1, 3, 2))) * self.scale
        if attention_mask is not None:
            x = x + attention_mask
        x = ops.matmul(ops.softmax(x, axis=-1), x_v)
        x = ops.reshape(ops.transpose(x, (0, 2, 1, 3)), (batch_size, -1, self.proj_dim))
        return (self.out_proj(x),)


class VisionModelEmbedding(keras.layers.Layer):
    def __init__(self, width, input_resolution, patch_size, **kwargs):
        super().__init__(**kwargs)
        self.width = width
        self.num_patches = (input_resolution // patch_size) ** 2

    def build(self, input_shape):
        self.class_embedding = self.add_weight(shape=(self.width,), name="class_embedding")
        self.positional_embedding = self.add_weight(shape=(self.num_patches + 1, self.width), name="positional_embedding")
        super().build(input_shape)

    def call(self, inputs):
        batch_size = ops.shape(inputs)[0]
        patch_embeddings = ops.reshape(inputs, (batch_size, self.num_patches, -1))
        class_embed = ops.broadcast_to(self.class_embedding.value, (batch_size, 1, self.width))
        embeddings = keras.layers.Concatenate(axis=1)([class_embed, patch_embeddings])
        return embeddings + self.positional_embedding


class TextModelEmbedding(keras.layers.Layer):
    def __init__(self, vocab_size, context_length, embedding_dim, **kwargs):
        super().__init__(**kwargs)
        self.context_length = context_length
        self.embedding_dim = embedding_dim
        self.token_embedding = keras.layers.Embedding(vocab_size, embedding_dim, name="token_embedding")
        self.position_embedding = keras.layers.Embedding(context_length, embedding_dim, name="positional_embedding")

    def build(self, input_shape):
        self.token_embedding.build((None, self.context_length))
        self.position_embedding.build((None, self.context_length))
        self.built = True

    def call(self, inputs):
        token_embeddings = self.token_embedding(inputs)
        position_ids = ops.expand_dims(ops.arange(self.context_length, dtype="int32"), 0)
        position_embeddings = ops.tile(self.position_embedding(position_ids), (ops.shape(inputs)[0], 1, 1))
        return token_embeddings + position_embeddings

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.context_length, self.embedding_dim)


class CLIPLogitScale(keras.layers.Layer):
    def __init__(self, initial_value=0.07, **kwargs):
        super().__init__(**kwargs)
        self.initial_value = initial_value

    def build(self, input_shape):
        self.logit_scale = self.add_weight(
            shape=(), initializer=keras.initializers.Constant(value=ops.log(1 / self.initial_value)), name="logit_scale"
        )

    def call(self, inputs):
        image_embeddings, text_embeddings = inputs
        image_logits = ops.matmul(image_embeddings, ops.transpose(text_embeddings)) * ops.exp(self.logit_scale)
        return image_logits, ops.transpose(image_logits)


def quick_gelu(x):
    return x * ops.sigmoid(1.702 * x)


def residual_attention_block(x, proj_dim, num_heads, layer_name_prefix, layer_idx, attention_mask=None):
    layer_prefix = f"{layer_name_prefix}_{layer_idx}"
    ln_1_output = keras.layers.LayerNormalization(epsilon=1e-5, name=f"{layer_prefix}_layernorm_1")(x)
    attention_output = CLIPAttention(proj_dim=proj_dim, num_heads=num_heads, name_prefix=f"{layer_prefix}_attn")(
        ln_1_output, attention_mask=attention_mask
    )[0]
    residual_1 = keras.layers.Add()([x, attention_output])
    ln_2_output = keras.layers.LayerNormalization(epsilon=1e-5, name=f"{layer_prefix}_layernorm_2")(residual_1)
    mlp_output = keras.layers.Dense(proj_dim * 4, name=f"{layer_prefix}_dense_1")(ln_2_output)
    mlp_output = keras.layers.Lambda(quick_gelu)(mlp_output)
    mlp_output = keras.layers.Dense(proj_dim, name=f"{layer_prefix}_dense_2")(mlp_output)
    return keras.layers.Add()([residual_1, mlp_output])


def clip_encoder(inputs, width, num_layers, heads, layer_prefix=None, attention_mask=None):
    x = inputs
    for i in range(num_layers):
        x = residual_attention_block(x, width, heads, layer_prefix, i, attention_mask=attention_mask)
    return x


def clip_image_encoder(inputs, input_resolution, patch_size, width, num_layers, heads, output_dim):
    patch_embeddings = keras.layers.Conv2D(
        width, kernel_size=patch_size, strides=patch_size, use_bias=False, name="vision_model_conv"
    )(inputs)
    embeddings = VisionModelEmbedding(width, input_resolution, patch_size, name="vision_model_embeddings")(
        patch_embeddings
    )
    x = keras.layers.LayerNormalization(epsilon=1e-5, name="vision_model_layernorm_1")(embeddings)
    encoded = clip_encoder(x, width, num_layers, heads, layer_prefix="vision_model_encoder")
    class_token = keras.layers.Lambda(lambda x: x[:, 0, :], name="extract_token")(encoded)
    x = keras.layers.LayerNormalization(epsilon=1e-5, name="vision_model_layernorm_2")(class_token)
    return keras.layers.Dense(output_dim, use_bias=False, name="visual_projection")(x)


def clip_text_encoder(inputs, attention_mask, width, num_layers, heads, vocab_size, embed_dim, context_length):
    x = TextModelEmbedding(vocab_size, context_length, width, name="text_model_embedding")(inputs)
    causal_attention_mask = ops.cast(ops.triu(ops.ones((context_length, context_length))), "float32")
    expanded_mask = ops.reshape(ops.cast(attention_mask, dtype="float32"), (-1, 1, 1, context_length))
    expanded_mask = ops.repeat(expanded_mask, context_length, axis=2)
    expanded_mask = (1.0 - expanded_mask) * (-1e8)
    mask = ops.add(causal_attention_mask, expanded_mask)
    encoded_output = clip_encoder(x, width, num_layers, heads, layer_prefix="text_model_encoder", attention_mask=mask)
    layer_norm = keras.layers.LayerNormalization(name="text_model_layernorm")(encoded_output)

    # The end-of-text token has the largest id: pick its position from the ids themselves.
    indices = ops.argmax(inputs, axis=-1)
    one_hot_indices = ops.one_hot(indices, context_length)
    selected_features = ops.einsum("bi,bij->bj", one_hot_indices, layer_norm)
    selected_features = ops.expand_dims(selected_features, axis=1)
    text_features = keras.layers.Dense(embed_dim, name="text_projection", use_bias=False)(selected_features)
    return ops.squeeze(text_features, axis=1)


def clip_head(image_embeddings, text_embeddings):
    image_embeddings = image_embeddings / ops.sqrt(ops.sum(ops.power(image_embeddings, 2), keepdims=True))
    text_embeddings = text_embeddings / ops.sqrt(ops.sum(ops.power(text_embeddings, 2), keepdims=True))
    logit_scale_layer = CLIPLogitScale(initial_value=0.07, name="logit_scale")
    return logit_scale_layer([image_embeddings, text_embeddings])


def build_model(image_size=8, patch_size=4, width=16, heads=2, layers_=1, context_length=6, vocab_size=20, embed_dim=8):
    images_input = layers.Input(shape=[image_size, image_size, 3], name="images")
    token_ids_input = layers.Input(shape=[context_length], name="token_ids")
    padding_mask_input = layers.Input(shape=[context_length], name="padding_mask")
    image_embeddings = clip_image_encoder(images_input, image_size, patch_size, width, layers_, heads, embed_dim)
    text_embeddings = clip_text_encoder(
        token_ids_input, padding_mask_input, width, layers_, heads, vocab_size, embed_dim, context_length
    )
    image_logits, text_logits = clip_head(image_embeddings, text_embeddings)
    inputs = {"images": images_input, "token_ids": token_ids_input, "padding_mask": padding_mask_input}
    model = keras.Model(inputs=inputs, outputs={"image_logits": image_logits, "text_logits": text_logits})
    # Two captions, end-of-text id 19 (the largest id) followed by padding, as the processor makes them.
    batch = {
        "images": np.random.default_rng(0).random((2, image_size, image_size, 3)).astype("float32"),
        "token_ids": np.array([[3, 5, 19, 0, 0, 0], [2, 19, 0, 0, 0, 0]], dtype="float32"),
        "padding_mask": np.array([[1, 1, 1, 0, 0, 0], [1, 1, 0, 0, 0, 0]], dtype="float32"),
    }
    return model, batch
