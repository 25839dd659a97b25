"""vit-keras after its Keras 3 fix: every sublayer of the attention and transformer blocks is created in build() (never super().build()), and the MLP Sequential holds a gelu Lambda; all of it is tracked and trained.

From faustomorales/vit-keras, `vit_keras/layers.py` at 1631fbe (current master, after 512c987 "Make fixes for new
version of Keras" and 5957afd "Transition to vanilla Keras"). A naive checker sees: `MultiHeadSelfAttention.build`
and `TransformerBlock.build` assign four Dense layers, a Sequential, two LayerNormalizations and a Dropout to self
without calling them there and without `super().build()`; `ClassToken.build` / `AddPositionEmbs.build` never call
`super().build()` either; the MLP block wraps `keras.activations.gelu` in a `Lambda`. On Keras 3 the sublayers made in
build() are tracked (attribute assignment) and built on their first call inside `call()`, Keras marks the outer layer
built after its build(), the weights come from `add_weight`, and the Lambda closes over nothing but a function.

Porting edits: none to the layers (the try/except import of keras is replaced by `import keras`). build_model() is
`vit_keras.vit.build_model` at the same commit with a tiny configuration (32x32 images, patch 8, hidden 16, 2 heads,
mlp 32, one encoder block, 10 classes).
"""

