"""CCT ported to keras-core: the positional Embedding is called on a constant `arange`, not on graph tensors.

While porting the keras.io Compact Convolutional Transformer to backend-agnostic Keras
(keras-core), the author kept the tf.keras recipe in the functional model builder:
`positions = ops.arange(sequence_length)` and `layers.Embedding(sequence_length, dim)(positions)`,
then `encoded_patches += position_embeddings`. On Keras 3 the Embedding is called eagerly on a
concrete tensor while the functional graph is being wired: its output is baked into the graph as a
constant and the Embedding layer never becomes part of the model. The report: works on TF/JAX but
"doesn't behave as expected" (and crashes on torch); the maintainers replaced it with a
PositionEmbedding layer that owns its weight.
"""

SOURCE = "https://github.com/keras-team/keras-core/issues/566"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py i_cct_position_embedding_outside_graph.py:
as returned: Functional, count_params() = 31819, 40 weights, unbuilt: none
after call: count_params() = 31819, 40 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 40 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cct_tokenizer': 10080, 'stochastic_depth': 0, 'stochastic_depth_1': 0, 'stochastic_depth_2': 0, 'stochastic_depth_3': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine11a/cct.py): no Embedding layer and no 'embeddings' variable in model.weights; the Embedding instance exists with 2048 params (64 positions x 32) but shifting its table by +5 leaves the model output unchanged (max diff 0.0): its output was frozen into the graph as a constant, never trained or saved."""

import keras
from keras import layers, ops

positional_emb = True
conv_layers = 2
projection_dim = 32
num_heads = 2
transformer_units = [projection_dim, projection_dim]
transformer_layers = 2
stochastic_depth_rate = 0.1
image_size = 32
input_shape = (32, 32, 3)
num_classes = 10


class CCTTokenizer(layers.Layer):
    def __init__(self, kernel_size=3, stride=1, padding=1, pooling_kernel_size=3, pooling_stride=2,
                 num_conv_layers=conv_layers, num_output_channels=(32, projection_dim),
                 positional_emb=positional_emb, **kwargs):
        super().__init__(**kwargs)
        self.conv_model = keras.Sequential()
        for i in range(num_conv_layers):
            self.conv_model.add(layers.Conv2D(num_output_channels[i], kernel_size, stride,
                                              padding="valid", use_bias=False, activation="relu",
                                              kernel_initializer="he_normal"))
            self.conv_model.add(layers.ZeroPadding2D(padding))
            self.conv_model.add(layers.MaxPooling2D(pooling_kernel_size, pooling_stride, "same"))
        self.positional_emb = positional_emb

    def call(self, images):
        outputs = self.conv_model(images)
        reshaped = ops.reshape(
            outputs, (-1, ops.shape(outputs)[1] * ops.shape(outputs)[2], ops.shape(outputs)[-1])
        )
        return reshaped

    def positional_embedding(self, image_size):
        # Positional embeddings are optional in CCT. Here, we calculate
        # the number of sequences and initialize an `Embedding` layer to
        # compute the positional embeddings later.
        if self.positional_emb:
            dummy_inputs = ops.ones((1, image_size, image_size, 3))
            dummy_outputs = self.call(dummy_inputs)
            sequence_length = ops.shape(dummy_outputs)[1]
            projection_dim = ops.shape(dummy_outputs)[-1]
            embed_layer = layers.Embedding(input_dim=sequence_length, output_dim=projection_dim)
            return embed_layer, sequence_length
        return None


class StochasticDepth(layers.Layer):
    def __init__(self, drop_prop, **kwargs):
        super().__init__(**kwargs)
        self.drop_prob = drop_prop
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, x, training=None):
        if training:
            keep_prob = 1 - self.drop_prob
            shape = (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)
            random_tensor = keep_prob + keras.random.uniform(shape, 0, 1, seed=self.seed_generator)
            random_tensor = ops.floor(random_tensor)
            return (x / keep_prob) * random_tensor
        return x


def mlp(x, hidden_units, dropout_rate):
    for units in hidden_units:
        x = layers.Dense(units, activation=ops.gelu)(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


def create_cct_model(image_size=image_size, input_shape=input_shape, num_heads=num_heads,
                     projection_dim=projection_dim, transformer_units=transformer_units):
    inputs = layers.Input(input_shape)
    cct_tokenizer = CCTTokenizer()
    encoded_patches = cct_tokenizer(inputs)

    if positional_emb:
        pos_embed, seq_length = cct_tokenizer.positional_embedding(image_size)
        positions = ops.arange(start=0, stop=seq_length, step=1)
        position_embeddings = pos_embed(positions)
        encoded_patches += position_embeddings

    dpr = [x for x in ops.convert_to_numpy(ops.linspace(0, stochastic_depth_rate, transformer_layers))]
    for i in range(transformer_layers):
        x1 = layers.LayerNormalization(epsilon=1e-5)(encoded_patches)
        attention_output = layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=projection_dim, dropout=0.1
        )(x1, x1)
        attention_output = StochasticDepth(float(dpr[i]))(attention_output)
        x2 = layers.Add()([attention_output, encoded_patches])
        x3 = layers.LayerNormalization(epsilon=1e-5)(x2)
        x3 = mlp(x3, hidden_units=transformer_units, dropout_rate=0.1)
        x3 = StochasticDepth(float(dpr[i]))(x3)
        encoded_patches = layers.Add()([x3, x2])

    representation = layers.LayerNormalization(epsilon=1e-5)(encoded_patches)
    attention_weights = ops.softmax(layers.Dense(1)(representation), axis=1)
    weighted_representation = ops.matmul(ops.transpose(attention_weights, axes=(0, 2, 1)), representation)
    weighted_representation = ops.squeeze(weighted_representation, -2)
    logits = layers.Dense(num_classes)(weighted_representation)
    return keras.Model(inputs=inputs, outputs=logits)


def build_model():
    return create_cct_model()