SOURCE = "https://github.com/faustomorales/vit-keras/blob/1631fbe301460d20c624fc93af0397db6416433a/vit_keras/layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bk/okbk_vitkeras_attention_sublayers_made_in_build_gelu_lambda_keras3_tracked.py:
as returned: Functional, count_params() = 5802, 24 weights, unbuilt: none
after call: count_params() = 5802, 24 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 24 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'class_token': 16, 'Transformer_posembed_input': 272, 'Transformer_encoderblock_0': 2224, 'MultiHeadDotProductAttention_1': 1088}
second call: 0 variables watched that the first call did not use"""

import keras

@keras.utils.register_keras_serializable()
class ClassToken(keras.layers.Layer):
    """Append a class token to an input layer."""

    def build(self, input_shape):
        self.hidden_size = input_shape[-1]
        self.cls = self.add_weight(
            shape=(1, 1, self.hidden_size),
            initializer="zeros",
            trainable=True,
            name="cls",
            dtype="float32",
        )

    def call(self, inputs):
        batch_size = keras.ops.shape(inputs)[0]
        cls_broadcasted = keras.ops.cast(
            keras.ops.broadcast_to(self.cls, [batch_size, 1, self.hidden_size]),
            dtype=inputs.dtype,
        )
        return keras.ops.concatenate([cls_broadcasted, inputs], 1)

    def get_config(self):
        config = super().get_config()
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


@keras.utils.register_keras_serializable()
class AddPositionEmbs(keras.layers.Layer):
    """Adds (optionally learned) positional embeddings to the inputs."""

    def build(self, input_shape):
        assert (
            len(input_shape) == 3
        ), f"Number of dimensions should be 3, got {len(input_shape)}"
        self.pe = self.add_weight(
            shape=(1, input_shape[1], input_shape[2]),
            initializer="random_normal",
            trainable=True,
            name="pos_embedding",
            dtype="float32",
        )

    def call(self, inputs):
        return inputs + keras.ops.cast(self.pe, dtype=inputs.dtype)

    def get_config(self):
        config = super().get_config()
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


@keras.utils.register_keras_serializable()
class MultiHeadSelfAttention(keras.layers.Layer):
    def __init__(self, *args, num_heads, **kwargs):
        super().__init__(*args, **kwargs)
        self.num_heads = num_heads

    def build(self, input_shape):
        hidden_size = input_shape[-1]
        num_heads = self.num_heads
        if hidden_size % num_heads != 0:
            raise ValueError(
                f"embedding dimension = {hidden_size} should be divisible by number of heads = {num_heads}"
            )
        self.hidden_size = hidden_size
        self.projection_dim = hidden_size // num_heads
        self.query_dense = keras.layers.Dense(hidden_size, name="query")
        self.key_dense = keras.layers.Dense(hidden_size, name="key")
        self.value_dense = keras.layers.Dense(hidden_size, name="value")
        self.combine_heads = keras.layers.Dense(hidden_size, name="out")

    def attention(self, query, key, value):
        score = keras.ops.matmul(query, keras.ops.transpose(key, axes=[0, 1, 3, 2]))
        dim_key = keras.ops.cast(keras.ops.shape(key)[-1], score.dtype)
        scaled_score = score / keras.ops.sqrt(dim_key)
        weights = keras.ops.softmax(scaled_score, axis=-1)
        output = keras.ops.matmul(weights, value)
        return output, weights

    def separate_heads(self, x, batch_size):
        x = keras.ops.reshape(x, (batch_size, -1, self.num_heads, self.projection_dim))
        return keras.ops.transpose(x, axes=[0, 2, 1, 3])

    def call(self, inputs):
        batch_size = keras.ops.shape(inputs)[0]
        query = self.query_dense(inputs)
        key = self.key_dense(inputs)
        value = self.value_dense(inputs)
        query = self.separate_heads(query, batch_size)
        key = self.separate_heads(key, batch_size)
        value = self.separate_heads(value, batch_size)

        attention, weights = self.attention(query, key, value)
        attention = keras.ops.transpose(attention, axes=[0, 2, 1, 3])
        concat_attention = keras.ops.reshape(
            attention, (batch_size, -1, self.hidden_size)
        )
        output = self.combine_heads(concat_attention)
        return output, weights

    def get_config(self):
        config = super().get_config()
        config.update({"num_heads": self.num_heads})
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


# pylint: disable=too-many-instance-attributes
@keras.utils.register_keras_serializable()
class TransformerBlock(keras.layers.Layer):
    """Implements a Transformer block."""

    def __init__(self, *args, num_heads, mlp_dim, dropout, **kwargs):
        super().__init__(*args, **kwargs)
        self.num_heads = num_heads
        self.mlp_dim = mlp_dim
        self.dropout = dropout

    def build(self, input_shape):
        self.att = MultiHeadSelfAttention(
            num_heads=self.num_heads,
            name="MultiHeadDotProductAttention_1",
        )
        self.mlpblock = keras.Sequential(
            [
                keras.layers.Dense(
                    self.mlp_dim,
                    activation="linear",
                    name=f"{self.name}_Dense_0",
                ),
                keras.layers.Lambda(
                    lambda x: keras.activations.gelu(x, approximate=False)
                ),
                keras.layers.Dropout(self.dropout),
                keras.layers.Dense(input_shape[-1], name=f"{self.name}_Dense_1"),
                keras.layers.Dropout(self.dropout),
            ],
            name="MlpBlock_3",
        )
        self.layernorm1 = keras.layers.LayerNormalization(
            epsilon=1e-6, name="LayerNorm_0"
        )
        self.layernorm2 = keras.layers.LayerNormalization(
            epsilon=1e-6, name="LayerNorm_2"
        )
        self.dropout_layer = keras.layers.Dropout(self.dropout)

    def call(self, inputs, training=False):
        x = self.layernorm1(inputs)
        x, weights = self.att(x)
        x = self.dropout_layer(x, training=training)
        x = x + inputs
        y = self.layernorm2(x)
        y = self.mlpblock(y)
        return x + y, weights

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_heads": self.num_heads,
                "mlp_dim": self.mlp_dim,
                "dropout": self.dropout,
            }
        )
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def build_model():
    image_size, patch_size, hidden_size = 32, 8, 16
    x = keras.layers.Input(shape=(image_size, image_size, 3))
    y = keras.layers.Conv2D(
        filters=hidden_size,
        kernel_size=patch_size,
        strides=patch_size,
        padding="valid",
        name="embedding",
    )(x)
    y = keras.layers.Reshape((y.shape[1] * y.shape[2], hidden_size))(y)
    y = ClassToken(name="class_token")(y)
    y = AddPositionEmbs(name="Transformer_posembed_input")(y)
    for n in range(1):
        y, _ = TransformerBlock(
            num_heads=2,
            mlp_dim=32,
            dropout=0.1,
            name=f"Transformer_encoderblock_{n}",
        )(y)
    y = keras.layers.LayerNormalization(epsilon=1e-6, name="Transformer_encoder_norm")(y)
    y = keras.layers.Lambda(lambda v: v[:, 0], name="ExtractToken")(y)
    y = keras.layers.Dense(10, name="head", activation="linear")(y)
    return keras.models.Model(inputs=x, outputs=y, name="ViT-tiny")
